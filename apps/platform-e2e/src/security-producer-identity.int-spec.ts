import { waitFor } from '@ocop/testing';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import {
  captureEvents,
  consumerUrl,
  createBatch,
  ensureAccount,
  ensureGtin,
  generateUnits,
  harvestAndPackingDocument,
  issueGrowingAreaCode,
  Json,
  listUnits,
  placeholderGtin,
  registerGrowingArea,
  releaseBatch,
  seedCatalogue,
  setUpProducers,
  setUpStaff,
  SignedIn,
  StaffAccounts,
  StoryContext,
} from './story';
import { bootE2ePlatform, E2ePlatform } from './support/e2e-platform';

/**
 * Issue 13, item 2, replayed on the whole platform (decision 0024): a verified producer renamed itself to another
 * producer's name and moved to its address, and stayed verified. Now the change waits for an officer of its
 * territory, and until one accepts it every public page (the catalogue, the consumer page of its labels) keeps the
 * verified identity, while its labels stay genuine.
 */
describe('a verified producer cannot borrow another producer’s identity (every service as its own process)', () => {
  let e2e: E2ePlatform;
  let ctx: StoryContext;
  let staff: StaffAccounts;
  let lookupDb: Client;
  /** Chánh Thu, the attacker. */
  let a: SignedIn;
  /** Đông Á, whose verified identity A tries to take. */
  let b: SignedIn;
  let aName: string;
  let bName: string;
  /** An officer of Ba Tri district, outside both producers' territory. */
  let baTriOfficer: SignedIn;
  let unit: Json;

  /** The consumer page a scan of A's unit lands on (the label's link redirects to it). */
  const consumerPage = async () => {
    const res = await fetch(consumerUrl(ctx.urls.lookup, unit.digitalLink));
    expect(res.status).toBe(200);
    return res.text();
  };

  /** Lookup has applied the catalogue's latest word on A: its read model holds this status. */
  const lookupSeesStatus = (status: string) =>
    waitFor(
      async () => {
        const { rows } = await lookupDb.query(`SELECT status FROM rm_producers WHERE id = $1`, [
          a.producerId,
        ]);
        expect(rows[0]?.status).toBe(status);
        return true;
      },
      { intervalMs: 200 },
    );

  beforeAll(async () => {
    e2e = await bootE2ePlatform();
    ctx = e2e.ctx;
    staff = await setUpStaff(ctx);
    const catalogue = await seedCatalogue(ctx, staff.admin);
    const producers = await setUpProducers(ctx, staff.admin, catalogue.producers);
    a = producers['producer'];
    b = producers['producerDongA'];
    const names = (p: SignedIn) => catalogue.producers.find((x) => x.producerId === p.producerId)?.name ?? '';
    aName = names(a);
    bName = names(b);
    baTriOfficer = await ensureAccount(ctx, staff.admin, {
      key: 'baTriOfficer',
      email: `officer.batri.${randomUUID().slice(0, 8)}@ocop.local`,
      password: `Ba-Tri-officer-${randomUUID()}`,
      displayName: 'Cán bộ OCOP huyện Ba Tri',
      roles: ['officer'],
      scope: { provinceCode: '83', districtCode: '836' },
    });

    // A's released batch of labelled units, as a consumer would scan them.
    const product = catalogue.products.find((p) => p.producerId === a.producerId && p.public);
    if (!product) throw new Error('producer A has no public product in the demo catalogue');
    await ensureGtin(ctx, a.token, product.productId, placeholderGtin(11));
    const area = await issueGrowingAreaCode(
      ctx,
      staff.provinceOfficer.token,
      await registerGrowingArea(ctx, a.token),
    );
    const batch = await createBatch(ctx, a.token, product.productId, area.growingAreaId);
    await captureEvents(ctx, a.token, harvestAndPackingDocument(batch, area));
    await releaseBatch(ctx, a.token, batch.batchId);
    await generateUnits(ctx, a.token, batch.batchId, 2);
    [unit] = await listUnits(ctx, a.token, batch.batchId);
    lookupDb = await e2e.database('lookup');
    // Lookup learns of the unit from traceability's events: wait until the page shows it, under A's name.
    await waitFor(
      async () => {
        const html = await consumerPage();
        expect(html).toContain(unit.serial);
        expect(html).toContain(aName);
        return true;
      },
      { intervalMs: 250 },
    );
  }, 600_000);

  afterAll(async () => {
    await lookupDb?.end();
    const unclean = await e2e?.dispose();
    expect(unclean).toEqual([]);
  }, 180_000);

  it('renames itself to another producer’s name and moves to its address: pending, and the public still sees who it is', async () => {
    expect(aName).not.toBe(bName);
    const b0 = await ctx.catalogue.get(`/catalogue/producers/${b.producerId}`);
    const attack = await ctx.catalogue.request('PATCH', `/producers/${a.producerId}`, {
      token: a.token,
      body: {
        name: bName,
        tradingName: b0.producer.tradingName,
        address: { unitMap: 'bt-2022', communeCode: '28780' },
      },
    });
    expect(attack.status).toBe(200);
    // Stays verified? No: back to review, with the verified identity on record.
    expect(attack.body.status).toBe('pending-reverification');
    expect(attack.body).toMatchObject({ name: aName, address: { communeCode: '28882' } });
    expect(attack.body.pendingChange).toMatchObject({
      name: bName,
      changed: ['name', 'tradingName', 'address'],
    });

    // The consumer page of A's label, once lookup has the change, still names A at its verified address.
    await lookupSeesStatus('pending-reverification');
    const html = await consumerPage();
    expect(html).toContain(aName);
    expect(html).not.toContain(bName);
    expect(html).toContain('Hòa Nghĩa');
    expect(html).not.toContain('Phường 7');
    // Its labels stay genuine meanwhile.
    const answer = await ctx.lookup.get(
      new URL(unit.digitalLink).pathname + new URL(unit.digitalLink).search,
      {
        headers: { accept: 'application/json' },
      },
    );
    expect(answer.outcome).toBe('genuine');

    // The public catalogue: A's page keeps its name; a search for B's name finds B's products only.
    const aPage = await ctx.catalogue.get(`/catalogue/producers/${a.producerId}`);
    expect(aPage.producer).toMatchObject({ name: aName, tradingName: 'Chánh Thu' });
    const search = await ctx.catalogue.get(`/catalogue/products?q=${encodeURIComponent(bName)}&limit=100`);
    const owners = new Set(search.items.map((p: Json) => p.producer.producerId));
    expect(owners.has(a.producerId)).toBe(false);
    expect(owners.has(b.producerId)).toBe(true);
  });

  it('leaves the review to officers of its territory: neither an officer elsewhere nor the producer may decide', async () => {
    for (const who of [baTriOfficer.token, a.token, b.token]) {
      for (const [path, body] of [
        [`/producers/${a.producerId}/verify`, {}],
        [`/producers/${a.producerId}/reject-change`, { reason: 'Thử' }],
      ] as const) {
        const reply = await ctx.catalogue.request('POST', path, { token: who, body, expect: [403, 404] });
        expect(reply.headers.get('content-type')).toContain('application/problem+json');
      }
    }
    const record = await ctx.catalogue.get(`/producers/${a.producerId}`, { token: a.token });
    expect(record).toMatchObject({ status: 'pending-reverification', name: aName });
  });

  it('an officer of its territory rejects the borrowed identity; an honest change, once verified, reaches the label', async () => {
    const rejected = await ctx.catalogue.post(`/producers/${a.producerId}/reject-change`, {
      token: staff.districtOfficer.token,
      body: { reason: 'Tên và địa chỉ của chủ thể khác' },
      expect: 200,
    });
    expect(rejected).toMatchObject({ status: 'verified', name: aName });
    expect(rejected.pendingChange).toBeUndefined();

    const newName = `${aName} Bến Tre`;
    const asked = await ctx.catalogue.patch(`/producers/${a.producerId}`, {
      token: a.token,
      body: { name: newName },
    });
    expect(asked).toMatchObject({ status: 'pending-reverification', name: aName });
    const verified = await ctx.catalogue.post(`/producers/${a.producerId}/verify`, {
      token: staff.districtOfficer.token,
      body: { note: 'Đã kiểm tra GCN ĐKDN sửa đổi' },
      expect: 200,
    });
    expect(verified).toMatchObject({ status: 'verified', name: newName });
    await waitFor(
      async () => {
        expect(await consumerPage()).toContain(newName);
        return true;
      },
      { intervalMs: 250 },
    );
  });
});
