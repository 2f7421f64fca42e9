import cors from '@fastify/cors';
import formBody from '@fastify/formbody';
import { DomainError } from '@ocop/contracts';
import { connectMessaging, deadLetterCommand } from '@ocop/messaging';
import { ServiceSpec } from '@ocop/service-kit';
import { readFileSync } from 'node:fs';
import { AppModule } from './app.module';
import { bilingual } from './common/bilingual';
import { LookupConfig } from './config';
import { lookupDataSourceOptions, SERVICE_NAME } from './data-source';
import { rebuildCommand } from './read-model/rebuild';
import { installFastPath } from './resolver/fast-path';
import { PublicRoutes } from './resolver/public-routes';

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
  configureHttp: async (app) => {
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
    app.get(PublicRoutes).register(fastify);
    installFastPath(app);
  },
  commands: { dlq: deadLetterCommand, rebuild: rebuildCommand },
};
