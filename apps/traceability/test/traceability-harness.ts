import { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  createCloudEvent,
  natsSubjectFor,
  Problem,
  ProducerSnapshotV1,
  ProductSnapshotV1,
  rpcSubjectFor,
} from '@ocop/contracts';
import { ensureStream } from '@ocop/messaging';
import { migrateDatabase } from '@ocop/persistence';
import { createServiceApp, loadConfig } from '@ocop/service-kit';
import { createTestDatabase, deleteNamespaceStreams, TestDatabase, testNamespace } from '@ocop/testing';
import { connect, JSONCodec, NatsConnection, Subscription } from 'nats';
import { DataSource } from 'typeorm';
import { TraceabilityConfig } from '../src/config';
import { traceabilityDataSourceOptions } from '../src/data-source';
import { traceabilityService } from '../src/service';
import { ReadModelWriter } from '../src/read-model/read-model-writer';
import { producerSnapshot, productSnapshot } from './fixtures';
import { TestActor, TokenIssuer } from '@ocop/testing';

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
  raw: Buffer;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

const codec = JSONCodec();

export class TraceabilityHarness {
  private readonly rpcAnswers: Subscription[] = [];

  constructor(
    readonly app: NestFastifyApplication,
    readonly config: TraceabilityConfig,
    readonly database: TestDatabase,
    readonly nats: NatsConnection,
    private readonly issuer: TokenIssuer,
  ) {}

  get dataSource(): DataSource {
    return this.app.get(DataSource);
  }

  get<T>(type: new (...args: never[]) => T): T {
    return this.app.get(type);
  }

  token(actor: TestActor): Promise<string> {
    return this.issuer.sign(actor);
  }

  async request<T = Json>(
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE' | 'OPTIONS' | 'HEAD',
    url: string,
    options: RequestOptions = {},
  ): Promise<Reply<T>> {
    const res = await this.app.inject({
      method,
      url,
      headers: { ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...options.headers },
      ...(options.body !== undefined
        ? { payload: typeof options.body === 'string' ? options.body : (options.body as object) }
        : {}),
    });
    const isJson = /json/.test(String(res.headers['content-type'] ?? ''));
    return {
      status: res.statusCode,
      body: (isJson && res.body ? res.json() : res.body) as T,
      headers: res.headers,
      raw: res.rawPayload,
    };
  }

  /** Events written to the outbox, oldest first: what the relay publishes. */
  async outbox(type?: string): Promise<{ type: string; subject: string; data: Json }[]> {
    const rows: { payload: { type: string; subject: string; data: Json } }[] = await this.dataSource.query(
      `SELECT payload FROM outbox ${type ? 'WHERE type = $1' : ''} ORDER BY seq`,
      type ? [type] : [],
    );
    return rows.map((r) => r.payload);
  }

  /**
   * A producer and one active product in the catalogue read model, written as the catalogue event handlers
   * write them (the event path itself is covered by the read-model tests).
   */
  async seedProducer(
    producer: Partial<ProducerSnapshotV1> = {},
    product: Partial<ProductSnapshotV1> = {},
  ): Promise<{ producer: ProducerSnapshotV1; product: ProductSnapshotV1 }> {
    const p = producerSnapshot(producer);
    const prod = productSnapshot(p.producerId, product);
    await this.dataSource.transaction(async (manager) => {
      await ReadModelWriter.upsertProducer(manager, p);
      await ReadModelWriter.upsertProductFromEvent(manager, prod);
    });
    return { producer: p, product: prod };
  }

  async seedProduct(
    producerId: string,
    product: Partial<ProductSnapshotV1> = {},
  ): Promise<ProductSnapshotV1> {
    const prod = productSnapshot(producerId, product);
    await this.dataSource.transaction((manager) => ReadModelWriter.upsertProductFromEvent(manager, prod));
    return prod;
  }

  /** A growing area of the producer with an issued code (registered by the producer, issued by an admin). */
  async issuedGrowingArea(producerToken: string, body: Json): Promise<Json> {
    const created = await this.request('POST', '/growing-areas', { token: producerToken, body });
    if (created.status !== 201)
      throw new Error(`growing area: ${created.status} ${JSON.stringify(created.body)}`);
    const admin = await this.token({ roles: ['admin'] });
    const issued = await this.request('POST', `/growing-areas/${created.body.growingAreaId}/issue`, {
      token: admin,
      body: {},
    });
    return issued.body;
  }

  /** Plays another service: publishes one of its events into this test's namespace, as its relay would. */
  async publish(type: string, data: object, subject?: string): Promise<string> {
    const service = type.split('.')[1];
    await ensureStream(await this.nats.jetstreamManager(), this.config.EVENT_NAMESPACE, service, 'owner');
    const event = createCloudEvent({ type, source: `/ocop/${service}`, subject, data });
    await this.nats
      .jetstream()
      .publish(natsSubjectFor(this.config.EVENT_NAMESPACE, type), codec.encode(event), { msgID: event.id });
    return event.id;
  }

  /** Plays another service's request-reply handler (`undefined` from the handler: never answer). */
  answerRpc(name: string, handler: (data: Json) => { response?: unknown; err?: Problem } | undefined): void {
    const sub = this.nats.subscribe(rpcSubjectFor(this.config.EVENT_NAMESPACE, name));
    this.rpcAnswers.push(sub);
    void (async () => {
      for await (const msg of sub) {
        const packet = codec.decode(msg.data) as { id: string; data: Json };
        const answer = handler(packet.data);
        if (answer) msg.respond(codec.encode({ id: packet.id, ...answer, isDisposed: true }));
      }
    })();
  }

  stopRpcAnswers(): void {
    for (const sub of this.rpcAnswers.splice(0)) sub.unsubscribe();
  }

  async close(): Promise<void> {
    this.stopRpcAnswers();
    await this.app.close();
    await this.nats.close();
    await this.issuer.stop();
    await this.database.drop();
    await deleteNamespaceStreams(this.config.NATS_URL, this.config.EVENT_NAMESPACE);
  }
}

/** Traceability as it ships, on its own database and event namespace, with a local identity stand-in. */
export async function startTraceability(
  label: string,
  env: Record<string, string> = {},
): Promise<TraceabilityHarness> {
  const issuer = new TokenIssuer();
  const jwksUrl = await issuer.start();
  const database = await createTestDatabase(label);
  const config = loadConfig('traceability', TraceabilityConfig, {
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    EVENT_NAMESPACE: testNamespace(),
    LOG_LEVEL: process.env['TEST_LOG_LEVEL'] || 'silent',
    IDENTITY_JWKS_URL: jwksUrl,
    NATS_URL: process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222',
    DB_POOL_SIZE: '20',
    ...env,
  });
  await migrateDatabase(traceabilityDataSourceOptions(config));
  const app = await createServiceApp(traceabilityService, config);
  await app.startAllMicroservices();
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const nats = await connect({ servers: config.NATS_URL });
  return new TraceabilityHarness(app, config, database, nats, issuer);
}
