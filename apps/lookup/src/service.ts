import cors from '@fastify/cors';
import formBody from '@fastify/formbody';
import { DomainError, Problem } from '@ocop/contracts';
import { connectMessaging, deadLetterCommand } from '@ocop/messaging';
import { ServiceSpec } from '@ocop/service-kit';
import { readFileSync } from 'node:fs';
import { AppModule } from './app.module';
import { bilingual } from './common/bilingual';
import { LookupConfig } from './config';
import { lookupDataSourceOptions, SERVICE_NAME } from './data-source';
import { rebuildCommand } from './read-model/rebuild';
import { renderErrorPage } from './page/error-page';
import { hotlineOf, otherLanguageHref, pickLanguage, wantsHtml } from './page/html';
import { installFastPath } from './resolver/fast-path';
import { PAGE_CSP, PublicRoutes } from './resolver/public-routes';

const MINUTE_MS = 60_000;

/** Lookup as it runs: main.ts serves it, integration tests build it with createServiceApp. */
export const lookupService: ServiceSpec<LookupConfig> = {
  name: SERVICE_NAME,
  title: 'OCOP lookup',
  description:
    'Trình phân giải GS1 Digital Link, trang tra cứu cho người tiêu dùng, xác thực hàng loạt cho nhà bán lẻ, thống kê lượt quét / GS1 Digital Link resolver, consumer page, bulk verification for retailers, scan statistics.',
  configClass: LookupConfig,
  module: (config) => AppModule.forRoot(config),
  dataSourceOptions: lookupDataSourceOptions,
  connectMicroservices: (app) => connectMessaging(app),
  // The report form is the one public write: a few an hour per client, not the service-wide budget.
  routeRateLimits: (config) => ({
    'POST /reports': { max: config.REPORT_LIMIT_PER_HOUR, timeWindowMs: 60 * MINUTE_MS },
  }),
  // Retailers' bulk verification takes the scanner's CSV export as it is (decision 0038).
  uploadRoutes: (config) => ({
    'POST /verify/csv': {
      maxBytes: config.VERIFY_MAX_BYTES,
      media: { types: ['text/csv', 'text/plain'], as: 'stream' },
    },
  }),
  badUrlProblem: () =>
    new DomainError(
      'invalid-digital-link',
      400,
      bilingual('mã hóa phần trăm (%XX) không hợp lệ', 'invalid percent-encoding (%XX)'),
      undefined,
      { reason: 'percent-encoding', field: 'uri' },
    ),
  tls: (config) => {
    if (!config.HTTPS_CERT_FILE || !config.HTTPS_KEY_FILE) return undefined;
    const read = (name: string, path: string) => {
      try {
        return readFileSync(path);
      } catch (err) {
        throw new Error(
          `${name}: cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? String(err)})`,
        );
      }
    };
    return {
      cert: read('HTTPS_CERT_FILE', config.HTTPS_CERT_FILE),
      key: read('HTTPS_KEY_FILE', config.HTTPS_KEY_FILE),
    };
  },
  configureHttp: async (app, config) => {
    const fastify = app.getHttpAdapter().getInstance();
    // Public, read-only and credential-free: any origin may read the resolver (GS1 resolvers are called from
    // web apps); OPTIONS answers for any path, preflight or not.
    await fastify.register(cors, {
      origin: '*',
      methods: ['GET', 'HEAD', 'OPTIONS', 'POST'],
      exposedHeaders: ['Link', 'Location', 'ETag', 'Retry-After'],
      strictPreflight: false,
      maxAge: 86_400,
    });
    await fastify.register(formBody, { bodyLimit: 16 * 1024 });
    // Every problem a browser meets on Fastify's routes (an unknown path, a report form that does not validate, the
    // report limit) becomes an HTML page with the same status; API clients keep problem+json (decision 0042). The
    // hot routes answer for themselves (PublicRoutes.guard), also on the fast path.
    fastify.addHook('onSend', async (req, reply, payload) => {
      const type = reply.getHeader('content-type');
      if (typeof type !== 'string' || !type.startsWith('application/problem+json')) return payload;
      if (!wantsHtml(req.headers.accept, false)) return payload;
      let problem: Problem;
      try {
        problem = JSON.parse(
          Buffer.isBuffer(payload) ? payload.toString('utf8') : String(payload),
        ) as Problem;
      } catch {
        return payload;
      }
      const query = req.url.includes('?')
        ? new URLSearchParams(req.url.slice(req.url.indexOf('?') + 1))
        : null;
      const lang = pickLanguage(query?.get('lang') ?? undefined, req.headers['accept-language']);
      void reply
        .header('content-type', 'text/html; charset=utf-8')
        .header('content-language', lang)
        .header('vary', 'Accept, Accept-Language')
        .header('content-security-policy', PAGE_CSP)
        .header('x-content-type-options', 'nosniff');
      return renderErrorPage(problem, {
        lang,
        hotline: hotlineOf(config),
        switchHref: otherLanguageHref(req.url, req.method, lang),
      });
    });
    app.get(PublicRoutes).register(fastify);
    installFastPath(app);
  },
  commands: { dlq: deadLetterCommand, rebuild: rebuildCommand },
};
