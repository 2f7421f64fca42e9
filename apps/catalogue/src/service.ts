import { connectMessaging, deadLetterCommand } from '@ocop/messaging';
import { ServiceSpec } from '@ocop/service-kit';
import { adminUnits } from '@ocop/ocop-domain';
import { AppModule } from './app.module';
import { CatalogueConfig } from './config';
import { catalogueDataSourceOptions, SERVICE_NAME } from './data-source';

/** The catalogue as it runs: main.ts serves it, integration tests build it with createServiceApp. */
export const catalogueService: ServiceSpec<CatalogueConfig> = {
  name: SERVICE_NAME,
  title: 'OCOP catalogue',
  description:
    'Chủ thể, sản phẩm OCOP, bộ sản phẩm, đơn vị hành chính và tìm kiếm công khai / producers, products, OCOP product sets, administrative units and the public catalogue search.',
  configClass: CatalogueConfig,
  module: (config) => AppModule.forRoot(config),
  dataSourceOptions: catalogueDataSourceOptions,
  connectMicroservices: connectMessaging,
  configureHttp: (app, config) => {
    // Fail at boot, not on the first request, if the bundled unit data does not add up.
    adminUnits();
    // Imports arrive as the CSV file itself, larger than JSON bodies may be.
    app
      .getHttpAdapter()
      .getInstance()
      .addContentTypeParser(
        ['text/csv', 'text/plain'],
        { parseAs: 'string', bodyLimit: config.IMPORT_MAX_BYTES },
        (_req, body, done) => done(null, body),
      );
  },
  commands: { dlq: deadLetterCommand },
};
