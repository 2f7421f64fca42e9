import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Metrics, requestAuthenticator } from '@ocop/service-kit';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { problem } from '../common/bilingual';
import { LookupConfig } from '../config';
import { HttpIn, HttpOut, PublicRoutes, sendProblem } from './public-routes';

const ALLOW_ORIGIN = '*';
const EXPOSE_HEADERS = 'Link, Location, ETag, Retry-After';
/** GS1 resolvers declare the methods they answer on every response, not only on preflights. */
const ALLOW_METHODS = 'GET, HEAD, OPTIONS';

/** A reply written straight to Node's response: one writeHead, one end. */
class RawReply implements HttpOut {
  private status = 200;
  private readonly headers: Record<string, string | number> = {
    'access-control-allow-origin': ALLOW_ORIGIN,
    'access-control-expose-headers': EXPOSE_HEADERS,
    'access-control-allow-methods': ALLOW_METHODS,
  };

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

  send(body?: string | Buffer | object): void {
    // A Buffer goes as it is, under the type set (as Fastify sends one): the linkset's media type has no charset.
    if (Buffer.isBuffer(body)) {
      this.headers['content-length'] = body.length;
      this.res.writeHead(this.status, this.headers);
      this.res.end(this.head ? undefined : body);
      return;
    }
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

/** Requests per client address in the current one-minute window, anonymous and verified callers apart. */
class MinuteBudget {
  private anonymous = new Map<string, number>();
  private authenticated = new Map<string, number>();
  private endsAt = Date.now() + 60_000;

  constructor(
    private readonly anonymousLimit: number,
    private readonly authenticatedLimit: number,
  ) {}

  /** Counts a request; the seconds until the window ends when the client is over its budget, else 0. */
  take(ip: string, verified: boolean, now: number): number {
    if (now >= this.endsAt) {
      this.anonymous = new Map();
      this.authenticated = new Map();
      this.endsAt = now + 60_000;
    }
    const counts = verified ? this.authenticated : this.anonymous;
    const count = (counts.get(ip) ?? 0) + 1;
    counts.set(ip, count);
    return count > (verified ? this.authenticatedLimit : this.anonymousLimit)
      ? Math.ceil((this.endsAt - now) / 1000)
      : 0;
  }
}

/**
 * The client's address as Fastify's routes see it (trustProxy with a hop count): the socket's, or behind
 * `hops` trusted reverse proxies the address that many hops back along X-Forwarded-For (its first entry when the
 * header is shorter). The caller writes the header's first entries, so they are never taken on trust.
 */
export function clientAddress(req: IncomingMessage, hops: number): string {
  const socket = req.socket.remoteAddress ?? '';
  const forwarded = hops > 0 ? req.headers['x-forwarded-for'] : undefined;
  if (typeof forwarded !== 'string' || !forwarded) return socket;
  const chain = forwarded.split(',');
  return chain[Math.max(0, chain.length - hops)].trim() || socket;
}

/**
 * The scan hot path on the listening HTTP server, ahead of Fastify: GET and HEAD of /01/…, /p/01/… and
 * /status/01/… (and their /t/ twins, decision 0048) go straight to the same handlers Fastify's routes call, without the per-request middleware,
 * hooks and plugins every other route gets (request-context, pino-http, rate-limit store, CORS plugin). What
 * they would add is done here: CORS headers, a per-client limit (fixed one-minute window, same budgets: the larger
 * one only for a bearer token that verifies, checked before the scan is served), the
 * HTTP duration metric. A repeat JSON scan is answered synchronously from its rendered answer (PublicRoutes.hotJson)
 * before any reply object or promise exists. Measurements: decision 0016 and docs/benchmarks.md.
 */
export function installFastPath(app: NestFastifyApplication): void {
  const config = app.get(LookupConfig);
  const fastify = app.getHttpAdapter().getInstance();
  const server = fastify.server;
  const routes = app.get(PublicRoutes);
  const authenticator = requestAuthenticator(app);
  const duration = app.get(Metrics).httpDuration;
  const [fastifyHandler] = server.listeners('request') as ((
    req: IncomingMessage,
    res: ServerResponse,
  ) => void)[];
  if (!fastifyHandler) return;

  const proxyHops = config.HTTP_TRUST_PROXY;
  // The same budgets as every other request of the platform (service-kit's rate limits); 0 means none.
  const budget = new MinuteBudget(
    config.RATE_LIMIT_PUBLIC_PER_MINUTE || Infinity,
    config.RATE_LIMIT_AUTHENTICATED_PER_MINUTE || Infinity,
  );
  // One histogram child per method and status: labelling by object on every request cost more than the scan.
  const timers = new Map<number, ReturnType<typeof duration.labels>>();
  const observe = (method: string, status: number, started: number) => {
    const key = method === 'GET' ? status : -status;
    let timer = timers.get(key);
    if (!timer) {
      timer = duration.labels({ method, route: 'resolver', status: String(status) });
      timers.set(key, timer);
    }
    timer.observe((performance.now() - started) / 1000);
  };

  const serve = (
    req: IncomingMessage,
    res: ServerResponse,
    handler: NonNullable<ReturnType<PublicRoutes['hotRoute']>>,
    url: string,
    method: string,
    started: number,
    verified: boolean,
  ): void => {
    const headers = req.headers;
    const ip = clientAddress(req, proxyHops);
    const retry = budget.take(ip, verified, Date.now());
    if (retry) {
      const reply = new RawReply(res, method === 'HEAD');
      sendProblem(
        reply,
        problem(
          'too-many-requests',
          429,
          `Vui lòng thử lại sau ${retry} giây`,
          `Please try again in ${retry} seconds`,
          { retryAfterSeconds: retry },
        ),
        url.split('?')[0],
      );
      return observe(method, 429, started);
    }
    const hot = routes.hotJson(url, method, headers.accept, ip);
    if (hot) {
      res.writeHead(200, {
        'access-control-allow-origin': ALLOW_ORIGIN,
        'access-control-expose-headers': EXPOSE_HEADERS,
        'access-control-allow-methods': ALLOW_METHODS,
        vary: 'Accept, Accept-Language',
        link: hot.link,
        'cache-control': 'no-store',
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(hot.body),
      });
      res.end(method === 'HEAD' ? undefined : hot.body);
      return observe(method, 200, started);
    }
    const reply = new RawReply(res, method === 'HEAD');
    const request: HttpIn = { url, method, ip, headers };
    handler(request, reply).then(
      () => observe(method, reply.statusCode, started),
      (err: unknown) => res.destroy(err as Error),
    );
  };

  server.removeListener('request', fastifyHandler);
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '/';
    const method = req.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') return fastifyHandler(req, res);
    const handler = routes.hotRoute(url);
    if (!handler) return fastifyHandler(req, res);
    const started = performance.now();
    const authorization = req.headers.authorization;
    // Anonymous scans (nearly all) stay synchronous; a bearer token is verified first, and one that does not
    // verify leaves the request in the anonymous budget.
    if (authorization === undefined || !authenticator) {
      return serve(req, res, handler, url, method, started, false);
    }
    authenticator.authenticate(authorization).then(
      () => serve(req, res, handler, url, method, started, true),
      () => serve(req, res, handler, url, method, started, false),
    );
  });
}
