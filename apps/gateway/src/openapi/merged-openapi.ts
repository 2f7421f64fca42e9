import type { FastifyInstance } from 'fastify';
import { GatewayConfig, Upstream, UPSTREAMS, upstreamUrl } from '../config';
import { sessionCookieName } from '../sessions/session-cookie';

type Json = Record<string, unknown>;

const SCHEMA_REF = '#/components/schemas/';

/** Every $ref to a component schema of `service` now names the prefixed copy ("catalogue.ProductView"). */
function prefixRefs(value: unknown, service: string): unknown {
  if (Array.isArray(value)) return value.map((v) => prefixRefs(v, service));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => [
      key,
      key === '$ref' && typeof v === 'string' && v.startsWith(SCHEMA_REF)
        ? `${SCHEMA_REF}${service}.${v.slice(SCHEMA_REF.length)}`
        : prefixRefs(v, service),
    ]),
  );
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** A service's paths under its prefix, with tags and operation ids that cannot meet another service's. */
function prefixedPaths(doc: Json, service: string, prefix: string): Json {
  const paths = (doc['paths'] ?? {}) as Record<string, Json>;
  return Object.fromEntries(
    Object.entries(paths).map(([path, item]) => {
      const copy = prefixRefs(item, service) as Json;
      for (const method of METHODS) {
        const op = copy[method] as Json | undefined;
        if (!op) continue;
        op['tags'] = ((op['tags'] as string[] | undefined) ?? ['default']).map((t) => `${service} · ${t}`);
        if (typeof op['operationId'] === 'string') op['operationId'] = `${service}_${op['operationId']}`;
      }
      return [`${prefix}${path}`, copy];
    }),
  );
}

const schemasOf = (doc: Json, service: string): Json =>
  Object.fromEntries(
    Object.entries(((doc['components'] as Json | undefined)?.['schemas'] ?? {}) as Json).map(([name, s]) => [
      `${service}.${name}`,
      prefixRefs(s, service),
    ]),
  );

/**
 * One OpenAPI document for the platform as the portal reaches it: the gateway's own session paths, and each
 * service's paths under /api/<service>. A service that does not answer is named under x-unavailable-services and
 * left out, so the reference of the others still loads.
 */
export async function mergedOpenApi(fastify: FastifyInstance, config: GatewayConfig): Promise<Json> {
  const own = (await fastify.inject({ method: 'GET', url: '/docs/openapi.json' })).json() as Json;
  const fetched = await Promise.all(
    UPSTREAMS.map(async (service: Upstream) => {
      try {
        const res = await fetch(`${upstreamUrl(config, service)}/docs/openapi.json`, {
          signal: AbortSignal.timeout(Math.min(config.UPSTREAM_TIMEOUT_MS, 10_000)),
        });
        return { service, doc: res.ok ? ((await res.json()) as Json) : undefined };
      } catch {
        return { service, doc: undefined };
      }
    }),
  );
  const paths: Json = { ...((own['paths'] ?? {}) as Json) };
  const schemas: Json = { ...(((own['components'] as Json | undefined)?.['schemas'] ?? {}) as Json) };
  for (const { service, doc } of fetched) {
    if (!doc) continue;
    Object.assign(paths, prefixedPaths(doc, service, `/api/${service}`));
    Object.assign(schemas, schemasOf(doc, service));
  }
  const unavailable = fetched.filter((f) => !f.doc).map((f) => f.service);
  return {
    openapi: own['openapi'] ?? '3.0.0',
    info: {
      title: 'OCOP Trace',
      version: '1',
      description:
        'Toàn bộ API của nền tảng qua cổng thông tin: đăng nhập bằng phiên (cookie) tại /api/session, hoặc gửi ' +
        'Bearer token. / The whole platform’s API through the portal’s gateway: sign in with a session (cookie) ' +
        'at /api/session, or send a Bearer token.',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas,
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        cookie: { type: 'apiKey', in: 'cookie', name: sessionCookieName(config) },
      },
    },
    ...(unavailable.length ? { 'x-unavailable-services': unavailable } : {}),
  };
}
