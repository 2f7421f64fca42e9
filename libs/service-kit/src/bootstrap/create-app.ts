import { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { bilingual, DomainError } from '@ocop/contracts';
import { Logger } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { acceptableId } from '../logging/logging';
import { useProblemJsonParser } from '../errors/json-body-parser';
import { refuseNulCharacters } from '../errors/nul-guard';
import { RouteRateLimits, useRateLimits } from '../http/rate-limits';
import { checkCallers, requestAuthenticator } from '../http/caller';
import { UploadRoutes, useUploadRoutes } from '../http/uploads';
import { BaseServiceConfig } from '../config/base-config';
import { ProblemFilter } from '../errors/problem.filter';
import { createValidationPipe } from '../errors/validation';
import { Readiness } from '../health/readiness';
import { Metrics } from '../metrics/metrics';

const malformedUrl = () =>
  new DomainError(
    'malformed-url',
    400,
    bilingual('Địa chỉ không hợp lệ', 'Malformed URL'),
    bilingual('mã hóa phần trăm (%XX) không hợp lệ', 'invalid percent-encoding (%XX)'),
  );

export interface AppSpec<C extends BaseServiceConfig> {
  name: string;
  title: string;
  description: string;
  module: (config: C) => DynamicModule | Type<unknown>;
  /** Attaches NATS transports (event consumers, request-reply) before the app starts. */
  connectMicroservices?: (app: INestApplication, config: C) => void;
  /** Extra HTTP setup: CORS, content-type parsers. */
  configureHttp?: (app: NestFastifyApplication, config: C) => void | Promise<void>;
  /** Per-route request budgets ('POST /reports' → 10 an hour) instead of the service-wide ones. */
  routeRateLimits?: (config: C) => RouteRateLimits;
  /** Routes that read bodies larger than HTTP_BODY_LIMIT_BYTES, or media types other than JSON (uploads.ts). */
  uploadRoutes?: (config: C) => UploadRoutes;
  /** The problem for a URL the router cannot decode (malformed percent-encoding); a generic one by default. */
  badUrlProblem?: (path: string) => DomainError;
  /**
   * TLS for a service that terminates it itself (lookup, whose QR codes are scanned straight from the street):
   * the certificate chain and key in PEM. The server then speaks HTTP/2 and, for older clients, HTTP/1.1 (ALPN).
   * Undefined: plain HTTP/1.1, as behind a reverse proxy and in development.
   */
  tls?: (config: C) => { cert: Buffer; key: Buffer } | undefined;
}

/**
 * Builds a service's application exactly as production runs it; integration tests call this too, with a test
 * database and namespace in the config, so that what is tested is what ships.
 */
export async function createServiceApp<C extends BaseServiceConfig>(
  spec: AppSpec<C>,
  config: C,
): Promise<NestFastifyApplication> {
  const tls = spec.tls?.(config);
  const adapter = new FastifyAdapter({
    bodyLimit: config.HTTP_BODY_LIMIT_BYTES,
    // Closing idle keep-alive sockets lets shutdown finish; busy ones are allowed to complete their request.
    // An HTTP/2 server has no idle sockets to pick out: its sessions are closed on shutdown instead.
    forceCloseConnections: tls ? true : 'idle',
    ...(tls ? { http2: true, https: { ...tls, allowHTTP1: true } } : {}),
    trustProxy: config.HTTP_TRUST_PROXY > 0 ? config.HTTP_TRUST_PROXY : false,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 500 },
    // Fastify owns the request id (pino-http and the request context reuse it): the caller's when it looks
    // like an id, a fresh UUID otherwise.
    requestIdHeader: false,
    genReqId: (req: IncomingMessage) => acceptableId(req.headers['x-request-id']) ?? randomUUID(),
    // Errors the router raises before any route or hook (a URL that does not decode) leave as problems too.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      const path = request.url.split('?')[0];
      const problem =
        error.code === 'FST_ERR_BAD_URL'
          ? (spec.badUrlProblem?.(path) ?? malformedUrl())
          : new DomainError('bad-request', 400, 'Bad request', error.message);
      void reply.code(problem.status).type('application/problem+json').send(problem.toProblem(path));
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(spec.module(config), adapter, {
    bufferLogs: true,
    abortOnError: false,
    // Our JSON parser (useProblemJsonParser) replaces Nest's, so that parse errors keep a specific code.
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.flushLogs();
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemFilter());

  const metrics = app.get(Metrics);
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  // First: the rate limiter and the upload routes decide by whether the request's credentials verify.
  checkCallers(fastify, requestAuthenticator(app));
  useProblemJsonParser(fastify);
  refuseNulCharacters(fastify);
  await useRateLimits(fastify, config, spec.routeRateLimits?.(config) ?? {});
  useUploadRoutes(fastify, spec.uploadRoutes?.(config) ?? {});
  fastify.addHook('onResponse', async (request, reply) => {
    metrics.httpDuration.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });
  // Flip readiness before anything closes, so a load balancer stops routing here first.
  const readiness = app.get(Readiness);
  fastify.addHook('preClose', async () => {
    readiness.draining = true;
  });

  if (spec.configureHttp) await spec.configureHttp(app, config);

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(spec.title)
      .setDescription(spec.description)
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });

  spec.connectMicroservices?.(app, config);
  return app;
}
