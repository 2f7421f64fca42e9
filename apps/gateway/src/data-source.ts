import { serviceDataSourceOptions } from '@ocop/persistence';
import { DataSourceOptions } from 'typeorm';
import { GatewayConfig } from './config';
import { GatewaySessions1765250000000 } from './migrations/1765250000000-gateway-sessions';

export const SERVICE_NAME = 'gateway';

// One table, reached through SQL (row locks around a refresh): no entity classes.
export const gatewayMigrations = [GatewaySessions1765250000000];

export function gatewayDataSourceOptions(config: GatewayConfig): DataSourceOptions {
  return serviceDataSourceOptions({
    url: config.DATABASE_URL,
    serviceName: SERVICE_NAME,
    entities: [],
    migrations: gatewayMigrations,
    poolSize: config.DB_POOL_SIZE,
    logSql: config.LOG_SQL,
  });
}
