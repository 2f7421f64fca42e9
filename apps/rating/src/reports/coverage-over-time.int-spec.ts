import { PlaceV1, UnitMapId } from '@ocop/contracts';
import { adminUnits } from '@ocop/ocop-domain';
import { Workbook } from 'exceljs';
import { randomUUID } from 'node:crypto';
import { expectStatus } from '../../test/flows';
import { RatingHarness, startRating } from '../../test/rating-harness';
import { Commune, RegistryCommuneDirectory } from './commune-directory';

const HEADER = 'certificate_number,product_id,product_name,producer_name,stars,decision_ref,decision_date';

/**
 * Goals over time (issue 15, item 7). Bến Tre's mid-2022 figure: 41 of the 157 commune-level units of the 2022 map
 * (34 xã, 5 phường, 2 thị trấn) had a provincial OCOP product, 26.11 %. The province keys in its certificates
 * years later, in whatever order its files come: here the current (2024) certificates first, then the older
 * ones of 2020–2021 that had expired long before the import, which used to be refused once a product had a
 * newer certificate, leaving coverage "as at 31/07/2022" at zero.
 */
describe('coverage at any date, on the map of that date (integration)', () => {
  let h: RatingHarness;
  let officer: string;
  const communes2022 = new RegistryCommuneDirectory().communes('bt-2022');
  const ofType = (type: Commune['type'], n: number) =>
    communes2022.filter((c) => c.type === type).slice(0, n);
  const covered = [...ofType('Xã', 34), ...ofType('Phường', 5), ...ofType('Thị trấn', 2)];
  const uncovered = communes2022.filter((c) => !covered.includes(c));
  const places = (c: Commune): Record<UnitMapId, PlaceV1> => adminUnits().places('bt-2022', c.code);
  /** One product in each covered commune; the first 20 were renewed in 2024, after their 2021 certificates. */
  const products = covered.map(() => randomUUID());
  const renewed = products.slice(0, 20);
  /** Certificates that must not count on 31/07/2022: run out in 2021, and first decided in 2024. */
  const ranOut = randomUUID();
  const later = randomUUID();

  beforeAll(async () => {
    h = await startRating('coverage_over_time');
    h.clock.set(new Date('2026-12-03T03:00:00Z'));
    for (const [i, commune] of covered.entries()) {
      const producerId = await h.seedProducer({ name: `Chủ thể ${commune.name}`, places: places(commune) });
      await h.seedProduct({ id: products[i], producerId, nameVi: `Đặc sản ${commune.name}`, productSet: 1 });
    }
    for (const [id, commune] of [
      [ranOut, uncovered[0]],
      [later, uncovered[1]],
    ] as const) {
      const producerId = await h.seedProducer({ name: `Chủ thể ${commune.name}`, places: places(commune) });
      await h.seedProduct({ id, producerId, nameVi: `Sản phẩm ${commune.name}`, productSet: 1 });
    }
    await h.readModelHas('product_views', [...products, ranOut, later]);
    officer = await h.token({ roles: ['officer'], scope: { provinceCode: '83' } });
  });

  afterAll(async () => {
    await h?.close();
  });

  const importCsv = (rows: string[]) =>
    h.request('POST', '/certificates/import?dryRun=false', {
      token: officer,
      raw: { contentType: 'text/csv', payload: [HEADER, ...rows].join('\n') },
    });

  it('imports the 2021 certificates after the products’ 2024 renewals, as superseded history', async () => {
    // First the file of current certificates: the 2024 renewals, and one product first certified later, in 2024.
    expectStatus(
      await importCsv([
        ...renewed.map((id, i) => `BT-2024-${100 + i},${id},,,4,310/QĐ-UBND,15/01/2024`),
        `BT-2024-900,${later},,,3,200/QĐ-UBND,2024-09-20`,
      ]),
      200,
    );
    // Then the archive: every covered commune's product certified in 2020–2022 (all expired by now), and a
    // 2018 certificate that ran out in 2021.
    const archive = [
      ...products.map((id, i) => `BT-2021-${100 + i},${id},,,${i % 3 ? 3 : 4},12/QĐ-UBND,${archiveDate(i)}`),
      `BT-2018-001,${ranOut},,,3,5/QĐ-UBND,10/05/2018`,
    ];
    const dry = expectStatus(
      await h.request('POST', '/certificates/import', {
        token: officer,
        raw: { contentType: 'text/csv', payload: [HEADER, ...archive].join('\n') },
      }),
      200,
    );
    expect(dry).toMatchObject({ dryRun: true, valid: 42, invalid: 0 });
    expect(dry.rows.slice(0, 20).map((r: { becomes: string }) => r.becomes)).toEqual(
      Array(20).fill('superseded'),
    );
    expect(dry.rows.slice(20).every((r: { becomes: string }) => r.becomes === 'expired')).toBe(true);
    expect(expectStatus(await importCsv(archive), 200)).toMatchObject({ imported: 42 });

    const [old] = expectStatus(
      await h.request('GET', `/certificates?productId=${renewed[0]}&number=BT-2021-100`, { token: officer }),
      200,
    ).items;
    const [current] = expectStatus(
      await h.request('GET', `/certificates?productId=${renewed[0]}&status=issued`, { token: officer }),
      200,
    ).items;
    expect(current).toMatchObject({ number: 'BT-2024-100', status: 'issued' });
    // Replaced on the renewal's own day (15/01/2024 in Viet Nam), not on the day of the import.
    expect(old).toMatchObject({
      status: 'superseded',
      supersededBy: current.certificateId,
      supersededAt: '2024-01-14T17:00:00.000Z',
    });
  });

  it('still refuses duplicates: the same certificate number, or the same decision for a product', async () => {
    const refused = expectStatus(
      await importCsv([
        `BT-2021-100,${later},,,3,12/QĐ-UBND,2021-03-10`,
        `,${products[0]},,,4,12/QĐ-UBND,${archiveDate(0)}`,
      ]),
      422,
    );
    expect(refused.code).toBe('import-invalid');
    expect(refused.report.rows[0].errors).toEqual([
      'số giấy chứng nhận BT-2021-100 đã có / certificate number BT-2021-100 already exists',
    ]);
    expect(refused.report.rows[1].errors).toEqual([
      expect.stringContaining('the product already has certificate BT-2021-100 decided on this date'),
    ]);
  });

  it('reads 41/157 = 26.11 % at 31/07/2022 on the 2022 map: 34 xã, 5 phường, 2 thị trấn', async () => {
    const kpis = expectStatus(await h.request('GET', '/reports/kpis?at=2022-07-31', { token: officer }), 200);
    expect(kpis).toMatchObject({ map: 'bt-2022', at: '2022-07-31', certifiedProducts: 41 });
    expect(kpis.coverage).toMatchObject({ covered: 41, total: 157, percent: 26.11 });
    expect(kpis.coverage.byType).toEqual([
      { type: 'Xã', nameEn: 'Commune', covered: 34, total: 142, percent: 23.94 },
      { type: 'Phường', nameEn: 'Ward', covered: 5, total: 8, percent: 62.5 },
      { type: 'Thị trấn', nameEn: 'Township', covered: 2, total: 7, percent: 28.57 },
    ]);
    expect(kpis.coverage.uncovered.map((c: { code: string }) => c.code)).toEqual(
      expect.arrayContaining([uncovered[0].code, uncovered[1].code]),
    );
  });

  it('reads today on the merged province’s map: only the renewals and the later certificate remain', async () => {
    const kpis = expectStatus(await h.request('GET', '/reports/kpis', { token: officer }), 200);
    expect(kpis).toMatchObject({ map: 'vl-2025-07', at: '2026-12-03', certifiedProducts: 21 });
    expect(kpis.coverage.total).toBe(49);
    expect(kpis.coverage.byType.map((t: { type: string }) => t.type)).toEqual(['Xã', 'Phường']);
    const total = kpis.coverage.byType.reduce((n: number, t: { total: number }) => n + t.total, 0);
    expect(total).toBe(49);
  });

  it('exports the 31/07/2022 coverage as XLSX: 157 communes, 41 covered, each with its type', async () => {
    const res = await h.request('GET', '/reports/coverage?at=2022-07-31&format=xlsx', { token: officer });
    expect(res.status).toBe(200);
    const workbook = new Workbook();
    await workbook.xlsx.load(res.raw as unknown as ArrayBuffer);
    const rows = workbook.worksheets[0].getSheetValues().slice(2) as unknown[][];
    expect(rows).toHaveLength(157);
    const yes = rows.filter((r) => r[6] === 'có / yes');
    expect(yes).toHaveLength(41);
    expect(yes.filter((r) => r[7] === 'phường / ward')).toHaveLength(5);
    expect(yes.filter((r) => r[7] === 'thị trấn / township')).toHaveLength(2);
    expect(yes.every((r) => typeof r[5] === 'number' && (r[5] as number) >= 1)).toBe(true);
  });

  it('exports the KPI of 31/07/2022 with its split, as CSV and XLSX', async () => {
    const csv = await h.request('GET', '/reports/kpis/export?at=2022-07-31', { token: officer });
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.raw.toString('utf8').split('\r\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        'Ngày / As of,31/07/2022,,',
        'Xã có sản phẩm OCOP từ 3 sao / Communes with a 3★+ OCOP product,41,157,26.11',
        'trong đó / of which: xã / commune,34,142,23.94',
        'trong đó / of which: phường / ward,5,8,62.5',
        'trong đó / of which: thị trấn / township,2,7,28.57',
      ]),
    );
    const res = await h.request('GET', '/reports/kpis/export?at=2022-07-31&format=xlsx', { token: officer });
    const workbook = new Workbook();
    await workbook.xlsx.load(res.raw as unknown as ArrayBuffer);
    const rows = (workbook.worksheets[0].getSheetValues() as unknown[][]).map((r) => r?.slice(1));
    expect(rows).toEqual(
      expect.arrayContaining([
        ['Xã có sản phẩm OCOP từ 3 sao / Communes with a 3★+ OCOP product', 41, 157, 26.11],
        ['trong đó / of which: thị trấn / township', 2, 7, 28.57],
      ]),
    );
  });
});

/** Decisions of 2020–2022, all before 31/07/2022; the renewed products' are 2021 ones. */
function archiveDate(i: number): string {
  if (i < 20) return `2021-03-${String(10 + (i % 15)).padStart(2, '0')}`;
  return ['2020-09-01', '2021-11-30', '2022-07-31', '2020-02-29'][i % 4];
}
