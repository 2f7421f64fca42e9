import { connectMessaging, deadLetterCommand } from '@ocop/messaging';
import { DOCUMENT_MEDIA_TYPES, ServiceSpec } from '@ocop/service-kit';
import { adminUnits } from '@ocop/ocop-domain';
import { AppModule } from './app.module';
import { CatalogueConfig } from './config';
import { catalogueDataSourceOptions, SERVICE_NAME } from './data-source';
import { PHOTO_TYPES } from './products/photos/photo-rules';

const IMPORT_ROUTES = [
  'POST /imports/producers',
  'POST /imports/producers/dry-run',
  'POST /imports/products',
  'POST /imports/products/dry-run',
];

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
  // Imports arrive as the CSV file itself, larger than JSON bodies may be, and are read as they arrive.
  // A product photo arrives as the image itself (decision 0043), a registration document as the file itself.
  uploadRoutes: (config) => ({
    ...Object.fromEntries(
      IMPORT_ROUTES.map((route) => [
        route,
        {
          maxBytes: config.IMPORT_MAX_BYTES,
          media: { types: ['text/csv', 'text/plain'], as: 'stream' as const },
        },
      ]),
    ),
    // A province's GeoJSON of its communes runs to megabytes.
    'PUT /admin-units/:map/boundaries': { maxBytes: config.IMPORT_MAX_BYTES },
    'POST /producers/:producerId/documents': {
      maxBytes: config.DOCUMENT_MAX_BYTES,
      media: { types: DOCUMENT_MEDIA_TYPES, as: 'buffer' as const },
    },
    'POST /products/:productId/photos': {
      maxBytes: config.PHOTO_MAX_BYTES,
      media: { types: Object.keys(PHOTO_TYPES), as: 'buffer' as const },
    },
  }),
  configureHttp: () => {
    // Fail at boot, not on the first request, if the bundled unit data does not add up.
    adminUnits();
  },
  commands: { dlq: deadLetterCommand },
};
