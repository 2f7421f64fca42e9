// Removes what a throwaway run of the platform created: its databases and its NATS streams.
import pg from 'pg';
import { connect } from 'nats';
import { services } from './services.mjs';

export async function dropDatabases(dbPrefix) {
  const client = new pg.Client({
    connectionString: process.env.PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  });
  await client.connect();
  try {
    for (const s of services)
      await client.query(`DROP DATABASE IF EXISTS "${dbPrefix}_${s.name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

export async function deleteStreams(namespace) {
  const nc = await connect({ servers: process.env.NATS_URL ?? 'nats://127.0.0.1:4222' });
  try {
    const jsm = await nc.jetstreamManager();
    for await (const stream of jsm.streams.list()) {
      if (stream.config.name.startsWith(`${namespace.toUpperCase()}_`))
        await jsm.streams.delete(stream.config.name);
    }
  } finally {
    await nc.close();
  }
}
