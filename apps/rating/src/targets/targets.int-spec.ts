import { Workbook } from 'exceljs';
import { expectStatus, tokens } from '../../test/flows';
import { placesIn, RatingHarness, startRating } from '../../test/rating-harness';

const HEADER = 'product_id,product_name,producer_name,stars,decision_ref,decision_date';

/**
 * Annual targets (issue 15, item 7): officers of a territory set its targets for a year and follow them; the
 * actual figure is counted on the map of the target at the year's end, or today while the year runs.
 */
describe('annual targets (integration)', () => {
  let h: RatingHarness;
  let t: Record<string, string>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    h = await startRating('targets');
    h.clock.set(new Date('2022-10-01T03:00:00Z'));
    // Thành phố Bến Tre (829): products in Phường Phú Khương (two), Xã Sơn Đông; Châu Thành (831): Quới Sơn.
    const producers = {
      phuKhuong: await h.seedProducer({ name: 'HTX Phú Khương', places: placesIn('829', '28756') }),
      sonDong: await h.seedProducer({ name: 'Cơ sở Sơn Đông', places: placesIn('829', '28783') }),
      quoiSon: await h.seedProducer({ name: 'Cơ sở Quới Sơn', places: placesIn('831', '28807') }),
    };
    const seed = (producerId: string, nameVi: string) => h.seedProduct({ producerId, nameVi, productSet: 1 });
    ids.candy = await seed(producers.phuKhuong, 'Kẹo dừa');
    ids.wine = await seed(producers.phuKhuong, 'Rượu dừa');
    ids.bananas = await seed(producers.sonDong, 'Chuối sấy');
    ids.coconut = await seed(producers.quoiSon, 'Dừa xiêm');
    ids.late = await seed(producers.sonDong, 'Bánh phồng');
    await h.readModelHas('product_views', Object.values(ids));
    t = await tokens(h, {
      province: { roles: ['officer'], scope: { provinceCode: '83' } },
      city: { roles: ['officer'], scope: { provinceCode: '83', districtCode: '829' } },
      chauThanh: { roles: ['officer'], scope: { provinceCode: '83', districtCode: '831' } },
      producer: { roles: ['producer'], producerId: producers.phuKhuong },
    });
    const csv = [
      HEADER,
      `${ids.candy},,,4,1/QĐ-UBND,2021-05-04`,
      `${ids.wine},,,3,1/QĐ-UBND,2021-05-04`,
      `${ids.bananas},,,3,2/QĐ-UBND,2022-03-01`,
      `${ids.coconut},,,3,2/QĐ-UBND,2022-03-01`,
    ].join('\n');
    expectStatus(
      await h.request('POST', '/certificates/import?dryRun=false', {
        token: t.province,
        raw: { contentType: 'text/csv', payload: csv },
      }),
      200,
    );
  });

  afterAll(async () => {
    await h?.close();
  });

  const setTarget = (token: string, body: Record<string, unknown>) =>
    h.request('PUT', '/targets', { token, body });

  it('lets an officer set the targets of their own territory, and no other', async () => {
    const city = expectStatus(
      await setTarget(t.city, {
        year: 2022,
        kind: 'communes-covered',
        value: 4,
        provinceCode: '83',
        districtCode: '829',
      }),
      200,
    );
    expect(city).toMatchObject({
      year: 2022,
      kind: 'communes-covered',
      value: 4,
      unit: { map: 'bt-2022', level: 'district', name: 'Thành phố Bến Tre', districtCode: '829' },
      // 2 of the city's 14 communes have a valid certificate on 01/10/2022 (the year is still running).
      progress: { asOf: '2022-10-01', final: false, actual: 2, target: 4, percent: 50, reached: false },
    });
    // A commune of the district: its district comes from the map.
    expect(
      expectStatus(
        await setTarget(t.city, {
          year: 2022,
          kind: 'certified-products',
          value: 2,
          provinceCode: '83',
          communeCode: '28756',
        }),
        200,
      ),
    ).toMatchObject({
      unit: { level: 'commune', name: 'Phường Phú Khương', districtCode: '829', communeCode: '28756' },
      progress: { actual: 2, reached: true, percent: 100 },
    });
    for (const [token, body] of [
      [t.chauThanh, { districtCode: '829' }],
      [t.city, { districtCode: '831' }],
      [t.city, {}],
      [t.city, { communeCode: '28807' }],
    ] as const) {
      const res = await setTarget(token, {
        year: 2022,
        kind: 'certified-products',
        value: 1,
        provinceCode: '83',
        ...body,
      });
      expect(res.body).toMatchObject({ status: 403, code: 'forbidden' });
    }
    expect(
      (await setTarget(t.producer, { year: 2022, kind: 'certified-products', value: 1, provinceCode: '83' }))
        .status,
    ).toBe(403);
  });

  it('refuses a target that cannot mean anything, naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ year: 2027, provinceCode: '83' }, 'year'],
      [{ year: 2024, provinceCode: '86' }, 'year'],
      [{ year: 2022, provinceCode: '99' }, 'provinceCode'],
      [{ year: 2026, provinceCode: '86', districtCode: '829' }, 'districtCode'],
      [{ year: 2022, provinceCode: '83', districtCode: '999' }, 'districtCode'],
      [{ year: 2022, provinceCode: '83', districtCode: '829', communeCode: '28807' }, 'communeCode'],
      [{ year: 2022, provinceCode: '83', districtCode: '829', value: 15 }, 'value'],
      [{ year: 2022, provinceCode: '83', kind: 'stars' }, 'kind'],
      [{ year: 2022.5, provinceCode: '83' }, 'year'],
      [{ year: 2022, provinceCode: '83', value: -1 }, 'value'],
    ];
    for (const [body, field] of cases) {
      const res = await setTarget(t.province, { kind: 'communes-covered', value: 3, ...body });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('validation-failed');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
  });

  it('keeps who set and changed a target, and when; the trail cannot be rewritten', async () => {
    h.clock.set(new Date('2022-10-02T03:00:00Z'));
    const province = expectStatus(
      await setTarget(t.province, { year: 2022, kind: 'certified-products', value: 3, provinceCode: '83' }),
      200,
    );
    h.clock.set(new Date('2022-11-15T03:00:00Z'));
    const changed = expectStatus(
      await setTarget(t.province, { year: 2022, kind: 'certified-products', value: 6, provinceCode: '83' }),
      200,
    );
    expect(changed.targetId).toBe(province.targetId);
    const detail = expectStatus(
      await h.request('GET', `/targets/${province.targetId}`, { token: t.province }),
      200,
    );
    expect(detail.history).toEqual([
      { action: 'set', value: 3, by: expect.any(String), at: expect.stringMatching(/^2022-10-02T03:00/) },
      {
        action: 'changed',
        oldValue: 3,
        value: 6,
        by: detail.history[0].by,
        at: expect.stringMatching(/^2022-11-15T03:00/),
      },
    ]);
    expect(detail.createdAt).toMatch(/^2022-10-02T03:00/);
    expect(detail.updatedAt).toMatch(/^2022-11-15T03:00/);
    // A district officer does not see the province's target.
    expect((await h.request('GET', `/targets/${province.targetId}`, { token: t.city })).status).toBe(404);
    await expect(h.sql(`UPDATE annual_target_events SET new_value = 1`)).rejects.toThrow(/history/);
    await expect(h.sql(`DELETE FROM annual_target_events`)).rejects.toThrow(/history/);
  });

  it('counts the actual at the year’s end once the year is over, and exports the progress as XLSX', async () => {
    // Certified in December 2022, after the targets were set: counts for 2022; 2023 starts.
    h.clock.set(new Date('2022-12-20T03:00:00Z'));
    expectStatus(
      await h.request('POST', '/certificates/import?dryRun=false', {
        token: t.province,
        raw: { contentType: 'text/csv', payload: `${HEADER}\n${ids.late},,,3,9/QĐ-UBND,2022-12-20` },
      }),
      200,
    );
    h.clock.set(new Date('2023-03-01T03:00:00Z'));
    const all = expectStatus(await h.request('GET', '/targets?year=2022', { token: t.province }), 200).items;
    expect(all.map((x: { unit: { level: string }; kind: string }) => `${x.unit.level}:${x.kind}`)).toEqual([
      'province:certified-products',
      'district:communes-covered',
      'commune:certified-products',
    ]);
    expect(all[0].progress).toEqual({
      asOf: '2022-12-31',
      final: true,
      actual: 5,
      target: 6,
      percent: 83.33,
      reached: false,
    });
    const city = expectStatus(await h.request('GET', '/targets', { token: t.city }), 200).items;
    expect(city).toHaveLength(2);
    expect(expectStatus(await h.request('GET', '/targets', { token: t.chauThanh }), 200).items).toEqual([]);

    const res = await h.request('GET', '/targets/export?year=2022&format=xlsx', { token: t.province });
    expect(res.status).toBe(200);
    const workbook = new Workbook();
    await workbook.xlsx.load(res.raw as unknown as ArrayBuffer);
    const rows = workbook.worksheets[0].getSheetValues().slice(2) as unknown[][];
    expect(rows[0].slice(1)).toEqual([
      2022,
      'Tỉnh Bến Tre',
      '83',
      'Số sản phẩm OCOP / Certified products',
      6,
      5,
      83.33,
      new Date('2022-12-31T00:00:00Z'),
    ]);
  });
});
