import { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  AccountSnapshotV1,
  createCloudEvent,
  natsSubjectFor,
  owningService,
  PlaceV1,
  ProducerSnapshotV1,
  ProducerType,
  ProductGroupCode,
  ProductSnapshotV1,
  Role,
  UnitMapId,
} from '@ocop/contracts';
import { ensureStream } from '@ocop/messaging';
import { migrateDatabase } from '@ocop/persistence';
import { createServiceApp, loadConfig } from '@ocop/service-kit';
import {
  createTestDatabase,
  deleteNamespaceStreams,
  TestActor,
  TestDatabase,
  testNamespace,
  TokenIssuer,
  waitFor,
} from '@ocop/testing';
import { connect, NatsConnection } from 'nats';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { Clock } from '../src/common/clock';
import { RatingConfig } from '../src/config';
import { ratingDataSourceOptions } from '../src/data-source';
import { ReminderScheduler } from '../src/reminders/reminder-scheduler';
import { ratingService } from '../src/service';

/** Real time plus an offset the test moves: "three years later" without waiting three years. */
export class TestClock extends Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  advanceDays(days: number): void {
    this.offsetMs += days * 24 * 3600 * 1000;
  }

  /** Jumps to an instant (moving forward or back). */
  set(at: Date): void {
    this.offsetMs = at.getTime() - Date.now();
  }
}

/** A parsed answer. Loose on purpose: tests assert its shape with expect(). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface Reply {
  status: number;
  body: Json;
  headers: Record<string, string | string[] | number | undefined>;
  raw: Buffer;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  /** A raw body (a file, a CSV) with its content type. */
  raw?: { contentType: string; payload: string | Buffer };
}

/** The Ben Tre commune of Quới Sơn (district Châu Thành), under both maps, as the catalogue reports places. */
export const QUOI_SON: Record<UnitMapId, PlaceV1> = {
  'bt-2022': { provinceCode: '83', districtCode: '831', communeCode: '28807' },
  'vl-2025-07': { provinceCode: '86', communeCode: '28807' },
};

export function placesIn(districtCode: string, communeCode: string): Record<UnitMapId, PlaceV1> {
  return {
    'bt-2022': { provinceCode: '83', districtCode, communeCode },
    'vl-2025-07': { provinceCode: '86' },
  };
}

export class RatingHarness {
  private nats?: NatsConnection;

  constructor(
    readonly app: NestFastifyApplication,
    readonly config: RatingConfig,
    readonly clock: TestClock,
    readonly database: TestDatabase,
    readonly issuer: TokenIssuer,
    private readonly owner: boolean,
  ) {}

  get dataSource(): DataSource {
    return this.app.get(DataSource);
  }

  get scheduler(): ReminderScheduler {
    return this.app.get(ReminderScheduler);
  }

  token(actor: TestActor): Promise<string> {
    return this.issuer.sign(actor);
  }

  async request(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    options: RequestOptions = {},
  ): Promise<Reply> {
    const res = await this.app.inject({
      method,
      url,
      headers: {
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.raw ? { 'content-type': options.raw.contentType } : {}),
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
      body: isJson && res.body ? res.json() : res.body,
      headers: res.headers,
      raw: res.rawPayload,
    };
  }

  /** A statement on a connection of its own, outside the service: what someone with database access could try. */
  async sql(text: string, params: unknown[] = []): Promise<unknown[]> {
    const client = new Client({ connectionString: this.database.url });
    await client.connect();
    try {
      return (await client.query(text, params)).rows;
    } finally {
      await client.end();
    }
  }

  /** Events written to the outbox, oldest first: exactly what the relay publishes. */
  async outbox(type?: string): Promise<{ type: string; subject: string; data: Json }[]> {
    const rows: { payload: { type: string; subject: string; data: unknown } }[] = await this.dataSource.query(
      `SELECT payload FROM outbox ${type ? 'WHERE type = $1' : ''} ORDER BY seq`,
      type ? [type] : [],
    );
    return rows.map((r) => r.payload as { type: string; subject: string; data: Json });
  }

  /** Publishes another service's event on JetStream, as that service's relay would. */
  async publish(type: string, data: unknown): Promise<void> {
    this.nats ??= await connect({ servers: this.config.NATS_URL });
    const service = owningService(type);
    await ensureStream(await this.nats.jetstreamManager(), this.config.EVENT_NAMESPACE, service, 'owner');
    const event = createCloudEvent({ type, source: `/ocop/${service}`, data });
    await this.nats
      .jetstream()
      .publish(natsSubjectFor(this.config.EVENT_NAMESPACE, type), JSON.stringify(event), {
        msgID: event.id,
      });
  }

  async seedProducer(input: {
    name: string;
    places?: Record<UnitMapId, PlaceV1>;
    type?: ProducerType;
    id?: string;
  }): Promise<string> {
    const producer: ProducerSnapshotV1 = {
      producerId: input.id ?? randomUUID(),
      type: input.type ?? 'enterprise',
      name: input.name,
      legalRepresentative: { fullName: 'Nguyễn Văn An', woman: false, ethnicMinority: false },
      address: { unitMap: 'bt-2022', places: input.places ?? QUOI_SON },
      contact: {},
      status: 'verified',
      updatedAt: new Date().toISOString(),
    };
    await this.publish('ocop.catalogue.producer.registered', { producer, actorId: randomUUID() });
    return producer.producerId;
  }

  async seedProduct(input: {
    producerId: string;
    nameVi: string;
    productSet: number;
    group?: ProductGroupCode;
    id?: string;
  }): Promise<string> {
    const product: ProductSnapshotV1 = {
      productId: input.id ?? randomUUID(),
      producerId: input.producerId,
      nameVi: input.nameVi,
      productSet: input.productSet,
      productGroup: input.group ?? 'food',
      images: [],
      gtins: [],
      packageSizes: [],
      allergens: [],
      certifications: [],
      salesLinks: [],
      status: 'active',
      ocop: null,
      updatedAt: new Date().toISOString(),
    };
    await this.publish('ocop.catalogue.product.created', { product, actorId: randomUUID() });
    return product.productId;
  }

  async seedAccount(input: {
    displayName: string;
    roles: Role[];
    id?: string;
    producerId?: string;
  }): Promise<string> {
    const account: AccountSnapshotV1 = {
      accountId: input.id ?? randomUUID(),
      displayName: input.displayName,
      language: 'vi',
      roles: input.roles,
      status: 'active',
      ...(input.producerId ? { producerId: input.producerId } : {}),
    };
    await this.publish('ocop.identity.account.registered', account);
    return account.accountId;
  }

  /** Waits until the read model holds these rows (the events went through JetStream and the consumer). */
  async readModelHas(
    table: 'producer_views' | 'product_views' | 'account_views',
    ids: string[],
  ): Promise<void> {
    await waitFor(async () => {
      const [row] = await this.dataSource.query(
        `SELECT count(*)::int AS n FROM ${table} WHERE id = ANY ($1)`,
        [ids],
      );
      expect(row.n).toBe(ids.length);
    });
  }

  private stopped = false;

  /** Stops this process (as a deploy would); the database and namespace stay for the next one. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.nats?.close();
    await this.app.close();
  }

  async close(): Promise<void> {
    await this.stop();
    if (!this.owner) return;
    await this.issuer.stop();
    await this.database.drop();
    await deleteNamespaceStreams(this.config.NATS_URL, this.config.EVENT_NAMESPACE);
  }
}

export interface StartOptions {
  env?: Record<string, string>;
  /** Another replica of a running rating: same database, namespace and token issuer. */
  replicaOf?: RatingHarness;
}

/** The rating service as it ships, on its own database and event namespace, with a local identity stand-in. */
export async function startRating(label: string, options: StartOptions = {}): Promise<RatingHarness> {
  const of = options.replicaOf;
  const issuer = of?.issuer ?? new TokenIssuer();
  const jwksUrl = of ? of.config.IDENTITY_JWKS_URL : await issuer.start();
  const database = of?.database ?? (await createTestDatabase(label));
  const config = loadConfig('rating', RatingConfig, {
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    EVENT_NAMESPACE: of?.config.EVENT_NAMESPACE ?? testNamespace(),
    LOG_LEVEL: 'silent',
    IDENTITY_JWKS_URL: jwksUrl,
    NATS_URL: process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222',
    CERTIFICATE_PDF_COMPRESS: 'false',
    COUNCIL_MIN_SCORESHEETS: '3',
    ...options.env,
  });
  if (!of) await migrateDatabase(ratingDataSourceOptions(config));
  const clock = new TestClock();
  const app = await createServiceApp(
    { ...ratingService, module: (c) => AppModule.forRoot(c, { clock }) },
    config,
  );
  await app.startAllMicroservices();
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return new RatingHarness(app, config, clock, database, issuer, !of);
}
