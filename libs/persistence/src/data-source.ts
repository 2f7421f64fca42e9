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
 * node-postgres emits 'error' on a client when the server ends the connection (restart, failover, admin kill).
 * The pool listens on idle clients only; a client checked out by a transaction that is waiting on something else
 * (the outbox relay waiting for NATS, say) has no listener, and an unheard 'error' event kills the process. With
 * this listener the error surfaces where it belongs instead: the client's next query fails (a 503 to an HTTP
 * caller, a retry for a job) and the pool discards the client when it is released.
 */
export function keepProcessAliveOnConnectionError(client: {
  on(event: 'error', listener: (err: Error) => void): unknown;
}): void {
  client.on('error', () => undefined);
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
    extra: { max: input.poolSize ?? 10, onConnect: keepProcessAliveOnConnectionError },
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
