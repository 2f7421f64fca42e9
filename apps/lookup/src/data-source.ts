import { messagingEntities, messagingMigrations } from '@ocop/messaging';
import { serviceDataSourceOptions } from '@ocop/persistence';
import { DataSourceOptions } from 'typeorm';
import { LookupConfig } from './config';
import { LookupSchema1733200000000 } from './migrations/1733200000000-lookup-schema';
import { ScanNetworks1733200029000 } from './migrations/1733200029000-scan-networks';
import { ProductCertifications1765210000000 } from './migrations/1765210000000-product-certifications';
import { ReportCases1765230000000 } from './migrations/1765230000000-report-cases';
import { ScanOutcomes1765400000000 } from './migrations/1765400000000-scan-outcomes';

export const SERVICE_NAME = 'lookup';

// The read model is written and read with plain SQL (the hot path needs one round trip, not an ORM graph).
export const lookupEntities = [...messagingEntities];

export const lookupMigrations = [
  ...messagingMigrations,
  LookupSchema1733200000000,
  ScanNetworks1733200029000,
  ProductCertifications1765210000000,
  ReportCases1765230000000,
  ScanOutcomes1765400000000,
];

export function lookupDataSourceOptions(config: LookupConfig): DataSourceOptions {
  return serviceDataSourceOptions({
    url: config.DATABASE_URL,
    serviceName: SERVICE_NAME,
    entities: lookupEntities,
    migrations: lookupMigrations,
    poolSize: config.DB_POOL_SIZE,
    logSql: config.LOG_SQL,
  });
}
