import { Injectable } from '@nestjs/common';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { LookupFunction } from 'node:net';
import { NotificationsConfig } from '../config';
import { HostResolver } from './host-resolver';
import { signatureHeader } from './signature';
import { checkWebhookUrl, isPublicAddress } from './url-guard';

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
  /** A short reason of our own words or a system error code: what the delivery log shows its owner. */
  error?: string;
}

/** The error our lookup raises for a name that resolves to a non-public address. */
const PRIVATE_ADDRESS = 'EPRIVATEADDRESS';
const TIMEOUT = 'ETIMEDOUT';

/**
 * What the delivery log may say about a failed request. Never the receiver's body (it may hold anything, secrets
 * included, and the log is shown to the subscription's owner), nor an error message, which can carry addresses
 * and names of our network: a system error code (ECONNREFUSED, CERT_HAS_EXPIRED…) or our own words.
 */
function failureReason(err: unknown, timeoutMs: number): string {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === PRIVATE_ADDRESS) return 'refused: the host resolves to a non-public address';
  if (code === TIMEOUT) return `no answer within ${timeoutMs} ms`;
  return typeof code === 'string' && /^[A-Z][A-Z0-9_]{1,63}$/.test(code) ? code : 'request failed';
}

/**
 * POSTs one delivery. Every address a name resolves to is checked inside the socket's own DNS lookup, so the name
 * cannot resolve to a public address for a check and to a private one for the connection (DNS rebinding); a
 * literal address never reaches the lookup (Node connects to it directly), so the URL is checked again here.
 * Redirects are not followed (a 3xx is a failure): a redirect is another way to a private address. The answer's
 * body is never read: only its status counts.
 */
@Injectable()
export class WebhookSender {
  constructor(
    private readonly config: NotificationsConfig,
    private readonly resolver: HostResolver,
  ) {}

  send(a: WebhookAttempt): Promise<WebhookOutcome> {
    const problem = checkWebhookUrl(a.url, this.config.WEBHOOK_ALLOW_PRIVATE_URLS);
    if (problem) return Promise.resolve({ ok: false, error: `refused URL: ${problem}` });
    const url = new URL(a.url);
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const timeoutMs = this.config.WEBHOOK_TIMEOUT_MS;
    return new Promise<WebhookOutcome>((resolve) => {
      const req = request(
        url,
        {
          method: 'POST',
          lookup: this.guardedLookup(),
          timeout: timeoutMs,
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
          const status = res.statusCode ?? 0;
          const ok = status >= 200 && status < 300;
          resolve({ ok, status, ...(ok ? {} : { error: `HTTP ${status}` }) });
          // The status is the whole answer: a receiver that streams a body forever holds nothing of ours.
          res.destroy();
        },
      );
      req.on('timeout', () =>
        req.destroy(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: TIMEOUT })),
      );
      req.on('error', (err) => resolve({ ok: false, error: failureReason(err, timeoutMs) }));
      req.end(a.body);
    });
  }

  private guardedLookup(): LookupFunction {
    const allowPrivate = this.config.WEBHOOK_ALLOW_PRIVATE_URLS;
    return (hostname, options, callback) => {
      const family = options.family === 4 || options.family === 6 ? options.family : 0;
      this.resolver.resolve(hostname, family).then(
        (addresses) => {
          if (!addresses.length) {
            return callback(
              Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }),
              '',
            );
          }
          // Every address, not only the first: the connection may fall back to any of them.
          const refused = !allowPrivate && addresses.find((a) => !isPublicAddress(a.address));
          if (refused) {
            return callback(
              Object.assign(new Error(`${hostname} resolves to a non-public address`), {
                code: PRIVATE_ADDRESS,
              }),
              '',
            );
          }
          if (options.all) return callback(null, addresses);
          callback(null, addresses[0].address, addresses[0].family);
        },
        (err: NodeJS.ErrnoException) => callback(err, ''),
      );
    };
  }
}
