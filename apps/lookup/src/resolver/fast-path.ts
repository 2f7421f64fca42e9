import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Metrics } from '@ocop/service-kit';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { problem } from '../common/bilingual';
import { LookupConfig } from '../config';
import { HttpIn, HttpOut, PublicRoutes, sendProblem } from './public-routes';

const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'Link, Location, ETag, Retry-After',
};

/** A reply written straight to Node's response: one writeHead, one end. */
class RawReply implements HttpOut {
  private status = 200;
  private readonly headers: Record<string, string | number> = { ...CORS_HEADERS };

  constructor(
    private readonly res: ServerResponse,
    private readonly head: boolean,
  ) {}

  get statusCode(): number {
    return this.status;
  }

  code(status: number): this {
    this.status = status;
    return this;
  }

  header(name: string, value: string): this {
    this.headers[name] = value;
    return this;
  }

  type(contentType: string): this {
    this.headers['content-type'] = contentType;
    return this;
  }

  send(body?: string | object): void {
    let payload = '';
    if (typeof body === 'string') payload = body;
    else if (body !== undefined) {
      payload = JSON.stringify(body);
      this.headers['content-type'] ??= 'application/json; charset=utf-8';
    }
    if (
      payload &&
      typeof this.headers['content-type'] === 'string' &&
      !this.headers['content-type'].includes('charset')
    ) {
      this.headers['content-type'] += '; charset=utf-8';
    }
    this.headers['content-length'] = Buffer.byteLength(payload);
    this.res.writeHead(this.status, this.headers);
    this.res.end(this.head ? undefined : payload);
  }
}

/**
 * The scan hot path on the listening HTTP server, ahead of Fastify: GET and HEAD of /01/…, /p/01/… and
 * /status/01/… go straight to the same handlers Fastify's routes call, without the per-request middleware,
 * hooks and plugins every other route gets (request-context, pino-http, rate-limit store, CORS plugin). What
 * they would add is done here: CORS headers, a per-client limit (fixed one-minute window, same budget), the
 * HTTP duration metric. Measured here: a trivial route through the whole stack served ~12,700 req/s, while the
 * resolver's own work on a cached answer is 16–25 µs (decision 0016, benchmark).
 */
export function installFastPath(app: NestFastifyApplication): void {
  const config = app.get(LookupConfig);
  const fastify = app.getHttpAdapter().getInstance();
  const server = fastify.server;
  const routes = app.get(PublicRoutes);
  const duration = app.get(Metrics).httpDuration;
  const [fastifyHandler] = server.listeners('request') as ((
    req: IncomingMessage,
    res: ServerResponse,
  ) => void)[];
  if (!fastifyHandler) return;

  let window = new Map<string, number>();
  let windowEnds = Date.now() + 60_000;
  // The same budgets as every other request of the platform (service-kit's rate limits): anonymous and with
  // credentials apart, per client address; 0 means none.
  const publicLimit = config.RATE_LIMIT_PUBLIC_PER_MINUTE || Infinity;
  const authenticatedLimit = config.RATE_LIMIT_AUTHENTICATED_PER_MINUTE || Infinity;

  server.removeListener('request', fastifyHandler);
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '/';
    const method = req.method ?? 'GET';
    const handler = method === 'GET' || method === 'HEAD' ? routes.hotRoute(url) : undefined;
    if (!handler) return fastifyHandler(req, res);
    const started = performance.now();
    const ip = req.socket.remoteAddress ?? '';
    const now = Date.now();
    if (now >= windowEnds) {
      window = new Map();
      windowEnds = now + 60_000;
    }
    const credentials = req.headers.authorization !== undefined || req.headers['x-api-key'] !== undefined;
    const key = credentials ? `a:${ip}` : `p:${ip}`;
    const limit = credentials ? authenticatedLimit : publicLimit;
    const count = (window.get(key) ?? 0) + 1;
    window.set(key, count);
    const reply = new RawReply(res, method === 'HEAD');
    const done = () =>
      duration.observe(
        { method, route: 'resolver', status: String(reply.statusCode) },
        (performance.now() - started) / 1000,
      );
    if (count > limit) {
      const retry = Math.ceil((windowEnds - now) / 1000);
      sendProblem(
        reply,
        problem(
          'too-many-requests',
          429,
          `Vui lòng thử lại sau ${retry} giây`,
          `Please try again in ${retry} seconds`,
          {
            retryAfterSeconds: retry,
          },
        ),
        url.split('?')[0],
      );
      return done();
    }
    const request: HttpIn = { url, method, ip, headers: req.headers };
    handler(request, reply).then(done, (err: unknown) => {
      res.destroy(err as Error);
    });
  });
}
