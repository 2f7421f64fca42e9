import { DataSource, DataSourceOptions, EntitySchema, MixedList } from 'typeorm';
import { ensureDatabase } from './database';

export interface ServiceDataSourceInput {
  url: string;
  /** Used as the Postgres application_name, so `pg_stat_activity` shows who holds a connection. */
  serviceName: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  poolSize?: number;
  logSql?: boolean;
}

/**
 * The one way a service describes its database. Schema changes only ever come from migrations
 * (`synchronize: false`), run by an explicit command, so production never alters tables by surprise.
 */
export function serviceDataSourceOptions(input: ServiceDataSourceInput): DataSourceOptions {
  return {
    type: 'postgres',
    url: input.url,
    applicationName: input.serviceName,
    entities: input.entities,
    migrations: input.migrations,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    // TypeORM's 'error' logging prints the failed statement with its parameters (password hashes, personal
    // data) to stdout. Failures reach the caller as exceptions and are logged there, without the parameters.
    logging: input.logSql ? ['query', 'error'] : false,
    extra: { max: input.poolSize ?? 10 },
  };
}

/** Creates the database if needed and applies pending migrations; returns the names applied. */
export async function migrateDatabase(options: DataSourceOptions & { url?: string }): Promise<string[]> {
  if (!options.url) throw new Error('migrateDatabase needs a url');
  await ensureDatabase(options.url);
  const dataSource = new DataSource(options);
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}
