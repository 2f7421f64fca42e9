import { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  AccountSnapshotV1,
  createCloudEvent,
  natsSubjectFor,
  owningService,
  Role,
  TerritoryScope,
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
import { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { Clock } from '../src/common/clock';
import { NotificationsConfig } from '../src/config';
import { notificationsDataSourceOptions } from '../src/data-source';
import { Dispatcher } from '../src/delivery/dispatcher';
import { DigestScheduler } from '../src/digest/digest-scheduler';
import { notificationsService } from '../src/service';
import { HostResolver } from '../src/webhooks/host-resolver';
import { SmtpSink } from './smtp-sink';

/** Real time plus an offset the test moves: tomorrow's digest without waiting a day. */
export class TestClock extends Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  set(at: Date): void {
    this.offsetMs = at.getTime() - Date.now();
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface Reply {
  status: number;
  body: Json;
}

export class NotificationsHarness {
  private nats?: NatsConnection;
  private stopped = false;

  constructor(
    readonly app: NestFastifyApplication,
    readonly config: NotificationsConfig,
    readonly clock: TestClock,
    readonly database: TestDatabase,
    readonly issuer: TokenIssuer,
    readonly smtp: SmtpSink,
    private readonly owner: boolean,
  ) {}

  get dataSource(): DataSource {
    return this.app.get(DataSource);
  }

  get dispatcher(): Dispatcher {
    return this.app.get(Dispatcher);
  }

  get digests(): DigestScheduler {
    return this.app.get(DigestScheduler);
  }

  /** Where the app listens (SSE needs a real socket). */
  get baseUrl(): string {
    const address = this.app.getHttpServer().address() as AddressInfo;
    return `http://127.0.0.1:${address.port}`;
  }

  token(actor: TestActor): Promise<string> {
    return this.issuer.sign(actor);
  }

  async request(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    options: { token?: string; body?: unknown } = {},
  ): Promise<Reply> {
    const res = await this.app.inject({
      method,
      url,
      headers: options.token ? { authorization: `Bearer ${options.token}` } : {},
      ...(options.body !== undefined ? { payload: options.body as object } : {}),
    });
    const isJson = String(res.headers['content-type'] ?? '').includes('json');
    return { status: res.statusCode, body: isJson && res.body ? res.json() : res.body };
  }

  async query<T = Json>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.dataSource.query(sql, params);
  }

  /** A statement on a connection of its own: works while no process of the service runs. */
  async sql<T = Json>(text: string, params: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: this.database.url });
    await client.connect();
    try {
      return (await client.query(text, params)).rows;
    } finally {
      await client.end();
    }
  }

  /** Publishes another service's event on JetStream, as that service's relay would (Nats-Msg-Id = event id). */
  async publish(
    type: string,
    data: unknown,
    options: { id?: string; subject?: string } = {},
  ): Promise<string> {
    this.nats ??= await connect({ servers: this.config.NATS_URL });
    const service = owningService(type);
    await ensureStream(await this.nats.jetstreamManager(), this.config.EVENT_NAMESPACE, service, 'owner');
    const event = createCloudEvent({
      type,
      source: `/ocop/${service}`,
      data,
      id: options.id,
      subject: options.subject,
    });
    await this.nats
      .jetstream()
      .publish(natsSubjectFor(this.config.EVENT_NAMESPACE, type), JSON.stringify(event), { msgID: event.id });
    return event.id;
  }

  /** Registers an account through identity's event and waits until the read model has it. */
  async seedAccount(input: {
    roles: Role[];
    email?: string;
    language?: 'vi' | 'en';
    producerId?: string;
    scope?: TerritoryScope;
    displayName?: string;
  }): Promise<{ accountId: string; token: string; email?: string }> {
    const account: AccountSnapshotV1 = {
      accountId: randomUUID(),
      displayName: input.displayName ?? 'Nguyễn Văn An',
      language: input.language ?? 'vi',
      roles: input.roles,
      status: 'active',
      ...(input.email ? { email: input.email } : {}),
      ...(input.producerId ? { producerId: input.producerId } : {}),
      ...(input.scope ? { scope: input.scope } : {}),
    };
    await this.publish('ocop.identity.account.registered', account);
    await waitFor(async () => {
      const rows = await this.query(`SELECT 1 FROM account_views WHERE id = $1`, [account.accountId]);
      expect(rows).toHaveLength(1);
    });
    const token = await this.token({
      accountId: account.accountId,
      roles: input.roles,
      producerId: input.producerId,
      scope: input.scope,
    });
    return { accountId: account.accountId, token, email: input.email };
  }

  /** Waits until the events are planned (their inbox entries committed). */
  async processed(eventIds: string[]): Promise<void> {
    await waitFor(async () => {
      const rows = await this.query(`SELECT 1 FROM inbox WHERE event_id = ANY ($1)`, [eventIds]);
      expect(rows).toHaveLength(eventIds.length);
    });
  }

  /** Stops this process (as a deploy would); the database and namespace stay for the next one. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.nats?.close();
    this.nats = undefined;
    await this.app.close();
  }

  async close(): Promise<void> {
    await this.stop();
    // publish() after stop() (events sent while no process runs) opened a connection of its own.
    await this.nats?.close();
    if (!this.owner) return;
    await this.smtp.stop();
    await this.issuer.stop();
    await this.database.drop();
    await deleteNamespaceStreams(this.config.NATS_URL, this.config.EVENT_NAMESPACE);
  }
}

export interface StartOptions {
  env?: Record<string, string>;
  /** Another replica (or the restarted process) of a running service: same database, namespace, issuer, SMTP. */
  replicaOf?: NotificationsHarness;
  clock?: TestClock;
  /** Where receivers' names resolve (the machine's DNS if absent). */
  hostResolver?: HostResolver;
}

/** The notifications service as it ships, on its own database and namespace, with identity and SMTP stand-ins. */
export async function startNotifications(
  label: string,
  options: StartOptions = {},
): Promise<NotificationsHarness> {
  const of = options.replicaOf;
  const issuer = of?.issuer ?? new TokenIssuer();
  const jwksUrl = of ? of.config.IDENTITY_JWKS_URL : await issuer.start();
  const database = of?.database ?? (await createTestDatabase(label));
  const smtp = of?.smtp ?? (await new SmtpSink().start());
  const config = loadConfig('notifications', NotificationsConfig, {
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    EVENT_NAMESPACE: of?.config.EVENT_NAMESPACE ?? testNamespace(),
    LOG_LEVEL: 'silent',
    IDENTITY_JWKS_URL: jwksUrl,
    NATS_URL: process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222',
    SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    MAIL_FROM: 'OCOP test <no-reply@ocop.test>',
    DISPATCH_POLL_MS: '50',
    RETRY_BASE_MS: '20',
    RETRY_MAX_MS: '200',
    DIGEST_POLL_MS: '3600000',
    WEBHOOK_ALLOW_PRIVATE_URLS: 'true',
    WEBHOOK_TIMEOUT_MS: '5000',
    SSE_HEARTBEAT_MS: '1000',
    ...options.env,
  });
  if (!of) await migrateDatabase(notificationsDataSourceOptions(config));
  const clock = options.clock ?? new TestClock();
  const app = await createServiceApp(
    {
      ...notificationsService,
      module: (c) => AppModule.forRoot(c, { clock, hostResolver: options.hostResolver }),
    },
    config,
  );
  await app.startAllMicroservices();
  await app.listen({ port: 0, host: '127.0.0.1' });
  return new NotificationsHarness(app, config, clock, database, issuer, smtp, !of);
}
