import { CatalogueEvents, TraceabilityEvents } from '@ocop/contracts';
import { waitFor } from '@ocop/testing';
import { randomUUID } from 'node:crypto';
import { productSnapshot, traceEvent } from '../../test/fixtures';
import { LookupHarness, newLabelKey, SeededItem, startLookup } from '../../test/lookup-harness';
import { READ_MODEL_TABLES, rebuildReadModel } from './rebuild';

const json = { accept: 'application/json' };

describe('read model: independence, replay and rebuild (integration)', () => {
  let t: LookupHarness;
  let item: SeededItem;

  beforeAll(async () => {
    t = await startLookup('lookup_readmodel');
    const key = newLabelKey();
    await t.publishKey(key);
    item = await t.seedItem({ units: 3, key });
    await t.publish(TraceabilityEvents.traceEventsCaptured, {
      source: 'platform',
      events: [traceEvent(item.batch.batchId)],
      part: 1,
      parts: 1,
    });
    await t.waitForRows(`SELECT count(*)::int AS n FROM rm_trace_events`, [], 1);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('answers from its own read model: no request-reply question leaves lookup while resolving', async () => {
    const nc = await t.natsConnection();
    const questions = nc.subscribe(`${t.config.EVENT_NAMESPACE}.rpc.>`);
    let asked = 0;
    void (async () => {
      for await (const _ of questions) asked++;
    })();
    for (const path of [
      ...item.unitPaths,
      `/01/${item.batch.gtin}/10/${item.batch.lot}`,
      '/01/08930000000001/21/X',
    ]) {
      await t.request('GET', path, { headers: json });
      await t.request('GET', `/p${path}`);
    }
    await nc.flush();
    questions.unsubscribe();
    expect(asked).toBe(0);
  });

  it('applies events published while it was stopped once it is back', async () => {
    await t.stop();
    const renamed = {
      ...item.product,
      nameVi: 'Sầu riêng Ri6 — tên mới',
      updatedAt: new Date().toISOString(),
    };
    await t.publish(CatalogueEvents.productUpdated, {
      product: renamed,
      changed: ['nameVi'],
      actorId: randomUUID(),
    });
    const other = productSnapshot(item.producer.producerId, { nameVi: 'Kẹo dừa' });
    await t.publish(CatalogueEvents.productActivated, { product: other, actorId: randomUUID() });
    await t.restart();
    await waitFor(async () => {
      const res = await t.request('GET', item.unitPaths[0], { headers: json });
      expect(res.body.product.nameVi).toBe('Sầu riêng Ri6 — tên mới');
    });
    await waitFor(async () => expect((await t.request('GET', `/01/${other.gtins[0]}`)).status).toBe(307));
  });

  it('keeps cached answers fresh: a product change shows on the next scan after its event', async () => {
    const path = item.unitPaths[1];
    await t.request('GET', path, { headers: json }); // cached now
    const renamed = {
      ...item.product,
      nameVi: 'Tên mới hơn',
      updatedAt: new Date(Date.now() + 5000).toISOString(),
    };
    await t.publish(CatalogueEvents.productUpdated, {
      product: renamed,
      changed: ['nameVi'],
      actorId: randomUUID(),
    });
    await waitFor(async () =>
      expect((await t.request('GET', path, { headers: json })).body.product.nameVi).toBe('Tên mới hơn'),
    );
  });

  it('is rebuilt from the streams by the rebuild command path, with the same answers', async () => {
    const paths = [...item.unitPaths, `/01/${item.batch.gtin}/10/${item.batch.lot}`];
    const answer = async () =>
      Promise.all([
        ...paths.map(async (p) => {
          const { scans: _scans, ...rest } = (await t.request('GET', `/status${p}`)).body;
          return rest;
        }),
        (await t.request('GET', `/p${paths[0]}`)).body.replace(/<p>Lần quét đầu tiên.*?<\/p>/, ''),
      ]);
    const before = await answer();
    const counts = async () =>
      Promise.all(
        READ_MODEL_TABLES.map(
          async (table) => (await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n,
        ),
      );
    const rowsBefore = await counts();
    const result = await rebuildReadModel(t.dataSource, await t.natsConnection(), t.config.EVENT_NAMESPACE);
    expect(result.consumersDeleted).toBe(3);
    await waitFor(async () => expect(await counts()).toEqual(rowsBefore));
    await waitFor(async () => expect(await answer()).toEqual(before));
    // Idempotent: again, same result.
    await rebuildReadModel(t.dataSource, await t.natsConnection(), t.config.EVENT_NAMESPACE);
    await waitFor(async () => expect(await counts()).toEqual(rowsBefore));
    await waitFor(async () => expect(await answer()).toEqual(before));
  });
});
