import { connect } from 'nats';
import { Client } from 'pg';
import { createTestDatabase } from './database';
import { deleteNamespaceStreams, testNamespace } from './nats';
import { startPrivateNats } from './private-nats';
import { startPrivatePostgres } from './private-postgres';
import { waitFor } from './wait-for';

describe('test helpers', () => {
  it('creates an isolated database and drops it', async () => {
    const db = await createTestDatabase('Helpers-Check');
    expect(db.name).toMatch(/^t_helpers_check_[a-z0-9]{8}$/);
    const client = new Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client.query<{ db: string }>('SELECT current_database() AS db');
    await client.end();
    expect(rows[0].db).toBe(db.name);

    await db.drop();
    const admin = new Client({ connectionString: db.url.replace(`/${db.name}`, '/postgres') });
    await admin.connect();
    const left = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [db.name]);
    await admin.end();
    expect(left.rowCount).toBe(0);
  });

  it('runs a private NATS that can stop and come back with its streams, and deletes a namespace’s streams', async () => {
    const nats = await startPrivateNats();
    try {
      const namespace = testNamespace();
      expect(namespace).toMatch(/^t[a-z0-9]{8}$/);
      let nc = await connect({ servers: nats.url });
      const jsm = await nc.jetstreamManager();
      await jsm.streams.add({ name: `${namespace.toUpperCase()}_ONE`, subjects: [`${namespace}.one.>`] });
      await jsm.streams.add({ name: 'OTHER_ONE', subjects: ['other.one.>'] });
      await nc.close();

      await nats.stop();
      await expect(connect({ servers: nats.url, reconnect: false })).rejects.toThrow();
      await nats.restart();

      expect(await deleteNamespaceStreams(nats.url, namespace)).toBe(1);
      nc = await connect({ servers: nats.url });
      const names: string[] = [];
      for await (const s of (await nc.jetstreamManager()).streams.list()) names.push(s.config.name);
      await nc.close();
      expect(names).toEqual(['OTHER_ONE']);
    } finally {
      await nats.dispose();
    }
  });

  it('runs a private PostgreSQL that keeps its data across a restart and refuses connections while down', async () => {
    const pg = await startPrivatePostgres();
    try {
      let client = new Client({ connectionString: pg.url });
      client.on('error', () => undefined); // the shutdown below is announced as an error event
      await client.connect();
      await client.query('CREATE TABLE kept (n int)');
      await client.query('INSERT INTO kept VALUES (42)');
      await pg.stop();
      // The server cut the connection: the next query fails instead of hanging.
      await expect(client.query('SELECT 1')).rejects.toThrow();
      await expect(new Client({ connectionString: pg.url }).connect()).rejects.toThrow();
      await pg.restart();
      client = new Client({ connectionString: pg.url });
      await client.connect();
      const { rows } = await client.query<{ n: number }>('SELECT n FROM kept');
      await client.end();
      expect(rows).toEqual([{ n: 42 }]);
    } finally {
      await pg.dispose();
    }
  });

  it('waitFor returns the value once the condition holds, and reports the last failure on timeout', async () => {
    let calls = 0;
    await expect(waitFor(() => ++calls >= 3 && calls, { intervalMs: 1 })).resolves.toBe(3);
    await expect(
      waitFor(
        () => {
          throw new Error('still 0 rows');
        },
        { timeoutMs: 30, intervalMs: 5 },
      ),
    ).rejects.toThrow('waitFor: not met within 30 ms: still 0 rows');
  });
});
