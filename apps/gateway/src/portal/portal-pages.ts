import fastifyStatic from '@fastify/static';
import { DomainError, bilingual } from '@ocop/contracts';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { GatewayConfig } from '../config';

/**
 * What the portal's pages may load: script and data from this origin only, no framing. Styles allow inline
 * because antd writes its component styles at run time (CSS-in-JS); no inline script is allowed anywhere.
 * Images may come from blob:/data: (photo previews before upload) and the map's tile source.
 */
export function portalCsp(config: GatewayConfig): string {
  const tiles = config.MAP_TILE_URL
    ? ` ${new URL(config.MAP_TILE_URL.replace(/\{[a-z]\}/g, '0')).origin}`
    : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${tiles}`,
    `connect-src 'self'${tiles}`,
    "worker-src 'self' blob:",
    "font-src 'self' data:",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join('; ');
}

const portalNotBuilt = () =>
  new DomainError(
    'portal-not-built',
    503,
    bilingual('Cổng thông tin chưa được dựng', 'The portal is not built'),
    'npx nx run portal:build',
  );

/**
 * The portal's static build (apps/portal, Vite): hashed assets cached for a year, every other page path answered
 * with index.html so that the single-page app routes it (a reload on /co-so works). /api/… never reaches here.
 */
export async function servePortal(fastify: FastifyInstance, config: GatewayConfig): Promise<void> {
  const root = config.PORTAL_DIR;
  const built = existsSync(join(root, 'index.html'));
  const csp = portalCsp(config);
  const security = (reply: FastifyReply) =>
    reply
      .header('content-security-policy', csp)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'same-origin')
      .header('permissions-policy', 'camera=(self), geolocation=(self), microphone=()');

  if (!built) fastify.log.warn({ root }, 'portal build not found: pages answer 503 portal-not-built');
  else
    await fastify.register(fastifyStatic, {
      root,
      prefix: '/',
      wildcard: false,
      index: false,
      // Vite's build writes .br and .gz beside each asset (vite.config.mts): served as the browser accepts.
      preCompressed: true,
      setHeaders: (reply, path) => {
        void reply.header(
          'cache-control',
          path.includes('/assets/')
            ? 'public, max-age=31536000, immutable'
            : path.endsWith('index.html')
              ? 'no-cache'
              : 'public, max-age=300',
        );
      },
    });

  const page = async (_req: unknown, reply: FastifyReply) => {
    if (!built) {
      const problem = portalNotBuilt();
      return reply.code(503).type('application/problem+json').send(problem.toProblem('/'));
    }
    security(reply).header('cache-control', 'no-cache');
    return reply.sendFile('index.html', root);
  };
  fastify.get('/', page);
  // Any other page path is the app's to route (its router shows "not found" for the rest). Static routes (assets,
  // /health, /docs) and the /api proxy are more specific and win; a file-like path that reached here is missing.
  fastify.get('/*', async (request, reply) => {
    const path = request.url.split('?')[0];
    if (path.startsWith('/api/') || path.startsWith('/assets/') || /\.\w+$/.test(path)) {
      const problem = new DomainError('not-found', 404, bilingual('Không tìm thấy', 'Not found'));
      return reply.code(404).type('application/problem+json').send(problem.toProblem(path));
    }
    return page(request, reply);
  });
}
