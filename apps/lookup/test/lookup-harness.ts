import { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  BatchSnapshotV1,
  CatalogueEvents,
  createCloudEvent,
  natsSubjectFor,
  owningService,
  ProducerSnapshotV1,
  ProductSnapshotV1,
  RatingEvents,
  TraceabilityEvents,
} from '@ocop/contracts';
import { ensureStream } from '@ocop/messaging';
import {
  DigitalLinkData,
  ed25519PublicKey,
  productCodePath,
  signProductCodeUnit,
  signUnit,
} from '@ocop/ocop-domain';
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
import { generateKeyPairSync, KeyObject, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { Clock } from '../src/common/clock';
import { LookupConfig } from '../src/config';
import { lookupDataSourceOptions } from '../src/data-source';
import { ScanRecorder } from '../src/scans/scan-recorder';
import { lookupService } from '../src/service';
import { batchSnapshot, certificate, producerSnapshot, productSnapshot, serials } from './fixtures';

/** Real time plus an offset the test moves. */
export class TestClock extends Clock {
  private offsetMs = 0;

  override nowMs(): number {
    return Date.now() + this.offsetMs;
  }

  set(at: Date): void {
    this.offsetMs = at.getTime() - Date.now();
  }

  reset(): void {
    this.offsetMs = 0;
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface Reply {
  status: number;
  body: Json;
  headers: Record<string, string | string[] | number | undefined>;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
  remoteAddress?: string;
}

/** A signing key as traceability holds one: its kid, private half (to sign test labels) and public JWK. */
export interface TestLabelKey {
  kid: string;
  privateKey: KeyObject;
  x: string;
}

export function newLabelKey(): TestLabelKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const x = publicKey.export({ format: 'jwk' }).x as string;
  // Round trip through the shared helper: the published x is what lookup rebuilds the key from.
  ed25519PublicKey(Buffer.from(x, 'base64url'));
  return { kid: randomUUID(), privateKey, x };
}

export interface SeededItem {
  producer: ProducerSnapshotV1;
  product: ProductSnapshotV1;
  batch: BatchSnapshotV1;
  serials: string[];
  /** Digital Link paths (no host) of each unit, signed when the batch's units are. */
  unitPaths: string[];
}

export class LookupHarness {
  private nats?: NatsConnection;
  private stopped = false;

  constructor(
    public app: NestFastifyApplication,
    readonly config: LookupConfig,
    readonly clock: TestClock,
    readonly database: TestDatabase,
    readonly issuer: TokenIssuer,
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

  async request(
    method: 'GET' | 'POST' | 'HEAD' | 'OPTIONS',
    url: string,
    o: RequestOptions = {},
  ): Promise<Reply> {
    const res = await this.app.inject({
      method,
      url,
      remoteAddress: o.remoteAddress,
      headers: { ...(o.token ? { authorization: `Bearer ${o.token}` } : {}), ...o.headers },
      ...(o.body !== undefined ? { payload: o.body as string } : {}),
    });
    const isJson = /json/.test(String(res.headers['content-type'] ?? ''));
    return { status: res.statusCode, body: isJson && res.body ? res.json() : res.body, headers: res.headers };
  }

  async natsConnection(): Promise<NatsConnection> {
    this.nats ??= await connect({ servers: this.config.NATS_URL });
    return this.nats;
  }

  /** Plays another service: publishes one of its events as its relay would (CloudEvent, Nats-Msg-Id). */
  async publish(type: string, data: unknown, subject?: string): Promise<string> {
    const nc = await this.natsConnection();
    const service = owningService(type);
    await ensureStream(await nc.jetstreamManager(), this.config.EVENT_NAMESPACE, service, 'owner');
    const event = createCloudEvent({ type, source: `/ocop/${service}`, subject, data });
    await nc
      .jetstream()
      .publish(natsSubjectFor(this.config.EVENT_NAMESPACE, type), JSON.stringify(event), { msgID: event.id });
    return event.id;
  }

  async publishKey(key: TestLabelKey): Promise<void> {
    await this.publish(TraceabilityEvents.labelKeyPublished, {
      kid: key.kid,
      publicJwk: { kty: 'OKP', crv: 'Ed25519', x: key.x },
      createdAt: new Date().toISOString(),
    });
  }

  /**
   * A producer, an active product with a 4★ certificate, a released batch and `units` serialised units (signed
   * with `key` when given), all as events on NATS; waits until the read model has them.
   */
  async seedItem(
    options: {
      units?: number;
      key?: TestLabelKey;
      product?: Partial<ProductSnapshotV1>;
      batch?: Partial<BatchSnapshotV1>;
      producer?: ProducerSnapshotV1;
      certificate?: boolean;
    } = {},
  ): Promise<SeededItem> {
    const producer = options.producer ?? producerSnapshot();
    const product = productSnapshot(producer.producerId, options.product);
    const batch = batchSnapshot(product, options.batch);
    const units = serials(options.units ?? 3);
    if (!options.producer) {
      await this.publish(CatalogueEvents.producerVerified, { producer, actorId: randomUUID() });
    }
    await this.publish(CatalogueEvents.productActivated, { product, actorId: randomUUID() });
    if (options.certificate !== false) {
      await this.publish(RatingEvents.certificateIssued, certificate(product));
    }
    await this.publish(TraceabilityEvents.batchCreated, { batch, actorId: randomUUID() });
    if (units.length) {
      await this.publish(TraceabilityEvents.unitsIssued, {
        batchId: batch.batchId,
        productId: product.productId,
        producerId: producer.producerId,
        ...(batch.gtin ? { gtin: batch.gtin } : { productCode: batch.productCode }),
        lot: batch.lot,
        generationId: randomUUID(),
        signed: !!options.key,
        ...(options.key ? { keyId: options.key.kid } : {}),
        units: units.map((serial, i) => ({ seq: i + 1, serial })),
        part: 1,
        parts: 1,
      });
    }
    const unitPaths = units.map((serial) => this.unitPath(batch, serial, options.key));
    await this.waitForRows(
      `SELECT count(*)::int AS n FROM rm_units WHERE batch_id = $1`,
      [batch.batchId],
      units.length,
    );
    await this.waitForRows(`SELECT count(*)::int AS n FROM rm_batches WHERE id = $1`, [batch.batchId], 1);
    await this.waitForRows(
      `SELECT count(*)::int AS n FROM rm_product_gtins WHERE product_id = $1`,
      [product.productId],
      product.gtins.length,
    );
    if (options.certificate !== false) {
      await this.waitForRows(
        `SELECT count(*)::int AS n FROM rm_certificates WHERE product_id = $1`,
        [product.productId],
        1,
      );
    }
    await this.waitForRows(
      `SELECT count(*)::int AS n FROM rm_producers WHERE id = $1`,
      [producer.producerId],
      1,
    );
    return { producer, product, batch, serials: units, unitPaths };
  }

  /**
   * The path a label of the unit carries: /01/…/10/…/21/…?17=…[&8030=…], or without GTIN /t/{code}/{lot}/{serial}
   * [?sig=…], signed exactly as traceability does.
   */
  unitPath(batch: BatchSnapshotV1, serial: string, key?: TestLabelKey): string {
    if (!batch.gtin) {
      const unit = { code: batch.productCode as string, lot: batch.lot, serial };
      const path = productCodePath(unit);
      return key ? `${path}?sig=${signProductCodeUnit(key.privateKey, unit)}` : path;
    }
    const attributes: Record<string, string> = {};
    if (batch.expiryDate) attributes['17'] = batch.expiryDate.slice(2).replace(/-/g, '');
    const data: DigitalLinkData = { gtin: batch.gtin, lot: batch.lot, serial, attributes };
    const query = Object.entries(attributes).map(([k, v]) => `${k}=${v}`);
    if (key) query.push(`8030=${signUnit(key.privateKey, data)}`);
    return `/01/${batch.gtin}/10/${encodeURIComponent(batch.lot)}/21/${serial}${query.length ? `?${query.join('&')}` : ''}`;
  }

  async waitForRows(sql: string, params: unknown[], n: number): Promise<void> {
    await waitFor(async () => {
      const [row] = (await this.dataSource.query(sql, params)) as { n: number }[];
      expect(row.n).toBe(n);
    });
  }

  /** Waits until lookup has handled the event (its inbox row commits with the handler's changes). */
  async waitForHandled(eventId: string): Promise<void> {
    await this.waitForRows(`SELECT count(*)::int AS n FROM inbox WHERE event_id = $1`, [eventId], 1);
  }

  async flushScans(): Promise<void> {
    await this.get(ScanRecorder).flush();
  }

  /** Stops this process (as a deploy would); the database and namespace stay for the next one. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.app.close();
  }

  /** Starts lookup again on the same database and namespace. */
  async restart(): Promise<void> {
    await this.stop();
    this.app = await bootApp(this.config, this.clock);
    this.stopped = false;
  }

  async close(): Promise<void> {
    await this.stop();
    await this.nats?.close();
    await this.issuer.stop();
    await this.database.drop();
    await deleteNamespaceStreams(this.config.NATS_URL, this.config.EVENT_NAMESPACE);
  }
}

async function bootApp(config: LookupConfig, clock: TestClock): Promise<NestFastifyApplication> {
  const app = await createServiceApp(
    { ...lookupService, module: (c) => AppModule.forRoot(c, { clock }) },
    config,
  );
  await app.startAllMicroservices();
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

/** Lookup as it ships, on its own database and event namespace, with a local identity stand-in. */
export async function startLookup(label: string, env: Record<string, string> = {}): Promise<LookupHarness> {
  const issuer = new TokenIssuer();
  const jwksUrl = await issuer.start();
  const database = await createTestDatabase(label);
  const config = loadConfig('lookup', LookupConfig, {
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    EVENT_NAMESPACE: testNamespace(),
    LOG_LEVEL: process.env['TEST_LOG_LEVEL'] || 'silent',
    IDENTITY_JWKS_URL: jwksUrl,
    NATS_URL: process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222',
    LOOKUP_BASE_URL: 'https://id.ocop.test',
    SCAN_FLUSH_MS: '200',
    ...env,
  });
  await migrateDatabase(lookupDataSourceOptions(config));
  const clock = new TestClock();
  const app = await bootApp(config, clock);
  return new LookupHarness(app, config, clock, database, issuer);
}
