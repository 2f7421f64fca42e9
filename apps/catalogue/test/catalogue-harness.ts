import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { migrateDatabase } from '@ocop/persistence';
import { createServiceApp, loadConfig } from '@ocop/service-kit';
import {
  createTestDatabase,
  deleteNamespaceStreams,
  TestActor,
  TestDatabase,
  testNamespace,
  TokenIssuer,
} from '@ocop/testing';
import { CatalogueConfig } from '../src/config';
import { catalogueDataSourceOptions } from '../src/data-source';
import { catalogueService } from '../src/service';
import { DataSource } from 'typeorm';
import { randomUUID } from 'node:crypto';

/**
 * A parsed JSON answer. Loose on purpose: tests assert its shape with expect(), and a precise type per endpoint
 * would only restate those assertions.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface Reply<T = Json> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | number | undefined>;
  text: string;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  /** A raw body (CSV, an image) with its content type. */
  raw?: { contentType: string; payload: string | Buffer };
  headers?: Record<string, string>;
}

export class CatalogueHarness {
  constructor(
    readonly app: NestFastifyApplication,
    readonly config: CatalogueConfig,
    readonly database: TestDatabase,
    private readonly issuer: TokenIssuer,
  ) {}

  get dataSource(): DataSource {
    return this.app.get(DataSource);
  }

  token(actor: TestActor): Promise<string> {
    return this.issuer.sign(actor);
  }

  async request<T = Json>(
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    options: RequestOptions = {},
  ): Promise<Reply<T>> {
    const res = await this.app.inject({
      method,
      url,
      headers: {
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.raw ? { 'content-type': options.raw.contentType } : {}),
        ...options.headers,
      },
      ...(options.raw
        ? { payload: options.raw.payload }
        : options.body !== undefined
          ? { payload: options.body as object }
          : {}),
    });
    const isJson = String(res.headers['content-type'] ?? '').includes('json');
    return {
      status: res.statusCode,
      body: (isJson && res.body ? res.json() : res.body) as T,
      headers: res.headers,
      text: res.body,
    };
  }

  /**
   * A producer registered by its own account and verified by `officerToken` (producer accounts add products once
   * their producer is verified, decision 0034).
   */
  async verifiedProducer(body: Json, officerToken: string): Promise<{ id: string; token: string }> {
    const producerId = randomUUID();
    const token = await this.token({ roles: ['producer'], producerId });
    const res = await this.request('POST', '/producers', { token, body });
    if (res.status !== 201) throw new Error(res.text);
    const verified = await this.request('POST', `/producers/${producerId}/verify`, {
      token: officerToken,
      body: {},
    });
    if (verified.status !== 200) throw new Error(verified.text);
    return { id: producerId, token };
  }

  /** Events written to the outbox, oldest first: what the relay publishes. */
  async outbox(type?: string): Promise<{ type: string; subject: string; data: Json }[]> {
    const rows: { payload: { type: string; subject: string; data: unknown } }[] = await this.dataSource.query(
      `SELECT payload FROM outbox ${type ? 'WHERE type = $1' : ''} ORDER BY seq`,
      type ? [type] : [],
    );
    return rows.map((r) => r.payload as { type: string; subject: string; data: Json });
  }

  async count(table: 'producers' | 'products' | 'outbox' | 'product_gtins'): Promise<number> {
    const [row] = await this.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`);
    return row.n;
  }

  async close(): Promise<void> {
    await this.app.close();
    await this.issuer.stop();
    await this.database.drop();
    await deleteNamespaceStreams(this.config.NATS_URL, this.config.EVENT_NAMESPACE);
  }
}

/** The catalogue as it ships, on its own database and event namespace, with a local identity stand-in. */
export async function startCatalogue(
  label: string,
  env: Record<string, string> = {},
): Promise<CatalogueHarness> {
  const issuer = new TokenIssuer();
  const jwksUrl = await issuer.start();
  const database = await createTestDatabase(label);
  const config = loadConfig('catalogue', CatalogueConfig, {
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    EVENT_NAMESPACE: testNamespace(),
    LOG_LEVEL: 'silent',
    IDENTITY_JWKS_URL: jwksUrl,
    NATS_URL: process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222',
    ...env,
  });
  await migrateDatabase(catalogueDataSourceOptions(config));
  const app = await createServiceApp(catalogueService, config);
  await app.startAllMicroservices();
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return new CatalogueHarness(app, config, database, issuer);
}
