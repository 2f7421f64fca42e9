import { connectMessaging, deadLetterCommand } from '@ocop/messaging';
import { DOCUMENT_MEDIA_TYPES, problemJsonParser, ServiceSpec } from '@ocop/service-kit';
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
  // EPCIS documents are larger than ordinary bodies: capture routes get their own limit (advertised as
  // GS1-EPCIS-Capture-File-Size-Limit), read only for a caller whose token verified. A site request's document
  // arrives as the file itself.
  uploadRoutes: (config) => {
    const document = {
      maxBytes: config.DOCUMENT_MAX_BYTES,
      media: { types: DOCUMENT_MEDIA_TYPES, as: 'buffer' as const },
    };
    return {
      'POST /capture': { maxBytes: config.CAPTURE_MAX_BYTES },
      'POST /events': { maxBytes: config.CAPTURE_MAX_BYTES },
      'POST /growing-areas/:growingAreaId/documents': document,
      'POST /packing-houses/:packingHouseId/documents': document,
    };
  },
  configureHttp: (app) => {
    const fastify = app.getHttpAdapter().getInstance();
    // JSON-LD is JSON: parsed like it, with the same depth limit and the same problems.
    const parseJson = problemJsonParser(fastify);
    fastify.addContentTypeParser('application/ld+json', { parseAs: 'string' }, (request, body, done) =>
      parseJson(request, body as string, done),
    );
  },
  commands: { dlq: deadLetterCommand },
};
