import { deleteNamespaceStreams, testNamespace } from '@ocop/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { StoryContext, storyContext } from '../story';
import { freePortBase, RunningPlatform, startPlatform } from './platform';

export interface E2ePlatform {
  platform: RunningPlatform;
  ctx: StoryContext;
  namespace: string;
  dbPrefix: string;
  /** The server-level URLs the services use (a suite may give private ones to restart them). */
  pgUrl: string;
  natsUrl: string;
  tmp: string;
  /** A service's own database, to observe it (counts, reconciliation); never to seed another service. */
  database(service: string): Promise<Client>;
  /** Stops the services, drops their databases and streams; returns the services that did not stop cleanly. */
  dispose(): Promise<string[]>;
}

export interface E2eOptions {
  pgUrl?: string;
  natsUrl?: string;
  extraEnv?: Record<string, Record<string, string>>;
}

/** The bootstrap admin tools/dev/services.mjs configures for identity. */
export const BOOTSTRAP_ADMIN = { email: 'admin@ocop.local', password: 'Admin-ocop-2026!' };

/**
 * Each service's database pool, unless a suite sets its own: a test platform is seven services, and two of them run
 * beside the other test files on one PostgreSQL (100 connections by default), where ten each ran it out ("sorry, too
 * many clients already"). A test's traffic never needs more than a few at once.
 */
// E2E_DB_POOL_SIZE lowers it further for a person running one suite beside a whole CI run on the same PostgreSQL.
const TEST_POOL_SIZE = process.env['E2E_DB_POOL_SIZE'] ?? '4';

/**
 * Passwords hashed at scrypt N=2^10, not production's 2^15: each test platform creates and signs in a dozen
 * accounts or more, and at 2^15 each hash costs a few hundred ms of CPU (seconds on a busy machine), so hashing
 * alone took about a fifth of a suite's set-up. The code path is the same; identity's own tests cover the cost
 * setting and its production minimum (config.spec.ts).
 */
const TEST_SETTINGS: Record<string, Record<string, string>> = {
  identity: { PASSWORD_SCRYPT_COST_LOG2: '10' },
};

function withTestSettings(
  extraEnv: Record<string, Record<string, string>> = {},
): Record<string, Record<string, string>> {
  const names = ['identity', 'catalogue', 'traceability', 'rating', 'notifications', 'lookup', 'gateway'];
  return Object.fromEntries(
    [...new Set([...names, ...Object.keys(extraEnv)])].map((name) => [
      name,
      { DB_POOL_SIZE: TEST_POOL_SIZE, ...(TEST_SETTINGS[name] ?? {}), ...(extraEnv[name] ?? {}) },
    ]),
  );
}

/**
 * Every built service as its own process (npm start's runner), on free ports, with databases and a NATS
 * namespace of this suite alone, removed at the end.
 */
export async function bootE2ePlatform(options: E2eOptions = {}): Promise<E2ePlatform> {
  const pgUrl =
    options.pgUrl ?? process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const natsUrl = options.natsUrl ?? process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';
  const namespace = testNamespace();
  const dbPrefix = `t_e2e_${namespace.slice(1)}`;
  const tmp = mkdtempSync(join(tmpdir(), 'ocop-e2e-'));
  const portBase = await freePortBase();
  const platform = await startPlatform({
    portBase,
    dbPrefix,
    namespace,
    pgUrl,
    natsUrl,
    extraEnv: withTestSettings(options.extraEnv),
    logDir: join(tmp, 'logs'),
    // Every service migrating and booting at once on two cores, beside other test files: be patient.
    readyTimeoutMs: 300_000,
  });
  const ctx = storyContext(
    {
      identity: platform.urls['identity'],
      catalogue: platform.urls['catalogue'],
      rating: platform.urls['rating'],
      traceability: platform.urls['traceability'],
      notifications: platform.urls['notifications'],
      lookup: platform.urls['lookup'] ?? `http://127.0.0.1:${portBase + 6}`,
    },
    BOOTSTRAP_ADMIN,
  );
  const databaseUrl = (service: string) => {
    const url = new URL(pgUrl);
    url.pathname = `/${dbPrefix}_${service}`;
    return url.toString();
  };
  return {
    platform,
    ctx,
    namespace,
    dbPrefix,
    pgUrl,
    natsUrl,
    tmp,
    async database(service) {
      const client = new Client({ connectionString: databaseUrl(service) });
      await client.connect();
      return client;
    },
    async dispose() {
      const stopped = await platform.stop();
      const pg = new Client({ connectionString: pgUrl });
      await pg.connect();
      try {
        for (const name of platform.services) {
          await pg.query(`DROP DATABASE IF EXISTS "${dbPrefix}_${name}" WITH (FORCE)`);
        }
      } finally {
        await pg.end();
      }
      await deleteNamespaceStreams(natsUrl, namespace);
      rmSync(tmp, { recursive: true, force: true });
      return stopped.filter((s) => !s.clean).map((s) => s.name);
    },
  };
}
