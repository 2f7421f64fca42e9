import { setTimeout as sleep } from 'node:timers/promises';
import {
  ApiError,
  eventually,
  Json,
  placeholderGtin,
  seedCatalogue,
  setUpProducers,
  setUpStaff,
  SignedIn,
  StaffAccounts,
  StoryContext,
} from './story';
import { bootE2ePlatform, E2ePlatform } from './support/e2e-platform';

/**
 * Issue 13, items 1, 3 and 4, replayed against the built platform (every service its own process), as they
 * succeeded before decision 0023: a GTIN hijacked from under printed labels, a suspended producer printing on, and
 * units of a batch never released verifying as genuine. Each attack now ends in a problem+json with a stable code,
 * and the labels already out there tell the truth.
 */

/** The path and query of a label's Digital Link, as a phone sends it to lookup. */
const labelPath = (digitalLink: string) => {
  const url = new URL(digitalLink);
  return `${url.pathname}${url.search}`;
};

function expectProblem(error: unknown, status: number, code: string): void {
  if (!(error instanceof ApiError)) throw error;
  expect({ status: error.status, code: error.code }).toEqual({ status, code });
}

/** What a poll throws while the news it waits for has not arrived. */
class NotYet extends Error {}

/** The thrown ApiError of a call that must fail. */
async function refusal(call: Promise<unknown>): Promise<unknown> {
  try {
    await call;
  } catch (err) {
    return err;
  }
  throw new Error('expected a refusal');
}

describe('labels stay bound to who made them (every service as its own process)', () => {
  let e2e: E2ePlatform;
  let ctx: StoryContext;
  let staff: StaffAccounts;
  /** B (Chánh Thu) owns the GTIN; C (Đông Á) wants it, and is later suspended. */
  let b: SignedIn;
  let c: SignedIn;
  let productB: Json;
  let productC: Json;
  const gtinB = placeholderGtin(901);
  const gtinC = placeholderGtin(902);
  /** B's batch, made and labelled while open, released in the first test. */
  let batchB: Json;
  let unitsB: Json[];
  let lot = 0;

  beforeAll(async () => {
    e2e = await bootE2ePlatform();
    ctx = e2e.ctx;
    staff = await setUpStaff(ctx);
    const catalogue = await seedCatalogue(ctx, staff.admin);
    const producers = await setUpProducers(ctx, staff.admin, catalogue.producers);
    b = producers['producer'];
    c = producers['producerDongA'];
    const publicProductOf = (who: SignedIn) => {
      const found = catalogue.products.find((p) => p.producerId === who.producerId && p.public);
      if (!found) throw new Error(`${who.email} has no public product in the demo catalogue`);
      return found;
    };
    productB = await ctx.catalogue.patch(`/products/${publicProductOf(b).productId}`, {
      token: b.token,
      body: { gtins: [gtinB] },
    });
    productC = await ctx.catalogue.patch(`/products/${publicProductOf(c).productId}`, {
      token: c.token,
      body: { gtins: [gtinC] },
    });
  }, 600_000);

  afterAll(async () => {
    const unclean = await e2e?.dispose();
    expect(unclean).toEqual([]);
  }, 180_000);

  /**
   * A batch of the product under its GTIN (traceability learns the GTIN from the catalogue's events: retried; not
   * naming it would open a /t/ batch while traceability knows the product without one, decision 0048).
   */
  const openBatch = (who: SignedIn, productId: string, gtin: string): Promise<Json> =>
    eventually(
      () =>
        ctx.traceability.post('/batches', {
          token: who.token,
          body: {
            productId,
            gtin,
            lot: `SEC${(lot += 1)}`,
            quantity: 100,
            unit: 'KGM',
            bestBeforeDate: ctx.today(60),
          },
          expect: 201,
        }),
      {
        retryOn: (e) => e instanceof ApiError && (e.code === 'gtin-not-of-product' || e.status === 503),
      },
    );

  const signedUnits = async (who: SignedIn, batchId: string, count: number): Promise<Json[]> => {
    await ctx.traceability.post(`/batches/${batchId}/units`, {
      token: who.token,
      body: { count, signed: true },
      expect: 201,
    });
    return (await ctx.traceability.get(`/batches/${batchId}/units?limit=100`, { token: who.token })).items;
  };

  /** What a retailer's scanner (Accept: application/json) is told about a label. */
  const scan = (digitalLink: string): Promise<Json> =>
    ctx.lookup.get(labelPath(digitalLink), { headers: { accept: 'application/json' } });
  const page = async (digitalLink: string): Promise<string> =>
    (await ctx.lookup.request('GET', `/p${labelPath(digitalLink)}`)).body;

  /** Polls the scan until its outcome is `outcome` (lookup learns from events), within 20 s. */
  const scanUntil = async (digitalLink: string, outcome: string): Promise<Json> => {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const body = await scan(digitalLink).catch((err) => ({ outcome: String(err) }));
      if (body.outcome === outcome) return body;
      if (Date.now() > deadline) throw new Error(`scan still says ${JSON.stringify(body)}, not ${outcome}`);
      await sleep(150);
    }
  };

  it('units of a batch never released answer not-released, until their producer releases it', async () => {
    batchB = await openBatch(b, productB.productId, gtinB);
    unitsB = await signedUnits(b, batchB.batchId, 2);
    const unit = unitsB[0].digitalLink;
    const body = await scanUntil(unit, 'not-released');
    expect(body).toMatchObject({ level: 'unit', signature: 'valid', batch: { status: 'open' } });
    expect(await scanUntil(batchB.digitalLink, 'not-released')).toMatchObject({ level: 'batch' });
    const html = await page(unit);
    expect(html).toContain('Lô hàng chưa phát hành');
    expect(html).not.toContain('Chính hãng');

    await ctx.traceability.post(`/batches/${batchB.batchId}/release`, { token: b.token, expect: 200 });
    expect(await scanUntil(unit, 'genuine')).toMatchObject({ signature: 'valid' });
  });

  it('a GTIN with labels out there cannot be taken: C is refused, and B’s labels still show B', async () => {
    const unit = unitsB[1].digitalLink;
    const before = await scanUntil(unit, 'genuine');
    expect(before).toMatchObject({ product: { productId: productB.productId } });
    const producerB = before.producer.name as string;

    // The catalogue learns from traceability's batch event that the GTIN is in use.
    const catalogueDb = await e2e.database('catalogue');
    try {
      const deadline = Date.now() + 20_000;
      for (;;) {
        const { rows } = await catalogueDb.query(
          `SELECT producer_id, first_used_at FROM gtin_claims WHERE gtin = $1`,
          [batchB.gtin],
        );
        if (rows[0]?.first_used_at) {
          expect(rows[0].producer_id).toBe(b.producerId);
          break;
        }
        if (Date.now() > deadline) throw new Error(`the catalogue never heard of ${batchB.gtin} being used`);
        await sleep(150);
      }
    } finally {
      await catalogueDb.end();
    }

    // B drops the GTIN from its product (allowed: its product, its choice)…
    const dropped = await ctx.catalogue.patch(`/products/${productB.productId}`, {
      token: b.token,
      body: { gtins: [] },
    });
    expect(dropped.gtins).toEqual([]);
    // …and C cannot list it, on its product or a new one, nor open a batch under it.
    expectProblem(
      await refusal(
        ctx.catalogue.patch(`/products/${productC.productId}`, {
          token: c.token,
          body: { gtins: [gtinC, gtinB] },
        }),
      ),
      409,
      'gtin-owned-by-another-producer',
    );
    const created = await refusal(
      ctx.catalogue.post('/products', {
        token: c.token,
        body: { producerId: c.producerId, nameVi: 'Sầu riêng mạo danh', productSet: 1, gtins: [gtinB] },
      }),
    );
    expectProblem(created, 409, 'gtin-owned-by-another-producer');
    expect((created as ApiError).problem.detail).toContain(batchB.gtin);
    const batch = await refusal(
      ctx.traceability.post('/batches', {
        token: c.token,
        body: { productId: productC.productId, gtin: gtinB, lot: 'HIJACK1', quantity: 10, unit: 'KGM' },
      }),
    );
    expectProblem(batch, 400, 'gtin-not-of-product');
    expect(
      (await ctx.catalogue.get(`/products/${productC.productId}`, { token: c.token })).gtins,
    ).not.toContain(batchB.gtin);

    // B's printed labels still say B's product and producer.
    const after = await scanUntil(unit, 'genuine');
    expect(after).toMatchObject({
      product: { productId: productB.productId, nameVi: productB.nameVi },
      producer: { name: producerB },
    });
    expect(await page(unit)).toContain(producerB);
  });

  it('a suspended producer with a discontinued product can neither mint, label nor release, and its labels say so', async () => {
    const released = await openBatch(c, productC.productId, gtinC);
    const [printed] = await signedUnits(c, released.batchId, 1);
    await ctx.traceability.post(`/batches/${released.batchId}/release`, { token: c.token, expect: 200 });
    const open = await openBatch(c, productC.productId, gtinC);
    await signedUnits(c, open.batchId, 1);
    await scanUntil(printed.digitalLink, 'genuine');

    await ctx.catalogue.post(`/products/${productC.productId}/discontinue`, {
      token: c.token,
      body: { reason: 'Ngừng sản xuất' },
      expect: 200,
    });
    await ctx.catalogue.post(`/producers/${c.producerId}/suspend`, {
      token: staff.provinceOfficer.token,
      body: { reason: 'Vi phạm ghi nhãn hàng hóa' },
      expect: 200,
    });

    // Traceability hears of it from the catalogue's events. Poll with a call that changes nothing when it still
    // succeeds (printing the released batch's labels again): polling by minting would mint while the news is on its
    // way, as it did on a busy machine.
    const labelsOfReleased = () =>
      ctx.traceability.download(`/batches/${released.batchId}/labels?format=pdf`, { token: c.token });
    await eventually(
      async () => {
        try {
          await labelsOfReleased();
        } catch (err) {
          if (err instanceof ApiError && err.code === 'producer-suspended') return;
          if (!(err instanceof ApiError && err.code === 'product-not-active')) throw err;
        }
        throw new NotYet();
      },
      { retryOn: (e) => e instanceof NotYet },
    );
    const mint = () =>
      ctx.traceability.post(`/batches/${open.batchId}/units`, {
        token: c.token,
        body: { count: 5, signed: true },
      });
    expectProblem(await refusal(mint()), 409, 'producer-suspended');
    expectProblem(
      await refusal(
        ctx.traceability.post(`/batches/${open.batchId}/release`, { token: c.token, expect: 200 }),
      ),
      409,
      'producer-suspended',
    );
    expectProblem(await refusal(labelsOfReleased()), 409, 'producer-suspended');
    expectProblem(
      await refusal(
        ctx.traceability.post(`/batches/${released.batchId}/label-jobs`, {
          token: c.token,
          body: { format: 'pdf' },
        }),
      ),
      409,
      'producer-suspended',
    );
    expectProblem(
      await refusal(
        ctx.traceability.post('/batches', {
          token: c.token,
          body: { productId: productC.productId, lot: 'AFTER1', quantity: 10, unit: 'KGM' },
        }),
      ),
      409,
      'producer-suspended',
    );
    expect((await ctx.traceability.get(`/batches/${open.batchId}`, { token: c.token })).status).toBe('open');
    expect(
      (await ctx.traceability.get(`/batches/${open.batchId}/units?limit=100`, { token: c.token })).items,
    ).toHaveLength(1);

    const body = await scanUntil(printed.digitalLink, 'producer-suspended');
    expect(body).toMatchObject({ level: 'unit', signature: 'valid' });
    const html = await page(printed.digitalLink);
    expect(html).toContain('Chủ thể bị tạm ngưng');
    expect(html).not.toContain('Chính hãng');
  });
});
