import { Client } from 'pg';

const DB_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Splits a Postgres URL into the server URL (maintenance database `postgres`) and the database name. */
export function parseDatabaseUrl(url: string): { serverUrl: string; database: string } {
  const parsed = new URL(url);
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!DB_NAME.test(database)) {
    throw new Error(
      `Database name "${database}" must match ${DB_NAME} (lower-case letters, digits, underscore)`,
    );
  }
  parsed.pathname = '/postgres';
  return { serverUrl: parsed.toString(), database };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Creates the service's own database if it is missing. Safe to race: a concurrent creator wins quietly. */
export async function ensureDatabase(url: string): Promise<boolean> {
  const { serverUrl, database } = parseDatabaseUrl(url);
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount) return false;
    try {
      // The name was checked against DB_NAME above, so quoting it is enough.
      await client.query(`CREATE DATABASE "${database}"`);
      return true;
    } catch (err) {
      if ((err as { code?: string }).code === '42P04') return false; // duplicate_database: someone else made it
      throw err;
    }
  } finally {
    await client.end();
  }
}

export async function dropDatabase(url: string): Promise<void> {
  const { serverUrl, database } = parseDatabaseUrl(url);
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
