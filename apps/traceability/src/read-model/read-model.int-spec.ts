import { Actor } from '@ocop/auth';
import { CatalogueEvents, CatalogueRpc, DomainError, RatingEvents } from '@ocop/contracts';
import { waitFor } from '@ocop/testing';
import { randomUUID } from 'node:crypto';
import { producerSnapshot, productSnapshot } from '../../test/fixtures';
import { startTraceability, TraceabilityHarness } from '../../test/traceability-harness';
import { ProductDirectory } from './product-directory.service';

const producerActor = (producerId: string): Actor => ({
  accountId: randomUUID(),
  roles: ['producer'],
  producerId,
  language: 'vi',
});

async function thrown(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (err) {
    return err as DomainError;
  }
  throw new Error('expected a rejection');
}

describe('catalogue read model (integration)', () => {
  let t: TraceabilityHarness;
  let directory: ProductDirectory;
  const producer = producerSnapshot();

  beforeAll(async () => {
    // Long enough for an answered question on a busy machine (300 ms was not, in busy CI run 26): only the test of
    // a catalogue that never answers waits for the whole of it.
    t = await startTraceability('trace_readmodel', { CATALOGUE_RPC_TIMEOUT_MS: '5000' });
    directory = t.get(ProductDirectory);
    await t.publish(
      CatalogueEvents.producerVerified,
      { producer, actorId: randomUUID() },
      producer.producerId,
    );
  });

  afterAll(async () => {
    await t?.close();
  });

  const known = async (productId: string) =>
    (await t.dataSource.query(`SELECT * FROM catalogue_products WHERE id = $1`, [productId]))[0];

  it('learns products from catalogue events and lets their producer open batches for them', async () => {
    const product = productSnapshot(producer.producerId);
    await t.publish(CatalogueEvents.productActivated, { product, actorId: randomUUID() }, product.productId);
    await waitFor(async () => expect(await known(product.productId)).toMatchObject({ source: 'event' }));
    const found = await directory.productForBatch(producerActor(producer.producerId), product.productId);
    expect(found).toMatchObject({ producerId: producer.producerId, gtins: product.gtins, status: 'active' });
  });

  it('keeps the newer snapshot when an older one arrives late', async () => {
    const newer = productSnapshot(producer.producerId, {
      nameVi: 'Tên mới',
      updatedAt: '2025-05-02T00:00:00Z',
    });
    const older = { ...newer, nameVi: 'Tên cũ', updatedAt: '2025-05-01T00:00:00Z' };
    await t.publish(CatalogueEvents.productUpdated, { product: newer, changed: ['nameVi'], actorId: 'a' });
    await waitFor(async () => expect(await known(newer.productId)).toMatchObject({ name_vi: 'Tên mới' }));
    const lateId = await t.publish(CatalogueEvents.productUpdated, {
      product: older,
      changed: [],
      actorId: 'a',
    });
    await waitFor(async () =>
      expect(await t.dataSource.query(`SELECT 1 FROM inbox WHERE event_id = $1`, [lateId])).toHaveLength(1),
    );
    expect(await known(newer.productId)).toMatchObject({ name_vi: 'Tên mới' });
  });

  it('answers 404 for another producer’s product, 409 for a product that is not active', async () => {
    const draft = productSnapshot(producer.producerId, { status: 'draft' });
    await t.publish(CatalogueEvents.productCreated, { product: draft, actorId: 'a' });
    await waitFor(async () => expect(await known(draft.productId)).toBeDefined());
    const other = producerActor(randomUUID());
    expect(await thrown(directory.productForBatch(other, draft.productId))).toMatchObject({
      status: 404,
      code: 'not-found',
    });
    expect(
      await thrown(directory.productForBatch(producerActor(producer.producerId), draft.productId)),
    ).toMatchObject({
      status: 409,
      code: 'product-not-active',
    });
  });

  it('refuses batches of a suspended producer', async () => {
    const suspended = producerSnapshot({ status: 'suspended' });
    const product = productSnapshot(suspended.producerId);
    await t.publish(CatalogueEvents.producerSuspended, { producer: suspended, reason: 'x', actorId: 'a' });
    await t.publish(CatalogueEvents.productActivated, { product, actorId: 'a' });
    await waitFor(async () => {
      const [row] = await t.dataSource.query(`SELECT status FROM catalogue_producers WHERE id = $1`, [
        suspended.producerId,
      ]);
      expect(row?.status).toBe('suspended');
      expect(await known(product.productId)).toBeDefined();
    });
    expect(
      await thrown(directory.productForBatch(producerActor(suspended.producerId), product.productId)),
    ).toMatchObject({ status: 409, code: 'producer-suspended' });
  });

  describe('a product the read model does not know yet', () => {
    afterEach(() => t.stopRpcAnswers());

    it('is asked of the catalogue once, remembered, and replaced by its event later', async () => {
      const product = productSnapshot(producer.producerId);
      let asked = 0;
      t.answerRpc(CatalogueRpc.productSummary, ({ productId }) => {
        asked += 1;
        return productId === product.productId
          ? {
              response: {
                productId,
                producerId: producer.producerId,
                producerName: producer.name,
                nameVi: 'Từ RPC',
                productSet: 1,
                productGroup: 'food',
                status: 'active',
                public: true,
                gtins: product.gtins,
                place: producer.address.places,
                ocop: null,
              },
            }
          : {
              err: {
                type: 'urn:ocop:problem:not-found',
                title: 'Product not found',
                status: 404,
                code: 'not-found',
              },
            };
      });
      const actor = producerActor(producer.producerId);
      expect(await directory.productForBatch(actor, product.productId)).toMatchObject({
        nameVi: 'Từ RPC',
        source: 'rpc',
      });
      await directory.productForBatch(actor, product.productId);
      expect(asked).toBe(1);

      await t.publish(CatalogueEvents.productUpdated, { product, changed: [], actorId: 'a' });
      await waitFor(async () => expect(await known(product.productId)).toMatchObject({ source: 'event' }));
      expect((await known(product.productId)).name_vi).toBe(product.nameVi);

      expect(await thrown(directory.productForBatch(actor, randomUUID()))).toMatchObject({ status: 404 });
    });

    it('answers 503 catalogue-unavailable when nobody answers in time, or nobody listens', async () => {
      t.answerRpc(CatalogueRpc.productSummary, () => undefined);
      const actor = producerActor(producer.producerId);
      const timedOut = await thrown(directory.productForBatch(actor, randomUUID()));
      expect(timedOut).toMatchObject({ status: 503, code: 'catalogue-unavailable' });
      expect(timedOut.extensions['retryAfterSeconds']).toBeGreaterThan(0);
      t.stopRpcAnswers();
      expect(await thrown(directory.productForBatch(actor, randomUUID()))).toMatchObject({ status: 503 });
    });
  });

  it('knows the OCOP star in force, and a revocation wins over a late “issued”', async () => {
    const productId = randomUUID();
    const cert = {
      certificateId: randomUUID(),
      certificateNumber: 'OCOP-1',
      productId,
      producerId: producer.producerId,
      stars: 4,
      issuedAt: '2024-01-01T00:00:00Z',
      expiresAt: '2099-01-01T00:00:00Z',
      decisionRef: '1/QĐ-UBND',
    };
    await t.publish(RatingEvents.certificateIssued, cert);
    await waitFor(async () => expect(await directory.ocopStars(productId)).toBe(4));
    await t.publish(RatingEvents.certificateRevoked, {
      ...cert,
      revokedAt: '2025-01-01T00:00:00Z',
      reason: 'x',
    });
    await waitFor(async () => expect(await directory.ocopStars(productId)).toBeNull());
    const lateId = await t.publish(RatingEvents.certificateIssued, cert);
    await waitFor(async () =>
      expect(await t.dataSource.query(`SELECT 1 FROM inbox WHERE event_id = $1`, [lateId])).toHaveLength(1),
    );
    expect(await directory.ocopStars(productId)).toBeNull();
  });

  it('hands over from a superseded certificate to the newer one at the time of supersession', async () => {
    const productId = randomUUID();
    const base = {
      certificateNumber: 'OCOP-2',
      productId,
      producerId: producer.producerId,
      decisionRef: '2/QĐ',
    };
    const older = {
      ...base,
      certificateId: randomUUID(),
      stars: 3,
      issuedAt: '2023-01-01T00:00:00Z',
      expiresAt: '2099-01-01T00:00:00Z',
    };
    const newer = {
      ...base,
      certificateId: randomUUID(),
      stars: 5,
      issuedAt: '2030-01-01T00:00:00Z',
      expiresAt: '2099-01-01T00:00:00Z',
    };
    await t.publish(RatingEvents.certificateIssued, older);
    await waitFor(async () => expect(await directory.ocopStars(productId)).toBe(3));
    await t.publish(RatingEvents.certificateSuperseded, {
      ...older,
      supersededAt: '2030-01-01T00:00:00Z',
      supersededBy: { certificateId: newer.certificateId, certificateNumber: 'OCOP-3', stars: 5 },
    });
    await t.publish(RatingEvents.certificateIssued, newer);
    await waitFor(async () => expect(await directory.ocopStars(productId, new Date('2031-01-01'))).toBe(5));
    expect(await directory.ocopStars(productId, new Date('2029-01-01'))).toBe(3);
  });
});
