import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';

export interface Hit {
  headers: IncomingHttpHeaders;
  body: string;
  status: number;
}

/**
 * A retailer's system: a real HTTP server on a free port. `respond` decides each answer (200 by default) and
 * `answerBody` its body; `hold` keeps requests waiting until released, to catch the service with a send in flight.
 */
export class WebhookReceiver {
  readonly hits: Hit[] = [];
  respond: (hit: Omit<Hit, 'status'>) => number = () => 200;
  /** The body of each answer, given its status. */
  answerBody: (status: number) => string = (status) => (status < 300 ? 'ok' : 'nope');
  private held: (() => void)[] = [];
  hold = false;
  private server?: Server;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const partial = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
        const answer = () => {
          const status = this.respond(partial);
          this.hits.push({ ...partial, status });
          res.writeHead(status, { 'content-type': 'text/plain' }).end(this.answerBody(status));
        };
        if (this.hold) this.held.push(answer);
        else answer();
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
    return this;
  }

  get waiting(): number {
    return this.held.length;
  }

  release(): void {
    this.hold = false;
    for (const answer of this.held.splice(0)) answer();
  }

  /** Successful hits by delivery id. */
  deliveredIds(): string[] {
    return this.hits.filter((h) => h.status < 300).map((h) => String(h.headers['x-ocop-delivery-id']));
  }

  async stop(): Promise<void> {
    this.release();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}
