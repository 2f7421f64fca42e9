import { DomainError } from '@ocop/contracts';
import { connectMessaging, deadLetterCommand } from '@ocop/messaging';
import { ServiceSpec } from '@ocop/service-kit';
import { AppModule } from './app.module';
import { TraceabilityConfig } from './config';
import { SERVICE_NAME, traceabilityDataSourceOptions } from './data-source';
import { JobRunner } from './jobs/job-runner.service';

/** Traceability as it runs: main.ts serves it, integration tests build it with createServiceApp. */
export const traceabilityService: ServiceSpec<TraceabilityConfig> = {
  name: SERVICE_NAME,
  title: 'OCOP traceability',
  description:
    'Vùng trồng và mã số, cơ sở đóng gói, lô hàng, đơn vị sản phẩm có số sê-ri, sự kiện truy xuất EPCIS 2.0, GS1 Digital Link, mã QR và tem nhãn / growing areas and their codes, packing houses, batches, serialised units, EPCIS 2.0 trace events, GS1 Digital Link, QR codes and labels.',
  configClass: TraceabilityConfig,
  module: (config) => AppModule.forRoot(config),
  dataSourceOptions: traceabilityDataSourceOptions,
  connectMicroservices: (app) => {
    connectMessaging(app);
    // Jobs run in serving processes only, not in operator commands.
    app.get(JobRunner).start();
  },
  configureHttp: (app, config) => {
    const fastify = app.getHttpAdapter().getInstance();
    // EPCIS documents are larger than ordinary bodies: capture routes get their own limit (advertised as
    // GS1-EPCIS-Capture-File-Size-Limit). Routes are registered after this hook, so it sees them.
    fastify.addHook('onRoute', (route) => {
      if (route.method === 'POST' && (route.url === '/capture' || route.url === '/events')) {
        route.bodyLimit = config.CAPTURE_MAX_BYTES;
      }
    });
    // JSON-LD is JSON: parsed like it, with the same malformed-json problem.
    const parseJson = fastify.getDefaultJsonParser('error', 'error');
    fastify.addContentTypeParser('application/ld+json', { parseAs: 'string' }, (request, body, done) =>
      parseJson(request, body as string, (err, value) =>
        err
          ? done(
              new DomainError('malformed-json', 400, 'The request body is not valid JSON', err.message),
              undefined,
            )
          : done(null, value),
      ),
    );
  },
  commands: { dlq: deadLetterCommand },
};
