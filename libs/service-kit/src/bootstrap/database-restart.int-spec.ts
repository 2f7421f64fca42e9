import { startPrivatePostgres } from '@ocop/testing';
import type { PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { serviceDataSourceOptions } from '@ocop/persistence';

// Here rather than in libs/persistence, which libs/testing (startPrivatePostgres) itself depends on.
describe('a service data source when PostgreSQL restarts (integration)', () => {
  it('survives the connection of an open transaction being cut, and serves queries again once the server is back', async () => {
    const pg = await startPrivatePostgres();
    const url = pg.url;
    const dataSource = new DataSource(
      serviceDataSourceOptions({ url, serviceName: 'restart-test', entities: [], migrations: [] }),
    );
    try {
      await dataSource.initialize();
      // A transaction held open while the service waits on something else (as the outbox relay waits for NATS).
      const runner = dataSource.createQueryRunner();
      await runner.connect();
      await runner.startTransaction();
      await runner.query('SELECT 1');
      // A connection checked out of the pool: the pool stops listening to it, and nothing else does yet.
      const pool = (dataSource.driver as unknown as { master: { connect(): Promise<PoolClient> } }).master;
      const bare = await pool.connect();

      await pg.restart(); // fast shutdown: the server terminates every connection, then comes back

      // The process is still here (an unheard 'error' event would have thrown); the cut connections fail…
      await expect(runner.query('SELECT 1')).rejects.toThrow();
      await expect(bare.query('SELECT 1')).rejects.toThrow();
      bare.release(true);
      await runner.release().catch(() => undefined);
      // …and the pool hands out working connections again.
      const [row] = await dataSource.query('SELECT 42 AS answer');
      expect(row.answer).toBe(42);
    } finally {
      await dataSource.destroy().catch(() => undefined);
      await pg.dispose();
    }
  });
});
