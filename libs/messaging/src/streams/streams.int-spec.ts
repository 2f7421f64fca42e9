import { streamNameFor } from '@ocop/contracts';
import { deleteNamespaceStreams, testNamespace } from '@ocop/testing';
import { connect, JetStreamManager, nanos, NatsConnection } from 'nats';
import { DUPLICATE_WINDOW_MS, ensureDurableConsumer, ensureStream } from './streams';

const NATS_URL = process.env['NATS_URL'] || 'nats://127.0.0.1:4222';

describe('stream and consumer provisioning', () => {
  const namespace = testNamespace();
  const stream = streamNameFor(namespace, 'catalogue');
  let nc: NatsConnection;
  let jsm: JetStreamManager;

  beforeAll(async () => {
    nc = await connect({ servers: NATS_URL });
    jsm = await nc.jetstreamManager();
  });

  afterAll(async () => {
    await nc?.close();
    await deleteNamespaceStreams(NATS_URL, namespace);
  });

  it('creates the stream once however many services race to, and the owner corrects drift', async () => {
    await Promise.all([
      ensureStream(jsm, namespace, 'catalogue', 'owner'),
      ensureStream(jsm, namespace, 'catalogue', 'consumer'),
      ensureStream(jsm, namespace, 'catalogue', 'consumer'),
    ]);
    expect((await jsm.streams.info(stream)).config).toMatchObject({
      subjects: [`${namespace}.catalogue.>`],
      max_age: 0,
      duplicate_window: nanos(DUPLICATE_WINDOW_MS),
    });

    // Someone shortened the window by hand: a consumer leaves the owner's stream alone, the owner restores it.
    await jsm.streams.update(stream, { duplicate_window: nanos(10_000) });
    await ensureStream(jsm, namespace, 'catalogue', 'consumer');
    expect((await jsm.streams.info(stream)).config.duplicate_window).toBe(nanos(10_000));
    await ensureStream(jsm, namespace, 'catalogue', 'owner');
    expect((await jsm.streams.info(stream)).config.duplicate_window).toBe(nanos(DUPLICATE_WINDOW_MS));
  });

  it('binds replicas racing at boot to one durable consumer, and updates its ack wait in place', async () => {
    const spec = {
      stream,
      durable: 'lookup',
      filterSubjects: [`${namespace}.catalogue.product.updated`],
      streamSubject: `${namespace}.catalogue.>`,
      ackWaitMs: 30_000,
      serverVersion: nc.info?.version ?? '0.0.0',
    };
    await Promise.all([ensureDurableConsumer(jsm, spec), ensureDurableConsumer(jsm, spec)]);
    await ensureDurableConsumer(jsm, { ...spec, ackWaitMs: 10_000 });

    const consumers: string[] = [];
    for await (const c of jsm.consumers.list(stream)) consumers.push(c.name);
    expect(consumers).toEqual(['lookup']);
    expect((await jsm.consumers.info(stream, 'lookup')).config.ack_wait).toBe(nanos(10_000));
  });
});
