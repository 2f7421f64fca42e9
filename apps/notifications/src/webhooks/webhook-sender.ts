import { Injectable } from '@nestjs/common';
import { lookup as dnsLookup, LookupAddress } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { LookupFunction } from 'node:net';
import { NotificationsConfig } from '../config';
import { checkWebhookUrl, isPrivateAddress } from './url-guard';
import { signatureHeader } from './signature';

export interface WebhookAttempt {
  deliveryId: string;
  eventId: string;
  eventType: string;
  attempt: number;
  url: string;
  secret: string;
  body: string;
  nowSeconds: number;
}

export interface WebhookOutcome {
  ok: boolean;
  status?: number;
  error?: string;
}

const RESPONSE_BYTES_KEPT = 500;

/**
 * POSTs one delivery. The resolved address is checked inside the socket's own DNS lookup, so the name cannot
 * resolve to a public address for a check and to a private one for the connection (DNS rebinding). Redirects are
 * not followed (a 3xx is a failure): a redirect is another way to a private address.
 */
@Injectable()
export class WebhookSender {
  constructor(private readonly config: NotificationsConfig) {}

  send(a: WebhookAttempt): Promise<WebhookOutcome> {
    const problem = checkWebhookUrl(a.url, this.config.WEBHOOK_ALLOW_PRIVATE_URLS);
    if (problem) return Promise.resolve({ ok: false, error: `refused URL: ${problem}` });
    const url = new URL(a.url);
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<WebhookOutcome>((resolve) => {
      const req = request(
        url,
        {
          method: 'POST',
          lookup: this.guardedLookup(),
          timeout: this.config.WEBHOOK_TIMEOUT_MS,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(a.body),
            'user-agent': 'ocop-notifications/1',
            'x-ocop-delivery-id': a.deliveryId,
            'x-ocop-event-id': a.eventId,
            'x-ocop-event-type': a.eventType,
            'x-ocop-attempt': String(a.attempt),
            'x-ocop-signature': signatureHeader(a.secret, a.nowSeconds, a.body),
          },
        },
        (res) => {
          let kept = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            if (kept.length < RESPONSE_BYTES_KEPT) kept += chunk.slice(0, RESPONSE_BYTES_KEPT - kept.length);
          });
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            const ok = status >= 200 && status < 300;
            resolve({ ok, status, ...(ok ? {} : { error: `HTTP ${status}${kept ? `: ${kept}` : ''}` }) });
          });
          res.on('error', (err) => resolve({ ok: false, status: res.statusCode, error: err.message }));
        },
      );
      req.on('timeout', () =>
        req.destroy(new Error(`no answer within ${this.config.WEBHOOK_TIMEOUT_MS} ms`)),
      );
      req.on('error', (err) => resolve({ ok: false, error: err.message }));
      req.end(a.body);
    });
  }

  private guardedLookup(): LookupFunction {
    const allowPrivate = this.config.WEBHOOK_ALLOW_PRIVATE_URLS;
    return (hostname, options, callback) => {
      dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
        if (err) return callback(err, '', 0);
        const refused = !allowPrivate && addresses.find((a) => isPrivateAddress(a.address));
        if (refused) {
          return callback(
            Object.assign(
              new Error(`refused: ${hostname} resolves to a private address (${refused.address})`),
              {
                code: 'EPRIVATE',
              },
            ),
            '',
            0,
          );
        }
        if (options.all)
          return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
        callback(null, addresses[0].address, addresses[0].family);
      });
    };
  }
}
