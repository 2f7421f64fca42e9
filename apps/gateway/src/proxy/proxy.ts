import replyFrom from '@fastify/reply-from';
import { DomainError } from '@ocop/contracts';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingHttpHeaders } from 'node:http';
import { GatewayConfig, Upstream, UPSTREAMS, upstreamUrl } from '../config';
import { GatewayProblems } from '../gateway.problems';
import { checkCsrf, CSRF_HEADER, sessionIdOf } from '../sessions/session-cookie';
import { SessionsService } from '../sessions/sessions.service';

const isUpstream = (name: string): name is Upstream => (UPSTREAMS as readonly string[]).includes(name);

/**
 * Identity's routes that answer with tokens, and what a browser with a session calls instead: through the proxy
 * their tokens would reach page script, and a password change would end the session it was made in.
 */
const TOKEN_ROUTES = new Map([
  ['/auth/login', 'POST /api/session'],
  ['/auth/refresh', 'GET /api/session'],
  ['/auth/token', 'POST /api/session'],
  ['/me/password', 'POST /api/session/password'],
]);

/** Connection failures that mean "nobody is listening / the service went away", as opposed to a slow one. */
const UNAVAILABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EHOSTUNREACH', 'UND_ERR_SOCKET']);
const TIMEOUT = new Set([
  'FST_REPLY_FROM_GATEWAY_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
]);

function causeCode(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: string; cause?: { code?: string } } }).cause;
  return cause?.code ?? cause?.cause?.code;
}

/** What reply-from reports, as one of the gateway's problems. */
function upstreamProblem(service: string, error: FastifyError): DomainError {
  const code = causeCode(error);
  if (error.code === 'FST_REPLY_FROM_SERVICE_UNAVAILABLE' || (code && UNAVAILABLE.has(code)))
    return GatewayProblems.serviceUnavailable(service);
  if (TIMEOUT.has(error.code) || (code && TIMEOUT.has(code))) return GatewayProblems.serviceTimeout(service);
  return GatewayProblems.badGateway(service);
}

const sendProblem = (reply: FastifyReply, request: FastifyRequest, problem: DomainError) =>
  reply
    .code(problem.status)
    .type('application/problem+json')
    .send(problem.toProblem(request.url.split('?')[0]));

/**
 * /api/<service>/<path> → the service's /<path>, bodies and answers streamed both ways (uploads, PDF and CSV
 * downloads, the notifications inbox's event stream). A request with a session cookie goes on with the session's
 * access token; one with its own Authorization header (API clients, scripts) goes on as it came — no cookie is
 * read for it, so CSRF cannot ride on it (decision 0050).
 */
export async function registerProxy(
  fastify: FastifyInstance,
  config: GatewayConfig,
  sessions: SessionsService,
): Promise<void> {
  await fastify.register(async (scope) => {
    // The services parse bodies; the gateway passes the bytes on untouched, within each service's own limits.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
    await scope.register(replyFrom, {
      // A GET that met a 503 (a draining service) is answered at once, not retried for up to minutes.
      retryMethods: [],
      disableRequestLogging: true,
      undici: {
        headersTimeout: config.UPSTREAM_TIMEOUT_MS,
        // No limit between body chunks: the inbox's event stream stays open and quiet for minutes.
        bodyTimeout: 0,
      },
    });
    scope.setErrorHandler((error: FastifyError, request, reply) => {
      if (error instanceof DomainError) return sendProblem(reply, request, error);
      if (error.statusCode === 400)
        return sendProblem(reply, request, new DomainError('bad-request', 400, 'Bad request', error.message));
      request.log.error({ err: error }, 'gateway failure');
      return sendProblem(reply, request, GatewayProblems.badGateway('gateway'));
    });

    const forward = async (request: FastifyRequest<{ Params: { service: string } }>, reply: FastifyReply) => {
      const service = request.params.service;
      const prefix = `/api/${service}`;
      const raw = request.raw.url ?? '';
      // The router decoded the service name; the rest is passed on as the browser encoded it.
      if (
        !isUpstream(service) ||
        !raw.startsWith(prefix) ||
        !['', '/', '?'].includes(raw[prefix.length] ?? '')
      )
        throw GatewayProblems.unknownService(service);
      const path = `/${raw.slice(prefix.length).replace(/^\/+/, '')}`;

      let accessToken: string | undefined;
      if (request.headers.authorization === undefined) {
        const sessionId = sessionIdOf(request, config);
        if (sessionId) {
          const instead =
            service === 'identity' ? TOKEN_ROUTES.get(path.split('?')[0].replace(/\/+$/, '')) : undefined;
          if (instead) throw GatewayProblems.sessionEndpoint(instead);
        }
        // Without a session too: another site must not make a browser sign up or ask for resets in its name.
        checkCsrf(request, config, sessions, sessionId);
        if (sessionId) accessToken = (await sessions.use(sessionId, request.id)).accessToken;
      }
      return reply.from(`${upstreamUrl(config, service)}${path}`, {
        rewriteRequestHeaders: (_req, headers) => forwardedHeaders(request, headers, accessToken, config),
        onError: (_r, { error }) =>
          void sendProblem(reply, request, upstreamProblem(service, error as FastifyError)),
      });
    };
    scope.all('/api/:service', forward);
    scope.all('/api/:service/*', forward);
  });
}

/** What the service receives: never the browser's cookies or CSRF token; the session's token; the request id. */
function forwardedHeaders(
  request: FastifyRequest,
  headers: IncomingHttpHeaders,
  accessToken: string | undefined,
  config: GatewayConfig,
): IncomingHttpHeaders {
  const { cookie: _cookie, [CSRF_HEADER]: _csrf, ...rest } = headers;
  return {
    ...rest,
    ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}),
    'x-request-id': request.id,
    'x-forwarded-for': [headers['x-forwarded-for'], request.ip].filter(Boolean).join(', '),
    'x-forwarded-proto': new URL(config.PUBLIC_URL).protocol.replace(':', ''),
    'x-forwarded-host': new URL(config.PUBLIC_URL).host,
  };
}
