import { waitFor } from '@ocop/testing';
import { randomUUID } from 'node:crypto';
import {
  ApiError,
  batchClass,
  createBatch,
  ensureGtin,
  eventually,
  generateUnits,
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
 * Issue 13, items 5, 15 and 9 across the built services: one producer's trace event under another's eventID,
 * a label whose signature is spelt differently, and scan alarms raised by headers one caller makes up.
 */

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const EPCIS_CONTEXT = ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld'];

/** The same label with the 86th signature character changed in its 4 unused bits only: the same bytes. */
function respelt(digitalLink: string): string {
  return digitalLink.replace(/(8030=[A-Za-z0-9_-]{85})([A-Za-z0-9_-])/, (_m, head: string, last: string) => {
    const value = BASE64URL.indexOf(last);
    return head + BASE64URL[(value & 0b110000) | ((value + 1) & 0b1111)];
  });
}

describe('trace events, label signatures and scan alarms (every service as its own process)', () => {
  let e2e: E2ePlatform;
  let ctx: StoryContext;
  let staff: StaffAccounts;
  let a: SignedIn;
  let b: SignedIn;
  let batchOfA: Json;
  let batchOfB: Json;
  let units: Json[];

  beforeAll(async () => {
    // Lookup behind a proxy that says who the client is, so that scans can come from several networks here.
    e2e = await bootE2ePlatform({ extraEnv: { lookup: { HTTP_TRUST_PROXY: 'true' } } });
    ctx = e2e.ctx;
    staff = await setUpStaff(ctx);
    const catalogue = await seedCatalogue(ctx, staff.admin);
    const producers = await setUpProducers(ctx, staff.admin, catalogue.producers);
    a = producers['producer'];
    b = producers['producerDongA'];
    const productOf = (p: SignedIn) => {
      const product = catalogue.products.find((x) => x.producerId === p.producerId);
      if (!product) throw new Error(`producer ${p.producerId} has no product in the demo catalogue`);
      return product;
    };
    await ensureGtin(ctx, a.token, productOf(a).productId, placeholderGtin(11));
    await ensureGtin(ctx, b.token, productOf(b).productId, placeholderGtin(12));
    const area = await issueGrowingAreaCode(
      ctx,
      staff.provinceOfficer.token,
      await registerGrowingArea(ctx, a.token),
    );
    batchOfA = await createBatch(ctx, a.token, productOf(a).productId, area.growingAreaId);
    await releaseBatch(ctx, a.token, batchOfA.batchId);
    await generateUnits(ctx, a.token, batchOfA.batchId, 2);
    units = await listUnits(ctx, a.token, batchOfA.batchId);
    batchOfB = await eventually(
      () =>
        ctx.traceability.post('/batches', {
          token: b.token,
          body: { productId: productOf(b).productId, lot: 'KEO-E2E', quantity: 10, unit: 'XBX' },
          expect: 201,
        }),
      { retryOn: (e) => e instanceof ApiError && [409, 422].includes(e.status) },
    );
  }, 600_000);

  afterAll(async () => {
    const unclean = await e2e?.dispose();
    expect(unclean).toEqual([]);
  }, 180_000);

  describe('eventIDs (item 5)', () => {
    it("refuses producer B's event or error declaration under producer A's eventID; readers still see A's", async () => {
      const chain = await ctx.traceability.get(`/batches/${batchOfA.batchId}/epcis`, { token: a.token });
      const commissioning = chain.epcisBody.eventList.find((e: Json) => e.bizStep === 'commissioning');
      const eventID = commissioning.eventID as string;
      const underAsId = {
        '@context': EPCIS_CONTEXT,
        type: 'ObjectEvent',
        eventID,
        eventTime: new Date().toISOString(),
        eventTimeZoneOffset: '+07:00',
        action: 'OBSERVE',
        epcList: [],
        quantityList: [{ epcClass: batchClass(batchOfB), quantity: 10, uom: 'XBX' }],
        bizStep: 'inspecting',
        disposition: 'recalled',
      };
      const taken = await ctx.traceability.request('POST', '/events', {
        token: b.token,
        body: underAsId,
        expect: 409,
      });
      expect(taken.body).toMatchObject({ code: 'event-id-taken', eventID });
      expect(taken.body.detail).toContain(eventID);
      const declared = await ctx.traceability.request('POST', '/events', {
        token: b.token,
        body: {
          ...underAsId,
          errorDeclaration: { declarationTime: new Date().toISOString(), reason: 'incorrect_data' },
        },
        expect: 403,
      });
      expect(declared.body).toMatchObject({ code: 'declared-event-not-yours' });

      // Officers and admins reading the id see A's commissioning, not B's "recall".
      for (const token of [staff.admin, staff.provinceOfficer.token, a.token]) {
        const read = await ctx.traceability.get(`/events/${encodeURIComponent(eventID)}`, { token });
        expect(read).toMatchObject({ eventID, bizStep: 'commissioning' });
        expect(read.errorDeclaration).toBeUndefined();
      }
    });
  });

  describe('label signatures (item 15)', () => {
    it('treats a signature spelt differently in its last character as forged, in lookup and in traceability', async () => {
      const genuine = units[0].digitalLink as string;
      const altered = respelt(genuine);
      expect(altered).not.toBe(genuine);
      const signatureOf = (link: string) => new URL(link).searchParams.get('8030') as string;
      expect(Buffer.from(signatureOf(altered), 'base64url')).toEqual(
        Buffer.from(signatureOf(genuine), 'base64url'),
      );
      const pathOf = (link: string) => new URL(link).pathname + new URL(link).search;
      const json = { accept: 'application/json' };
      await waitFor(
        async () =>
          expect(await ctx.lookup.get(pathOf(genuine), { headers: json })).toMatchObject({
            outcome: 'genuine',
            signature: 'valid',
          }),
        { intervalMs: 250 },
      );
      expect(await ctx.lookup.get(pathOf(altered), { headers: json })).toMatchObject({
        outcome: 'forged',
        signature: 'invalid',
      });
      const check = (uri: string) => ctx.traceability.post('/label-signatures/verify', { body: { uri } });
      expect(await check(genuine)).toMatchObject({ valid: true });
      expect(await check(altered)).toMatchObject({ valid: false });
    });
  });

  describe('scan alarms (item 9)', () => {
    const scan = (path: string, headers: Record<string, string>) =>
      ctx.lookup.request('GET', path, { headers: { accept: 'application/json', ...headers } });
    /** The unit's scan history once lookup has written the scans (about a second); /status counts no scan. */
    const historyAfter = (path: string, scans: number) =>
      waitFor(
        async () => {
          const status = await ctx.lookup.get(`/status${path}`);
          expect(status.scans.scans).toBe(scans);
          return status.scans as { suspicious: boolean };
        },
        { intervalMs: 250 },
      );

    it('does not flag a label scanned from one address with seven invented user agents, and flags six networks', async () => {
      const link = new URL(units[1].digitalLink);
      const path = link.pathname + link.search;
      // The first scans go the full way, the later ones the fast path's kept answer: both count by network.
      for (let i = 0; i < 7; i++) {
        await scan(path, {
          'user-agent': `Mozilla/5.0 (Invented ${randomUUID()})`,
          'x-forwarded-for': '198.51.100.7',
        });
      }
      expect(await historyAfter(path, 7)).toMatchObject({ suspicious: false });
      for (let i = 1; i <= 5; i++) {
        await scan(path, { 'user-agent': 'Zalo', 'x-forwarded-for': `203.0.${i}.20` });
      }
      expect(await historyAfter(path, 12)).toMatchObject({ suspicious: true });
    });
  });
});
