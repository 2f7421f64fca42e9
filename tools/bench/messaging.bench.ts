/**
 * Messaging benchmarks (issue 2):
 *  1. Outbox relay throughput (committed → published events/s) against raw JetStream publishing with dedup ids,
 *     measured in the same run on the same server. Target: relay ≥ 0.5 × raw.
 *  2. Commit → consumer-handled latency at a steady 500 events/s. Target: p99 < 100 ms.
 * The producing service (with its relay) runs in this process and the consuming service in a child process, as
 * two services would run; both on this machine with its PostgreSQL and NATS. Times are wall-clock
 * (performance.timeOrigin + now), comparable across the two processes. Creates and removes its own databases,
 * namespace and streams.
 */
import 'reflect-metadata';
import { Controller, Module } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { CloudEvent, natsSubjectFor, streamNameFor } from '@ocop/contracts';
import {
  connectMessaging,
  EventContext,
  EventOutbox,
  MessagingModule,
  messagingEntities,
  messagingMigrations,
  OnEvent,
  OutboxRelay,
} from '@ocop/messaging';
import { migrateDatabase, serviceDataSourceOptions } from '@ocop/persistence';
import { BaseServiceConfig, createServiceApp, loadConfig, ServiceKitModule } from '@ocop/service-kit';
import { createTestDatabase, deleteNamespaceStreams, testNamespace } from '@ocop/testing';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFileSync, readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'nats';
import { DataSource } from 'typeorm';

const NATS_URL = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';
const THROUGHPUT_EVENTS = Number(process.env['BENCH_EVENTS'] ?? 20_000);
const LATENCY_RATE = 500; // events per second
const LATENCY_SECONDS = Number(process.env['BENCH_LATENCY_SECONDS'] ?? 10);
// The first seconds at rate warm both processes up (JIT, pools, the consumer's first pulls) and are not counted.
const WARMUP_SECONDS = 3;
const EVENT_TYPE = 'ocop.benchsrc.sample.recorded';
const PAYLOAD = {
  productId: randomUUID(),
  lot: 'L2026-11-28',
  quantity: 120,
  unit: 'kg',
  note: 'x'.repeat(120),
};

// Times by event id; compared after the run, because a handler may finish before the producer's commit callback.
const committedAt = new Map<string, number>();
const publishedAt = new Map<string, number>();
const handledAt = new Map<string, number>();

const wallNow = () => performance.timeOrigin + performance.now();

@Controller()
class SinkHandler {
  @OnEvent(EVENT_TYPE)
  async handle(event: CloudEvent, _ctx: EventContext): Promise<void> {
    handledAt.set(event.id, wallNow());
  }
}

function percentiles(from: Map<string, number>, to: Map<string, number>) {
  const sorted = [...from.entries()]
    .filter(([id]) => to.has(id))
    .map(([id, t]) => (to.get(id) as number) - t)
    .sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1], n: sorted.length };
}

async function startService(
  name: string,
  url: string,
  namespace: string,
  withHandler: boolean,
  relay: boolean,
) {
  const config = loadConfig(name, BaseServiceConfig, {
    NODE_ENV: 'test',
    DATABASE_URL: url,
    NATS_URL,
    EVENT_NAMESPACE: namespace,
    LOG_LEVEL: 'warn',
    DB_POOL_SIZE: '20',
  });
  @Module({
    imports: [
      ServiceKitModule.forRoot({ serviceName: name, config, entities: messagingEntities, migrations: [] }),
      MessagingModule.forRoot({
        serviceName: name,
        natsUrl: NATS_URL,
        namespace,
        relay: { enabled: relay },
        consumer: { concurrency: 16 },
      }),
    ],
    controllers: withHandler ? [SinkHandler] : [],
  })
  class BenchModule {}
  const app: NestFastifyApplication = await createServiceApp(
    {
      name,
      title: name,
      description: 'bench',
      module: () => BenchModule,
      connectMicroservices: connectMessaging,
    },
    config,
  );
  await app.init();
  await app.startAllMicroservices();
  return app;
}

async function rawJetStream(namespace: string): Promise<number> {
  const nc = await connect({ servers: NATS_URL, noAsyncTraces: true });
  const jsm = await nc.jetstreamManager();
  const stream = streamNameFor(namespace, 'rawbench');
  const subject = natsSubjectFor(namespace, 'ocop.rawbench.sample.recorded');
  await jsm.streams.add({ name: stream, subjects: [subject], duplicate_window: 120_000_000_000 });
  const js = nc.jetstream();
  const body = Buffer.from(JSON.stringify({ id: randomUUID(), data: PAYLOAD }));
  const started = performance.now();
  // Same shape as the relay: a window of 500 in flight, each with its own dedup id.
  for (let i = 0; i < THROUGHPUT_EVENTS; i += 500) {
    const n = Math.min(500, THROUGHPUT_EVENTS - i);
    await Promise.all(Array.from({ length: n }, () => js.publish(subject, body, { msgID: randomUUID() })));
  }
  const rate = THROUGHPUT_EVENTS / ((performance.now() - started) / 1000);
  await nc.close();
  return rate;
}

async function commitBacklog(app: NestFastifyApplication, count: number): Promise<void> {
  const outbox = app.get(EventOutbox);
  const dataSource = app.get(DataSource);
  for (let i = 0; i < count; i += 500) {
    await dataSource.transaction(async (manager) => {
      for (let j = 0; j < Math.min(500, count - i); j++)
        await outbox.add(manager, { type: EVENT_TYPE, data: PAYLOAD });
    });
  }
}

async function relayThroughput(app: NestFastifyApplication): Promise<number> {
  const dataSource = app.get(DataSource);
  await commitBacklog(app, THROUGHPUT_EVENTS);
  const relay = app.get(OutboxRelay);
  const started = performance.now();
  relay.start();
  for (;;) {
    const [{ pending }] = await dataSource.query(
      'SELECT count(*)::int AS pending FROM outbox WHERE published_at IS NULL',
    );
    if (pending === 0) break;
    await new Promise((r) => setTimeout(r, 5));
  }
  const rate = THROUGHPUT_EVENTS / ((performance.now() - started) / 1000);
  await relay.stop();
  return rate;
}

async function latencyAtRate(producer: NestFastifyApplication, namespace: string) {
  const outbox = producer.get(EventOutbox);
  const dataSource = producer.get(DataSource);
  const warmup = LATENCY_RATE * WARMUP_SECONDS;
  const total = warmup + LATENCY_RATE * LATENCY_SECONDS;
  // A plain subscriber on the subject tells when the relay published each event (the breakdown of the latency).
  const nc = await connect({ servers: NATS_URL });
  const sub = nc.subscribe(natsSubjectFor(namespace, EVENT_TYPE));
  void (async () => {
    for await (const m of sub) publishedAt.set((m.json() as CloudEvent).id, wallNow());
  })();
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  // Open loop: event i is due at started + i / rate, whether or not earlier ones have finished.
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / LATENCY_RATE;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    inFlight.push(
      dataSource
        .transaction((manager) => outbox.add(manager, { type: EVENT_TYPE, data: PAYLOAD }))
        .then((event) => {
          if (i >= warmup) committedAt.set(event.id, wallNow());
        }),
    );
  }
  await Promise.all(inFlight);
  await nc.close();
  return { published: percentiles(committedAt, publishedAt) };
}

/** The consuming service, in its own process: handles `expected` events, then writes their handled times. */
async function runSink(url: string, namespace: string, expected: number, out: string): Promise<void> {
  const app = await startService('benchsink', url, namespace, true, false);
  process.stdout.write('ready\n');
  const deadline = Date.now() + 120_000;
  while (handledAt.size < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  writeFileSync(out, JSON.stringify([...handledAt.entries()]));
  await app.close();
}

function startSink(url: string, namespace: string, expected: number, out: string) {
  const child = spawn(
    process.execPath,
    [...process.execArgv, __filename, '--sink', url, namespace, String(expected), out],
    {
      env: process.env,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
    child.once('exit', (code) => reject(new Error(`sink exited ${code} before ready`)));
  });
  const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { ready, done };
}

async function main(): Promise<void> {
  const namespace = testNamespace();
  const db = await createTestDatabase('bench_messaging');
  const sinkDb = await createTestDatabase('bench_sink');
  for (const url of [db.url, sinkDb.url]) {
    await migrateDatabase(
      serviceDataSourceOptions({
        url,
        serviceName: 'bench',
        entities: messagingEntities,
        migrations: messagingMigrations,
      }),
    );
  }
  const apps: NestFastifyApplication[] = [];
  try {
    const raw = await rawJetStream(namespace);
    const quiet = await startService('benchsrc', db.url, namespace, false, false);
    apps.push(quiet);
    const relay = await relayThroughput(quiet);
    await quiet.close();
    apps.pop();

    await startAfresh(db.url, namespace);
    // The consumer runs as a second service, in its own process, with its own database and durable consumer.
    const producer = await startService('benchsrc', db.url, namespace, false, true);
    apps.push(producer);
    const out = join(mkdtempSync(join(tmpdir(), 'bench-')), 'handled.json');
    const sink = startSink(sinkDb.url, namespace, LATENCY_RATE * (WARMUP_SECONDS + LATENCY_SECONDS), out);
    await sink.ready;
    const { published } = await latencyAtRate(producer, namespace);
    await sink.done;
    for (const [id, t] of JSON.parse(readFileSync(out, 'utf8')) as [string, number][]) handledAt.set(id, t);
    const latency = percentiles(committedAt, handledAt);

    const ratio = relay / raw;
    console.log(
      JSON.stringify({
        rows: [
          {
            name: `raw JetStream publish with dedup ids (${THROUGHPUT_EVENTS} msgs, 500 in flight)`,
            value: Math.round(raw),
            unit: 'msg/s',
          },
          {
            name: `outbox relay, committed → published (${THROUGHPUT_EVENTS} events)`,
            value: Math.round(relay),
            unit: 'events/s',
            target: '≥ 0.5 × raw',
            baseline: `raw ${Math.round(raw)} msg/s (ratio ${ratio.toFixed(2)})`,
            pass: ratio >= 0.5,
          },
          {
            name: `of which commit → published by the relay (p50 ${published.p50.toFixed(1)} ms)`,
            value: published.p99.toFixed(1),
            unit: 'ms p99',
          },
          {
            name: `commit → handled latency at ${LATENCY_RATE} events/s for ${LATENCY_SECONDS} s after ${WARMUP_SECONDS} s warm-up (n=${latency.n}, p50 ${latency.p50.toFixed(1)} ms, max ${latency.max.toFixed(1)} ms)`,
            value: latency.p99.toFixed(1),
            unit: 'ms p99',
            target: '< 100 ms',
            pass: latency.p99 < 100 && latency.n === LATENCY_RATE * LATENCY_SECONDS,
          },
        ],
      }),
    );
  } finally {
    for (const app of apps.reverse()) await app.close();
    await deleteNamespaceStreams(NATS_URL, namespace);
    await db.drop();
    await sinkDb.drop();
  }
}

/**
 * Between the throughput and the latency runs: empty the outbox and the stream, so that the new consumer (which
 * starts at the beginning of the stream) does not first wade through the throughput run's events.
 */
async function startAfresh(url: string, namespace: string): Promise<void> {
  const ds = new DataSource({ type: 'postgres', url });
  await ds.initialize();
  await ds.query('TRUNCATE outbox');
  await ds.destroy();
  const nc = await connect({ servers: NATS_URL });
  await (await nc.jetstreamManager()).streams.purge(streamNameFor(namespace, 'benchsrc'));
  await nc.close();
}

const sinkArgs = process.argv.indexOf('--sink');
(sinkArgs > 0
  ? runSink(
      process.argv[sinkArgs + 1],
      process.argv[sinkArgs + 2],
      Number(process.argv[sinkArgs + 3]),
      process.argv[sinkArgs + 4],
    )
  : main()
).then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
