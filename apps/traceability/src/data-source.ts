import { messagingEntities, messagingMigrations } from '@ocop/messaging';
import { serviceDataSourceOptions } from '@ocop/persistence';
import { DataSourceOptions } from 'typeorm';
import { TraceabilityConfig } from './config';
import { Batch } from './batches/batch.entity';
import { GrowingArea } from './growing-areas/growing-area.entity';
import { CatalogueReadModel1733100000000 } from './migrations/1733100000000-catalogue-read-model';
import { Sites1733100100000 } from './migrations/1733100100000-sites';
import { Batches1733100200000 } from './migrations/1733100200000-batches';
import { SerialisedUnits1733100300000 } from './migrations/1733100300000-serialised-units';
import { BackgroundJobs1733100400000 } from './migrations/1733100400000-background-jobs';
import { TraceEvents1733100500000 } from './migrations/1733100500000-trace-events';
import { UniqueEventIds1733100629000 } from './migrations/1733100629000-unique-event-ids';
import { EpcRolesAndQueryIndexes1765220000000 } from './migrations/1765220000000-epc-roles-and-query-indexes';
import { BatchesWithoutGtin1765240000000 } from './migrations/1765240000000-batches-without-gtin';
import { SiteLocations1765270000000 } from './migrations/1765270000000-site-locations';
import { SiteDocuments1765430000000 } from './migrations/1765430000000-site-documents';
import { BackgroundJob } from './jobs/background-job.entity';
import { PackingHouse } from './packing-houses/packing-house.entity';
import { CatalogueProduct } from './read-model/catalogue-product.entity';
import { CatalogueProducer } from './read-model/catalogue-producer.entity';
import { OcopCertificate } from './read-model/ocop-certificate.entity';
import { LabelSigningKey } from './signatures/label-signing-key.entity';
import { SiteHistoryEntry } from './site-codes/site-history.entity';

export const SERVICE_NAME = 'traceability';

export const traceabilityEntities = [
  CatalogueProducer,
  CatalogueProduct,
  OcopCertificate,
  GrowingArea,
  PackingHouse,
  SiteHistoryEntry,
  Batch,
  LabelSigningKey,
  BackgroundJob,
  ...messagingEntities,
];

export const traceabilityMigrations = [
  ...messagingMigrations,
  CatalogueReadModel1733100000000,
  Sites1733100100000,
  Batches1733100200000,
  SerialisedUnits1733100300000,
  BackgroundJobs1733100400000,
  TraceEvents1733100500000,
  UniqueEventIds1733100629000,
  EpcRolesAndQueryIndexes1765220000000,
  BatchesWithoutGtin1765240000000,
  SiteLocations1765270000000,
  SiteDocuments1765430000000,
];

export function traceabilityDataSourceOptions(config: TraceabilityConfig): DataSourceOptions {
  return serviceDataSourceOptions({
    url: config.DATABASE_URL,
    serviceName: SERVICE_NAME,
    entities: traceabilityEntities,
    migrations: traceabilityMigrations,
    poolSize: config.DB_POOL_SIZE,
    logSql: config.LOG_SQL,
  });
}
