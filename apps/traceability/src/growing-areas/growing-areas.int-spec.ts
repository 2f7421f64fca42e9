import { adminUnits } from '@ocop/ocop-domain';
import { TraceabilityEvents } from '@ocop/contracts';
import { randomUUID } from 'node:crypto';
import { growingAreaInput, squareAt } from '../../test/fixtures';
import { Json, startTraceability, TraceabilityHarness } from '../../test/traceability-harness';

const yy = String(new Date(Date.now() + 7 * 3600_000).getUTCFullYear() % 100).padStart(2, '0');

describe('growing areas and their codes (integration)', () => {
  let t: TraceabilityHarness;
  const producerA = randomUUID();
  const producerB = randomUUID();
  let tokenA: string;
  let tokenB: string;
  let officer83: string;
  let officerOtherDistrict: string;
  let admin: string;

  beforeAll(async () => {
    // A province that insists on the district in every code: the rollback test below needs an issue that fails
    // after its number was drawn.
    t = await startTraceability('trace_areas', {
      GROWING_AREA_CODE_FORMAT: 'VN-{province}-{district}-{commune}-{facility:2}-{yy}',
    });
    tokenA = await t.token({ roles: ['producer'], producerId: producerA });
    tokenB = await t.token({ roles: ['producer'], producerId: producerB });
    officer83 = await t.token({ roles: ['officer'], scope: { provinceCode: '83' } });
    officerOtherDistrict = await t.token({
      roles: ['officer'],
      scope: { provinceCode: '83', districtCode: '835' },
    });
    admin = await t.token({ roles: ['admin'] });
  });

  afterAll(async () => {
    await t?.close();
  });

  const register = (body: Json, token = tokenA, headers: Record<string, string> = {}) =>
    t.request('POST', '/growing-areas', { token, body, headers });
  const review = (id: string, action: string, token = officer83, reason?: string) =>
    t.request('POST', `/growing-areas/${id}/${action}`, { token, body: reason ? { reason } : {} });

  describe('registration rules (QĐ 3156)', () => {
    it('registers a growing area for review', async () => {
      const res = await register(growingAreaInput());
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        producerId: producerA,
        status: 'pending',
        areaHa: 2.5,
        exportCodes: [],
      });
      expect(res.body.code).toBeUndefined();
    });

    it('refuses a perennial area under 1 ha and an annual area under 0.1 ha, naming areaHa', async () => {
      const perennial = await register(growingAreaInput({ areaHa: 0.9 }));
      expect(perennial.status).toBe(400);
      expect(perennial.body).toMatchObject({ code: 'area-below-minimum', errors: [{ field: 'areaHa' }] });
      const annual = await register(growingAreaInput({ cropCycle: 'annual', crop: 'Rau', areaHa: 0.09 }));
      expect(annual.body).toMatchObject({ code: 'area-below-minimum' });
      expect(
        (await register(growingAreaInput({ cropCycle: 'annual', crop: 'Rau', areaHa: 0.1 }))).status,
      ).toBe(201);
    });

    it('checks a GeoJSON boundary against the declared area', async () => {
      const ok = await register(growingAreaInput({ areaHa: 1.5, boundary: squareAt(122.5) }));
      expect(ok.status).toBe(201);
      expect(ok.body.boundaryAreaHa).toBeCloseTo(1.5, 1);

      const mismatch = await register(growingAreaInput({ areaHa: 3, boundary: squareAt(122.5) }));
      expect(mismatch.status).toBe(400);
      expect(mismatch.body).toMatchObject({
        code: 'boundary-area-mismatch',
        errors: [{ field: 'boundary' }],
        declaredAreaHa: 3,
        tolerance: 0.1,
      });
      expect(mismatch.body.boundaryAreaHa).toBeCloseTo(1.5, 1);
    });

    it('names the broken part of a malformed boundary', async () => {
      const open = squareAt(120);
      open.coordinates[0].pop();
      const res = await register(growingAreaInput({ areaHa: 1.44, boundary: open }));
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        code: 'validation-failed',
        errors: [{ field: 'boundary.coordinates[0]' }],
      });
    });

    it('validates the DTO with field names', async () => {
      const res = await register(growingAreaInput({ cropCycle: 'forever', place: { provinceCode: '8' } }));
      expect(res.status).toBe(400);
      const fields = res.body.errors.map((e: Json) => e.field);
      expect(fields).toEqual(
        expect.arrayContaining(['cropCycle', 'place.provinceCode', 'place.communeCode']),
      );
    });

    it('replays a create with the same Idempotency-Key instead of registering twice', async () => {
      const headers = { 'idempotency-key': `area-${randomUUID()}` };
      const first = await register(growingAreaInput({ name: 'Vườn bưởi' }), tokenA, headers);
      const again = await register(growingAreaInput({ name: 'Vườn bưởi' }), tokenA, headers);
      expect(again.body.growingAreaId).toBe(first.body.growingAreaId);
      expect(again.headers['idempotent-replayed']).toBe('true');
    });
  });

  describe('review and codes', () => {
    it('issues the code VN-province-district-commune-facility-yy to an officer of the territory', async () => {
      const { body } = await register(growingAreaInput());
      expect((await review(body.growingAreaId, 'issue', tokenA)).status).toBe(403);
      expect((await review(body.growingAreaId, 'issue', officerOtherDistrict)).status).toBe(404);
      const issued = await review(body.growingAreaId, 'issue', officer83, 'QĐ 12/QĐ-TTBVTV');
      expect(issued.status).toBe(200);
      expect(issued.body.code).toMatch(new RegExp(`^VN-83-832-28882-\\d{2,}-${yy}$`));
      expect(issued.body.status).toBe('issued');
      expect((await review(body.growingAreaId, 'issue')).body).toMatchObject({
        status: 409,
        code: 'invalid-status-transition',
      });
    });

    it('numbers facilities 1, 2, 3… per province with no gap or repeat when officers issue at once', async () => {
      // Real communes of Bến Tre (province 83), each registered with its own district.
      const communes = adminUnits().units('bt-2022', { level: 'commune' }).slice(0, 24);
      const areas = await Promise.all(
        communes.map((c, i) =>
          register(
            growingAreaInput({
              name: `Vùng ${i}`,
              place: { provinceCode: '83', districtCode: c.districtCode, communeCode: c.code },
            }),
          ),
        ),
      );
      const officer83 = await t.token({ roles: ['officer'], scope: { provinceCode: '83' } });
      // One area that fails after its number was drawn (the template needs a district it lacks): the number
      // must go back, not leave a gap.
      const noDistrict = await register(
        growingAreaInput({ place: { provinceCode: '83', communeCode: '28882' } }),
      );
      const results = await Promise.all([
        ...areas.map((a) => review(a.body.growingAreaId, 'issue', officer83)),
        review(noDistrict.body.growingAreaId, 'issue', officer83),
      ]);
      expect(results.at(-1)?.body).toMatchObject({ status: 409, code: 'code-template-needs-district' });
      const numbers = results
        .slice(0, -1)
        .map((r) => r.body.facilityNumber as number)
        .sort((a, b) => a - b);
      // Earlier tests of this file may have issued in province 83 already: the 24 follow on without a gap.
      const first = numbers[0];
      expect(numbers).toEqual(Array.from({ length: 24 }, (_, i) => first + i));
      const c0 = communes[0];
      const next = await register(
        growingAreaInput({
          name: 'Vùng sau',
          place: { provinceCode: '83', districtCode: c0.districtCode, communeCode: c0.code },
        }),
      );
      expect((await review(next.body.growingAreaId, 'issue', officer83)).body.facilityNumber).toBe(
        first + 24,
      );
      for (const r of results.slice(0, -1)) {
        const place = r.body.place;
        expect(r.body.code).toBe(
          `VN-83-${place.districtCode}-${place.communeCode}-${String(r.body.facilityNumber).padStart(2, '0')}-${yy}`,
        );
      }
    });

    it('refuses a commune code that is not a GSO commune of the named province and district', async () => {
      for (const place of [
        { provinceCode: '83', districtCode: '832', communeCode: '28999' }, // no such commune
        { provinceCode: '83', districtCode: '835', communeCode: '28882' }, // Hòa Nghĩa is in Chợ Lách (832)
        { provinceCode: '84', communeCode: '28882' }, // a province whose units we do not hold
      ]) {
        const res = await register(growingAreaInput({ place }));
        expect(res.status).toBe(400);
        expect(res.body.errors.map((e: Json) => e.field)).toContain('place.communeCode');
      }
      expect(
        (await register(growingAreaInput({ place: { provinceCode: '86', communeCode: '28993' } }))).status,
      ).toBe(201);
    });

    it('suspends with a reason, re-issues under the same facility number, cancels, and keeps the history', async () => {
      const { body } = await register(growingAreaInput());
      const id = body.growingAreaId;
      const issued = await review(id, 'issue');
      expect((await review(id, 'suspend')).body).toMatchObject({
        code: 'reason-required',
        errors: [{ field: 'reason' }],
      });
      expect((await review(id, 'suspend', officer83, 'Phát hiện dư lượng thuốc BVTV')).body.status).toBe(
        'suspended',
      );
      const reissued = await review(id, 'reissue', officer83, 'Đã khắc phục');
      expect(reissued.body).toMatchObject({ status: 'issued', facilityNumber: issued.body.facilityNumber });
      expect(reissued.body.code).toBe(issued.body.code);
      expect((await review(id, 'cancel', officer83, 'Chủ vườn ngừng sản xuất')).body.status).toBe(
        'cancelled',
      );
      expect((await review(id, 'reissue', officer83, 'x'.repeat(5))).status).toBe(409);

      const history = await t.request('GET', `/growing-areas/${id}/history`, { token: tokenA });
      expect(history.body.map((h: Json) => h.action)).toEqual([
        'registered',
        'issue',
        'suspend',
        'reissue',
        'cancel',
      ]);
      expect(history.body[2].reason).toBe('Phát hiện dư lượng thuốc BVTV');

      const events = (await t.outbox()).filter((e) => e.subject === id).map((e) => e.type);
      expect(events).toEqual([
        TraceabilityEvents.growingAreaRegistered,
        TraceabilityEvents.growingAreaIssued,
        TraceabilityEvents.growingAreaSuspended,
        TraceabilityEvents.growingAreaReissued,
        TraceabilityEvents.growingAreaCancelled,
      ]);
    });

    it('lets the producer amend a rejected registration, sending it back to review', async () => {
      const { body } = await register(growingAreaInput());
      await review(body.growingAreaId, 'reject', officer83, 'Thiếu bản đồ vùng trồng');
      const amended = await t.request('PUT', `/growing-areas/${body.growingAreaId}`, {
        token: tokenA,
        body: growingAreaInput({ areaHa: 1.5, boundary: squareAt(122.5) }),
      });
      expect(amended.body).toMatchObject({ status: 'pending', areaHa: 1.5 });
      await review(body.growingAreaId, 'issue');
      const late = await t.request('PUT', `/growing-areas/${body.growingAreaId}`, {
        token: tokenA,
        body: growingAreaInput(),
      });
      expect(late.body).toMatchObject({ status: 409, code: 'site-not-amendable' });
    });

    it('records PUC export codes as references, refusing PHC ones and duplicates', async () => {
      const { body } = await register(growingAreaInput());
      const puc = { scheme: 'PUC', code: 'VNBTPUC0012', importingCountry: 'CN', grantedOn: '2022-07-19' };
      const res = await t.request('POST', `/growing-areas/${body.growingAreaId}/export-codes`, {
        token: officer83,
        body: puc,
      });
      expect(res.body.exportCodes).toEqual([puc]);
      const again = await t.request('POST', `/growing-areas/${body.growingAreaId}/export-codes`, {
        token: officer83,
        body: puc,
      });
      expect(again.body.code).toBe('export-code-exists');
      const phc = await t.request('POST', `/growing-areas/${body.growingAreaId}/export-codes`, {
        token: officer83,
        body: { ...puc, scheme: 'PHC' },
      });
      expect(phc.body).toMatchObject({ status: 400, code: 'export-code-scheme' });
    });
  });

  describe('who sees what', () => {
    it('hides producer A’s areas from producer B and from officers elsewhere', async () => {
      const { body } = await register(growingAreaInput());
      expect((await t.request('GET', `/growing-areas/${body.growingAreaId}`, { token: tokenB })).status).toBe(
        404,
      );
      expect(
        (
          await t.request('PUT', `/growing-areas/${body.growingAreaId}`, {
            token: tokenB,
            body: growingAreaInput(),
          })
        ).status,
      ).toBe(404);
      expect(
        (await t.request('GET', `/growing-areas/${body.growingAreaId}`, { token: officerOtherDistrict }))
          .status,
      ).toBe(404);
      expect(
        (await t.request('GET', `/growing-areas/${body.growingAreaId}`, { token: officer83 })).status,
      ).toBe(200);
      const listB = await t.request('GET', '/growing-areas?limit=100', { token: tokenB });
      expect(listB.body.items).toEqual([]);
    });

    it('lets an admin open any area and its history, as the admin’s list already shows it', async () => {
      const { body } = await register(growingAreaInput());
      const listed = await t.request('GET', '/growing-areas?limit=100&sort=waiting', { token: admin });
      expect(listed.body.items.map((a: { growingAreaId: string }) => a.growingAreaId)).toContain(
        body.growingAreaId,
      );
      const opened = await t.request('GET', `/growing-areas/${body.growingAreaId}`, { token: admin });
      expect(opened.status).toBe(200);
      expect(opened.body.growingAreaId).toBe(body.growingAreaId);
      const history = await t.request('GET', `/growing-areas/${body.growingAreaId}/history`, {
        token: admin,
      });
      expect(history.status).toBe(200);
    });

    it('pages through a producer’s areas with a cursor and a capped limit', async () => {
      const first = await t.request('GET', '/growing-areas?limit=2', { token: tokenA });
      expect(first.body.items).toHaveLength(2);
      const second = await t.request('GET', `/growing-areas?limit=2&cursor=${first.body.nextCursor}`, {
        token: tokenA,
      });
      expect(second.body.items[0].growingAreaId).not.toBe(first.body.items[1].growingAreaId);
      expect((await t.request('GET', '/growing-areas?limit=1000', { token: tokenA })).status).toBe(400);
      // Cursors of the right kind with contents PostgreSQL would refuse: a 400, never a 500.
      const kind = JSON.parse(Buffer.from(first.body.nextCursor, 'base64url').toString())[0];
      const cursor = (...key: unknown[]) => Buffer.from(JSON.stringify([kind, ...key])).toString('base64url');
      for (const bad of [
        cursor('yesterday', '0b5c9e9e-6a43-4f3e-9a51-3c4f2f8d1e01'),
        cursor('-271821-04-20T00:00:00.000Z', '0b5c9e9e-6a43-4f3e-9a51-3c4f2f8d1e01'),
        cursor(new Date().toISOString(), 'not-a-uuid'),
      ]) {
        const res = await t.request('GET', `/growing-areas?cursor=${bad}`, { token: tokenA });
        expect({ status: res.status, code: res.body.code }).toEqual({ status: 400, code: 'invalid-cursor' });
      }
      expect((await t.request('GET', '/growing-areas?cursor=nonsense', { token: tokenA })).body.code).toBe(
        'invalid-cursor',
      );
    });

    it('gives the officer the requests that waited longest first, the producer its newest first', async () => {
      const producerC = randomUUID();
      const tokenC = await t.token({ roles: ['producer'], producerId: producerC });
      const ids: string[] = [];
      for (const name of ['Vườn chôm chôm', 'Vườn bưởi', 'Vườn ca cao']) {
        ids.push((await register(growingAreaInput({ name }), tokenC)).body.growingAreaId);
      }
      const walk = async (query: string, token: string) => {
        const seen: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await t.request(
            'GET',
            `/growing-areas?limit=1&producerId=${producerC}${query}${cursor ? `&cursor=${cursor}` : ''}`,
            { token },
          );
          expect(page.status).toBe(200);
          seen.push(...page.body.items.map((a: Json) => a.growingAreaId));
          cursor = page.body.nextCursor;
        } while (cursor);
        return seen;
      };
      expect(await walk('&status=pending&sort=waiting', officer83)).toEqual(ids);
      expect(await walk('', tokenC)).toEqual([...ids].reverse());
      const newest = await t.request('GET', `/growing-areas?limit=1&producerId=${producerC}`, {
        token: tokenC,
      });
      const mixed = await t.request('GET', `/growing-areas?sort=waiting&cursor=${newest.body.nextCursor}`, {
        token: tokenC,
      });
      expect(mixed.body.code).toBe('invalid-cursor');
      const badSort = await t.request('GET', '/growing-areas?sort=oldest', { token: tokenC });
      expect(badSort.status).toBe(400);
      expect(badSort.body.errors).toEqual([expect.objectContaining({ field: 'sort' })]);
    });

    it('lets an admin register for a named producer only', async () => {
      expect((await register(growingAreaInput(), admin)).body.errors[0].field).toBe('producerId');
      expect((await register(growingAreaInput({ producerId: producerB }), admin)).body.producerId).toBe(
        producerB,
      );
    });
  });

  describe('packing houses', () => {
    it('are numbered on their own counter and coded with ĐG, PHC export codes recorded', async () => {
      const input = {
        name: 'Cơ sở đóng gói sầu riêng Chánh Thu',
        place: { provinceCode: '83', districtCode: '832', communeCode: '28882' },
        products: ['Sầu riêng'],
      };
      const res = await t.request('POST', '/packing-houses', { token: tokenA, body: input });
      expect(res.status).toBe(201);
      const issued = await t.request('POST', `/packing-houses/${res.body.packingHouseId}/issue`, {
        token: officer83,
        body: {},
      });
      expect(issued.body.code).toBe(`VN-83-832-28882-DG01-${yy}`);
      const phc = await t.request('POST', `/packing-houses/${res.body.packingHouseId}/export-codes`, {
        token: officer83,
        body: { scheme: 'PHC', code: 'VNBTPHC003', importingCountry: 'CN' },
      });
      expect(phc.body.exportCodes).toHaveLength(1);
      expect(
        (await t.request('GET', `/packing-houses/${res.body.packingHouseId}`, { token: tokenB })).status,
      ).toBe(404);
      expect((await t.outbox(TraceabilityEvents.packingHouseIssued)).map((e) => e.subject)).toEqual([
        res.body.packingHouseId,
      ]);
    });

    it('keep a GPS point in Viet Nam, and refuse one elsewhere naming location.coordinates', async () => {
      const input = {
        name: 'Cơ sở đóng gói bưởi Mỹ Thạnh An',
        place: { provinceCode: '83', districtCode: '832', communeCode: '28882' },
        products: ['Bưởi da xanh'],
        location: { type: 'Point', coordinates: [106.3756, 10.2415] },
      };
      const res = await t.request('POST', '/packing-houses', { token: tokenA, body: input });
      expect(res.status).toBe(201);
      expect(res.body.location).toEqual(input.location);
      // Latitude and longitude swapped: the slip a person typing them makes most.
      const swapped = await t.request('POST', '/packing-houses', {
        token: tokenA,
        body: { ...input, location: { type: 'Point', coordinates: [10.2415, 106.3756] } },
      });
      expect(swapped.status).toBe(400);
      expect(swapped.body).toMatchObject({
        code: 'validation-failed',
        errors: [{ field: 'location.coordinates' }],
      });
      const area = await register(
        growingAreaInput({ location: { type: 'Point', coordinates: [106.3756, 10.2415] } }),
      );
      expect(area.status).toBe(201);
      expect(area.body.location).toEqual({ type: 'Point', coordinates: [106.3756, 10.2415] });
    });
  });
});
