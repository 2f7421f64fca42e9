import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';

export interface ReceivedHook {
  headers: IncomingHttpHeaders;
  body: string;
  /** What the receiver answered: 204, or the status failNext asked for. */
  status: number;
}

/** A retailer's system as the platform sees it: an HTTP endpoint that takes webhook deliveries. */
export class WebhookReceiver {
  readonly received: ReceivedHook[] = [];
  private server?: Server;
  private failures: number[] = [];

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        const status = this.failures.shift() ?? 204;
        this.received.push({ headers: req.headers, body, status });
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return this;
  }

  /** The next delivery is answered with this status instead of 204: a receiver down for a moment. */
  failNext(status = 500): void {
    this.failures.push(status);
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}/ocop-webhooks`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/**
 * What a retailer's receiver does with `X-OCOP-Signature: t=<unix>,v1=<hex>`: HMAC-SHA256 of `t.body` with the
 * subscription's secret, compared in constant time, within 5 minutes of now (written here from the README, not
 * imported from the service: this is the receiving side).
 */
export function signatureValid(secret: string, header: string | undefined, body: string): boolean {
  const parts = Object.fromEntries((header ?? '').split(',').map((p) => p.split('=', 2) as [string, string]));
  const t = Number(parts['t']);
  if (
    !Number.isInteger(t) ||
    Math.abs(Date.now() / 1000 - t) > 300 ||
    !/^[0-9a-f]{64}$/.test(parts['v1'] ?? '')
  )
    return false;
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  return timingSafeEqual(expected, Buffer.from(parts['v1'], 'hex'));
}
