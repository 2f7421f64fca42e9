import { createTestDatabase, deleteNamespaceStreams, testNamespace, waitFor } from '@ocop/testing';
import { commitEvents, migrateTestDatabase, startTestService } from '../../test/test-service';
import { OutboxRelay } from './outbox-relay';
const NATS_URL = 'nats://127.0.0.1:4222';
it('relay throughput', async () => {
  const ns = testNamespace();
  const db = await createTestDatabase('bench');
  await migrateTestDatabase(db.url);
  const svc = await startTestService({ name: 'bench', databaseUrl: db.url, natsUrl: NATS_URL, namespace: ns, messaging: { relay: { enabled: false } } });
  const N = 20000;
  let t = Date.now();
  for (let i = 0; i < 20; i++) await commitEvents(svc, 'ocop.bench.item.created', N / 20);
  console.log('commit rate/s', Math.round(N / ((Date.now() - t) / 1000)));
  t = Date.now();
  svc.app.get(OutboxRelay).start();
  await waitFor(async () => { const [{ n }] = await svc.dataSource.query('SELECT count(*)::int n FROM outbox WHERE published_at IS NULL'); expect(n).toBe(0); }, { timeoutMs: 60000, intervalMs: 20 });
  console.log('relay rate/s', Math.round(N / ((Date.now() - t) / 1000)));
  await svc.close(); await deleteNamespaceStreams(NATS_URL, ns); await db.drop();
}, 120000);
