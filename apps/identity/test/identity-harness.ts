import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { migrateDatabase } from '@ocop/persistence';
import { createServiceApp, loadConfig } from '@ocop/service-kit';
import { createTestDatabase, deleteNamespaceStreams, TestDatabase, testNamespace } from '@ocop/testing';
import { AppModule } from '../src/app.module';
import { Clock } from '../src/common/clock';
import { IdentityConfig } from '../src/config';
import { identityDataSourceOptions } from '../src/data-source';
import { identityService } from '../src/service';

/** Real time plus an offset the test moves: "15 minutes later" without waiting 15 minutes. */
export class TestClock extends Clock {
  private offsetMs = 0;
  private frozenAtMs: number | null = null;

  now(): Date {
    return new Date((this.frozenAtMs ?? Date.now()) + this.offsetMs);
  }

  /**
   * Stops real time until release(): a test about waits of a second or two (login throttling) must not depend on
   * how fast a busy machine runs its requests; only advance() moves the clock then.
   */
  freeze(): void {
    this.frozenAtMs ??= Date.now();
  }

  release(): void {
    if (this.frozenAtMs === null) return;
    // Time goes on from where the frozen clock stood, never backwards.
    this.offsetMs -= Date.now() - this.frozenAtMs;
    this.frozenAtMs = null;
  }

  advance(seconds: number): void {
    this.offsetMs += seconds * 1000;
  }
}

export const ADMIN_EMAIL = 'admin@ocop.test';
export const ADMIN_PASSWORD = 'harness admin keeps watch 7';

export interface Reply<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

export interface RequestOptions {
  body?: unknown;
  token?: string;
}

export class IdentityHarness {
  constructor(
    readonly app: NestFastifyApplication,
    readonly config: IdentityConfig,
    readonly clock: TestClock,
    readonly url: string,
    readonly database: TestDatabase,
    private readonly ownsDatabase: boolean,
  ) {}

  async request<T = Record<string, unknown>>(
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<Reply<T>> {
    const res = await fetch(`${this.url}${path}`, {
      method,
      headers: {
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      },
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T, headers: res.headers };
  }

  async login(identifier: string, password: string): Promise<{ accessToken: string; refreshToken: string }> {
    const res = await this.request<{ accessToken: string; refreshToken: string }>('POST', '/auth/login', {
      body: { identifier, password },
    });
    if (res.status !== 200)
      throw new Error(`login of ${identifier} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  async adminToken(): Promise<string> {
    return (await this.login(ADMIN_EMAIL, ADMIN_PASSWORD)).accessToken;
  }

  /** Creates an account (as the bootstrap admin) and returns its id. */
  async createAccount(account: Record<string, unknown>): Promise<string> {
    const res = await this.request<{ account: { accountId: string } }>('POST', '/admin/accounts', {
      token: await this.adminToken(),
      body: account,
    });
    if (res.status !== 201)
      throw new Error(`account creation failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.account.accountId;
  }

  async close(): Promise<void> {
    await this.app.close();
    if (!this.ownsDatabase) return;
    await this.database.drop();
    await deleteNamespaceStreams(this.config.NATS_URL, this.config.EVENT_NAMESPACE);
  }
}

export function testEnv(databaseUrl: string, env: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    EVENT_NAMESPACE: testNamespace(),
    LOG_LEVEL: 'silent',
    // Hashes carry their parameters; a cheap cost keeps dozens of logins per test file fast.
    PASSWORD_SCRYPT_COST_LOG2: '10',
    BOOTSTRAP_ADMIN_EMAIL: ADMIN_EMAIL,
    BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD,
    // Most tests need a working admin at once; password-change.int-spec.ts tests the first-login change.
    BOOTSTRAP_ADMIN_CHANGE_AT_FIRST_LOGIN: 'false',
    ...env,
  };
}

/** The identity service as it ships, on a database of its own, listening on a free port. */
export async function startIdentity(env: Record<string, string> = {}): Promise<IdentityHarness> {
  const [identity] = await startIdentityReplicas(1, env);
  return identity;
}

/** Several replicas booting at the same moment on one new database; the first one cleans up. */
export async function startIdentityReplicas(
  count: number,
  env: Record<string, string> = {},
): Promise<IdentityHarness[]> {
  const database = await createTestDatabase('identity');
  const config = loadConfig('identity', IdentityConfig, testEnv(database.url, env));
  await migrateDatabase(identityDataSourceOptions(config));
  return Promise.all(Array.from({ length: count }, (_, i) => listen(config, database, i === 0)));
}

/** Another replica of a running identity: same database and namespace, its own process state and clock. */
export function startReplica(
  of: IdentityHarness,
  env: Record<string, string> = {},
): Promise<IdentityHarness> {
  const config = loadConfig('identity', IdentityConfig, {
    ...testEnv(of.database.url),
    EVENT_NAMESPACE: of.config.EVENT_NAMESPACE,
    SIGNING_KEY_CACHE_SECONDS: String(of.config.SIGNING_KEY_CACHE_SECONDS),
    ...env,
  });
  return listen(config, of.database, false);
}

async function listen(
  config: IdentityConfig,
  database: TestDatabase,
  ownsDatabase: boolean,
): Promise<IdentityHarness> {
  const clock = new TestClock();
  const app = await createServiceApp(
    { ...identityService, module: (c) => AppModule.forRoot(c, { clock }) },
    config,
  );
  await app.startAllMicroservices();
  await app.listen({ port: 0, host: '127.0.0.1' });
  return new IdentityHarness(app, config, clock, await app.getUrl(), database, ownsDatabase);
}
