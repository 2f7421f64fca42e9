import { dropDatabase, ensureDatabase, withDatabase } from '@ocop/persistence';
import { randomSuffix } from './random';

const DEFAULT_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  url: string;
  name: string;
  /** Drops the database, closing whatever connections a test left open. */
  drop(): Promise<void>;
}

/**
 * A fresh, empty database on the test server (`TEST_DATABASE_URL`) named `t_<label>_<random>`, so that test files
 * running in parallel, and other developers' runs on the same server, never share tables.
 */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const serverUrl = process.env['TEST_DATABASE_URL'] || DEFAULT_SERVER_URL;
  const safeLabel = label
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, '_')
    .slice(0, 40);
  const name = `t_${safeLabel}_${randomSuffix(8)}`;
  const url = withDatabase(serverUrl, name);
  await ensureDatabase(url);
  return { url, name, drop: () => dropDatabase(url) };
}
