import { DynamicModule, Module, Provider, Type } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { CloudEvent } from '@ocop/contracts';
import { migrateDatabase, serviceDataSourceOptions } from '@ocop/persistence';
import {
  BaseServiceConfig,
  createServiceApp,
  currentContext,
  loadConfig,
  Metrics,
  ServiceKitModule,
} from '@ocop/service-kit';
import { waitFor } from '@ocop/testing';
import { JetStreamManager } from 'nats';
import { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import {
  connectMessaging,
  EventContext,
  EventOutbox,
  MessagingModule,
  MessagingOptions,
  messagingEntities,
  messagingMigrations,
} from '../src';

/**
 * A tiny service for the messaging integration tests, built by createServiceApp exactly as production builds
 * one: ServiceKitModule + MessagingModule + the test's controllers, transports attached by connectMessaging.
 * Handlers record what they did in `effect`, one row per application, so a test counts side effects per event.
 */

/** Which instance (replica) of a service this is; handlers write it into their effects. */
export const INSTANCE = Symbol('INSTANCE');

class TestSchema1732800000001 implements MigrationInterface {
  name = 'TestSchema1732800000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    // No unique constraint on event_id: a handler applied twice must show as two rows.
    await queryRunner.query(`
      CREATE TABLE effect (
        id bigserial PRIMARY KEY,
        event_id text NOT NULL,
        instance text NOT NULL,
        correlation_id text,
        handled_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await queryRunner.query('CREATE TABLE note (id uuid PRIMARY KEY, body text NOT NULL)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE note');
    await queryRunner.query('DROP TABLE effect');
  }
}

const migrations = [...messagingMigrations, TestSchema1732800000001];

export async function migrateTestDatabase(url: string): Promise<void> {
  await migrateDatabase(
    serviceDataSourceOptions({ url, serviceName: 'test', entities: messagingEntities, migrations }),
  );
}

export interface TestServiceInput {
  name: string;
  instance?: string;
  databaseUrl: string;
  natsUrl: string;
  namespace: string;
  controllers?: Type[];
  providers?: Provider[];
  /** More modules, e.g. AuthModule for a test of the admin routes. */
  imports?: DynamicModule[];
  messaging?: Pick<MessagingOptions, 'consumer' | 'relay'>;
  /** Start the consumers and RPC server right away (default true); otherwise call `startTransports()`. */
  startTransports?: boolean;
}

export interface TestService {
  app: NestFastifyApplication;
  dataSource: DataSource;
  config: BaseServiceConfig;
  startTransports(): Promise<void>;
  close(): Promise<void>;
}

/** The service's config and root module, as `runService` builds them for serving and for operator commands. */
export function testServiceModule(input: TestServiceInput): {
  config: BaseServiceConfig;
  module: DynamicModule;
} {
  const config = loadConfig(input.name, BaseServiceConfig, {
    NODE_ENV: 'test',
    DATABASE_URL: input.databaseUrl,
    NATS_URL: input.natsUrl,
    EVENT_NAMESPACE: input.namespace,
    LOG_LEVEL: process.env['TEST_LOG_LEVEL'] || 'silent',
    DB_POOL_SIZE: '20',
  });

  @Module({})
  class TestAppModule {}

  const module: DynamicModule = {
    module: TestAppModule,
    imports: [
      ServiceKitModule.forRoot({ serviceName: input.name, config, entities: messagingEntities, migrations }),
      MessagingModule.forRoot({
        serviceName: input.name,
        natsUrl: config.NATS_URL,
        namespace: config.EVENT_NAMESPACE,
        ...input.messaging,
      }),
      ...(input.imports ?? []),
    ],
    controllers: input.controllers ?? [],
    providers: [{ provide: INSTANCE, useValue: input.instance ?? input.name }, ...(input.providers ?? [])],
  };
  return { config, module };
}

export async function startTestService(input: TestServiceInput): Promise<TestService> {
  const { config, module } = testServiceModule(input);
  const app = await createServiceApp(
    {
      name: input.name,
      title: input.name,
      description: 'messaging integration test service',
      module: () => module,
      connectMicroservices: connectMessaging,
    },
    config,
  );
  await app.init();
  const startTransports = async () => {
    await app.startAllMicroservices();
  };
  if (input.startTransports !== false) await startTransports();
  let closed: Promise<void> | undefined;
  return {
    app,
    dataSource: app.get(DataSource),
    config,
    startTransports,
    close: () => (closed ??= app.close()),
  };
}

/** A handler's side effect: one row per application of an event, through the handler's transaction. */
export async function recordEffect(ctx: EventContext, event: CloudEvent, instance: string): Promise<void> {
  await ctx.manager.query('INSERT INTO effect (event_id, instance, correlation_id) VALUES ($1, $2, $3)', [
    event.id,
    instance,
    currentContext()?.correlationId ?? null,
  ]);
}

export interface EffectRow {
  event_id: string;
  instance: string;
  correlation_id: string | null;
}

export async function effects(dataSource: DataSource): Promise<EffectRow[]> {
  return (await dataSource.query(
    'SELECT event_id, instance, correlation_id FROM effect ORDER BY id',
  )) as EffectRow[];
}

/** How many times each event was applied. */
export async function effectCounts(dataSource: DataSource): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const row of await effects(dataSource)) counts.set(row.event_id, (counts.get(row.event_id) ?? 0) + 1);
  return counts;
}

/** Commits `count` events of `type` (with a note each, as the change they report) in one transaction. */
export async function commitEvents(service: TestService, type: string, count = 1): Promise<CloudEvent[]> {
  const outbox = service.app.get(EventOutbox);
  return service.dataSource.transaction(async (manager) => {
    const events: CloudEvent[] = [];
    for (let i = 0; i < count; i++) {
      const event = await outbox.add(manager, { type, data: { n: i } });
      await manager.query('INSERT INTO note (id, body) VALUES ($1, $2)', [event.id, `note ${i}`]);
      events.push(event);
    }
    return events;
  });
}

/** Waits until the durable consumer has nothing left to deliver and nothing unacknowledged. */
export async function waitConsumerSettled(jsm: JetStreamManager, stream: string, durable: string) {
  return waitFor(async () => {
    const info = await jsm.consumers.info(stream, durable);
    expect({ pending: info.num_pending, unacknowledged: info.num_ack_pending }).toEqual({
      pending: 0,
      unacknowledged: 0,
    });
    return info;
  });
}

export async function streamMessageCount(jsm: JetStreamManager, stream: string): Promise<number> {
  return (await jsm.streams.info(stream)).state.messages;
}

/** Sum of a counter's series matching `labels`, from the application's own registry. */
export async function counterValue(
  app: NestFastifyApplication,
  name: string,
  labels: Record<string, string> = {},
) {
  const metric = app.get(Metrics).registry.getSingleMetric(name);
  if (!metric) return 0;
  const { values } = await metric.get();
  return values
    .filter((v) => Object.entries(labels).every(([k, val]) => v.labels[k] === val))
    .reduce((sum, v) => sum + v.value, 0);
}
