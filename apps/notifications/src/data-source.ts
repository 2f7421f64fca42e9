import { messagingEntities, messagingMigrations } from '@ocop/messaging';
import { serviceDataSourceOptions } from '@ocop/persistence';
import { DataSourceOptions } from 'typeorm';
import { NotificationsConfig } from './config';
import { NotificationsSchema1733200000000 } from './migrations/1733200000000-notifications-schema';
import { DeliveryLogWithoutBodies1733200100000 } from './migrations/1733200100000-delivery-log-without-bodies';

export const SERVICE_NAME = 'notifications';

// The service's own tables are reached through SQL (claims with SKIP LOCKED, conflict-free inserts, NOTIFY):
// no entity classes to keep in step with the migration.
export const notificationsEntities = [...messagingEntities];

export const notificationsMigrations = [
  ...messagingMigrations,
  NotificationsSchema1733200000000,
  DeliveryLogWithoutBodies1733200100000,
];

export function notificationsDataSourceOptions(config: NotificationsConfig): DataSourceOptions {
  return serviceDataSourceOptions({
    url: config.DATABASE_URL,
    serviceName: SERVICE_NAME,
    entities: notificationsEntities,
    migrations: notificationsMigrations,
    poolSize: config.DB_POOL_SIZE,
    logSql: config.LOG_SQL,
  });
}
