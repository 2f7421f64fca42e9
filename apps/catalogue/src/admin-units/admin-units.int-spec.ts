import { randomUUID } from 'node:crypto';
import { CatalogueHarness, Json, startCatalogue } from '../../test/catalogue-harness';
import { producerInput, productInput, gtin } from '../../test/fixtures';
import { OcopCertificates } from '../rating-events/ocop-certificates';

describe('administrative units, reports and service endpoints (integration)', () => {
  let catalogue: CatalogueHarness;
  let admin: string;

  beforeAll(async () => {
    catalogue = await startCatalogue('cat_units');
    admin = await catalogue.token({ roles: ['admin'] });
  });

  afterAll(async () => {
    await catalogue?.close();
  });

  describe('units (public)', () => {
    it('lists the maps with their validity and the one in force', async () => {
      const res = await catalogue.request('GET', '/admin-units/maps');
      expect(res.status).toBe(200);
      expect(res.body.inForce).toBe('vl-2025-07');
      expect(res.body.items).toEqual([
        expect.objectContaining({
          id: 'bt-2022',
          provinceCode: '83',
          validFrom: '2022-10-01',
          validTo: '2025-06-30',
        }),
        expect.objectContaining({
          id: 'vl-2025-07',
          provinceCode: '86',
          validFrom: '2025-07-01',
          validTo: null,
        }),
      ]);
    });

    it('finds "Qưới Sơn" however it is written, exact names first', async () => {
      for (const q of ['Qưới Sơn', 'Quới Sơn', 'quoi son']) {
        const res = await catalogue.request('GET', `/admin-units?q=${encodeURIComponent(q)}&map=bt-2022`);
        expect(res.body.items[0]).toMatchObject({
          map: 'bt-2022',
          code: '28807',
          name: 'Xã Qưới Sơn',
          level: 'commune',
          parentCode: '831',
        });
      }
    });

    it('lists a district’s communes page by page', async () => {
      const codes: string[] = [];
      let cursor: string | undefined;
      do {
        const res = await catalogue.request(
          'GET',
          `/admin-units?map=bt-2022&parentCode=832&limit=4${cursor ? `&cursor=${cursor}` : ''}`,
        );
        codes.push(...res.body.items.map((u: Json) => u.code));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(codes).toHaveLength(11);
      expect(codes).toContain('28882');
    });

    it('shows a 2022 commune with its 2025 successor, and a 2025 commune with what it was made of', async () => {
      const hoaNghia = await catalogue.request('GET', '/admin-units/bt-2022/28882');
      expect(hoaNghia.body).toMatchObject({
        name: 'Xã Hòa Nghĩa',
        successors: [{ map: 'vl-2025-07', code: '28870', name: 'Xã Chợ Lách' }],
      });
      const choLach = await catalogue.request('GET', '/admin-units/vl-2025-07/28870');
      expect(choLach.body.predecessors.map((u: Json) => u.code).sort()).toEqual(['28870', '28882', '28885']);
      const merged = await catalogue.request('GET', '/admin-units/bt-2022/28765');
      expect(merged.body.successors).toEqual([]);
      expect(merged.body.note).toMatch(/sáp nhập/);
      expect((await catalogue.request('GET', '/admin-units/bt-2022/99999')).status).toBe(404);
      const badMap = await catalogue.request('GET', '/admin-units/bt-2019/28882');
      expect(badMap.status).toBe(400);
      expect(badMap.body.errors).toEqual([expect.objectContaining({ field: 'map' })]);
      const badLevel = await catalogue.request('GET', '/admin-units?level=hamlet');
      expect(badLevel.body.errors).toEqual([expect.objectContaining({ field: 'level' })]);
    });
  });

  describe('report per unit', () => {
    beforeAll(async () => {
      // A certified product in Hòa Nghĩa (2022 record) and a producer registered in 2025 codes in Xã Chợ Lách.
      const a = await catalogue.request('POST', '/producers', { token: admin, body: producerInput() });
      await catalogue.request('POST', `/producers/${a.body.producerId}/verify`, { token: admin, body: {} });
      const product = await catalogue.request('POST', '/products', {
        token: admin,
        body: productInput(a.body.producerId, { gtins: [gtin('8936047', 1)] }),
      });
      await catalogue.request('POST', `/products/${product.body.productId}/activate`, { token: admin });
      await catalogue.dataSource.transaction((m) =>
        catalogue.app.get(OcopCertificates).apply(m, 'issued', {
          certificateId: randomUUID(),
          certificateNumber: '1',
          productId: product.body.productId,
          producerId: a.body.producerId,
          stars: 4,
          issuedAt: '2024-01-01T00:00:00Z',
          expiresAt: '2027-01-01T00:00:00Z',
          decisionRef: 'x',
        }),
      );
      await catalogue.request('POST', '/producers', {
        token: admin,
        body: producerInput({ address: { unitMap: 'vl-2025-07', communeCode: '28870' } }),
      });
      // Phường Bến Tre spans two former districts: it cannot be counted in either.
      await catalogue.request('POST', '/producers', {
        token: admin,
        body: producerInput({ address: { unitMap: 'vl-2025-07', communeCode: '28789' } }),
      });
    });

    it('rolls every record up under the 2022 districts, keeping the uncertain ones apart', async () => {
      const res = await catalogue.request('GET', '/reports/units?unitMap=bt-2022&level=district', {
        token: admin,
      });
      expect(res.status).toBe(200);
      expect(res.body.units).toHaveLength(9);
      expect(res.body.units.find((u: Json) => u.code === '832')).toEqual({
        code: '832',
        name: 'Huyện Chợ Lách',
        producers: 2,
        verifiedProducers: 1,
        activeProducts: 1,
        certifiedProducts: 1,
      });
      expect(res.body.unassigned.producers).toBe(1);
      expect(res.body.coverage).toEqual({ units: 9, withCertifiedProduct: 1, share: 1 / 9 });
    });

    it('rolls the same records up under the 2025 communes', async () => {
      const res = await catalogue.request('GET', '/reports/units?unitMap=vl-2025-07', { token: admin });
      expect(res.body.units).toHaveLength(49);
      expect(res.body.units.find((u: Json) => u.code === '28870')).toMatchObject({
        name: 'Xã Chợ Lách',
        producers: 2,
        certifiedProducts: 1,
      });
      expect(res.body.units.find((u: Json) => u.code === '28789')).toMatchObject({ producers: 1 });
      const noDistricts = await catalogue.request('GET', '/reports/units?unitMap=vl-2025-07&level=district', {
        token: admin,
      });
      expect(noDistricts.status).toBe(400);
      expect(noDistricts.body.errors).toEqual([expect.objectContaining({ field: 'level' })]);
    });

    it('is for staff: officers see their territory, producers are refused', async () => {
      const baTri = await catalogue.token({
        roles: ['officer'],
        scope: { provinceCode: '83', districtCode: '836' },
      });
      const res = await catalogue.request('GET', '/reports/units?level=district', { token: baTri });
      expect(res.body.units.every((u: Json) => u.producers === 0)).toBe(true);
      const producer = await catalogue.token({ roles: ['producer'], producerId: randomUUID() });
      expect((await catalogue.request('GET', '/reports/units', { token: producer })).status).toBe(403);
    });
  });

  it('publishes its vocabularies, health and OpenAPI document', async () => {
    const vocabularies = await catalogue.request('GET', '/catalogue/vocabularies');
    expect(vocabularies.body.productSets).toHaveLength(26);
    expect(vocabularies.body.productGroups).toHaveLength(6);
    expect((await catalogue.request('GET', '/health/ready')).status).toBe(200);
    const doc = await catalogue.request('GET', '/docs/openapi.json');
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/producers',
        '/products',
        '/catalogue/products',
        '/imports/products',
        '/exports/products.csv',
        '/admin-units',
      ]),
    );
    expect(doc.body.components.schemas.CreateProductDto.properties.gtins).toBeDefined();
  });
});
