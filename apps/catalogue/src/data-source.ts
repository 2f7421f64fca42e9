import { messagingEntities, messagingMigrations } from '@ocop/messaging';
import { serviceDataSourceOptions } from '@ocop/persistence';
import { DataSourceOptions } from 'typeorm';
import { CatalogueConfig } from './config';
import { CatalogueSchema1733000000000 } from './migrations/1733000000000-catalogue-schema';
import { ProducerReverification1733000100000 } from './migrations/1733000100000-producer-reverification';
import { GtinClaims1733000230000 } from './migrations/1733000230000-gtin-claims';
import { ProductPhotos1765211000000 } from './migrations/1765211000000-product-photos';
import { UnitBoundaries1765410000000 } from './migrations/1765410000000-unit-boundaries';
import { ProducerDocuments1765420000000 } from './migrations/1765420000000-producer-documents';
import { Producer } from './producers/producer.entity';
import { Product } from './products/product.entity';
import { OcopCertificate } from './rating-events/ocop-certificate.entity';

export const SERVICE_NAME = 'catalogue';

export const catalogueEntities = [Producer, Product, OcopCertificate, ...messagingEntities];

export const catalogueMigrations = [
  ...messagingMigrations,
  CatalogueSchema1733000000000,
  ProducerReverification1733000100000,
  GtinClaims1733000230000,
  ProductPhotos1765211000000,
  UnitBoundaries1765410000000,
  ProducerDocuments1765420000000,
];

export function catalogueDataSourceOptions(config: CatalogueConfig): DataSourceOptions {
  return serviceDataSourceOptions({
    url: config.DATABASE_URL,
    serviceName: SERVICE_NAME,
    entities: catalogueEntities,
    migrations: catalogueMigrations,
    poolSize: config.DB_POOL_SIZE,
    logSql: config.LOG_SQL,
  });
}
