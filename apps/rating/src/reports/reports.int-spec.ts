import { PlaceV1, ProducerType, UnitMapId } from '@ocop/contracts';
import { adminUnits, parseCsvRows } from '@ocop/ocop-domain';
import { randomUUID } from 'node:crypto';
import { expectStatus } from '../../test/flows';
import { RatingHarness, startRating } from '../../test/rating-harness';
import { RegistryCommuneDirectory } from './commune-directory';

const TYPES: ProducerType[] = ['household', 'cooperative', 'enterprise', 'cooperative-group'];
/** Decisions spread over 2020–2022. */
const decisionDate = (j: number) => `${2020 + (j % 3)}-0${1 + (j % 4)}-15`;

/**
 * The province's mid-2022 report: 131 provincial OCOP products of 54 producers, 66 at 3★ and 65 at 4★, in 41 of
 * the 157 commune-level units, i.e. 26.11% coverage. Seeded through the catalogue's events and the certificate
 * import, as the province would, plus certificates that must not count on that day.
 */
describe('KPIs and reports (integration)', () => {
  let h: RatingHarness;
  let officer: string;
  const communes = new RegistryCommuneDirectory().communes('bt-2022');
  const places = (index: number): Record<UnitMapId, PlaceV1> => {
    const commune = communes[index];
    // A 2022 commune is placed in 2025 only when it has exactly one successor.
    const next = adminUnits().successorsOf(commune.code);
    return {
      'bt-2022': { provinceCode: '83', districtCode: commune.districtCode, communeCode: commune.code },
      'vl-2025-07': { provinceCode: '86', ...(next.length === 1 ? { communeCode: next[0] } : {}) },
    };
  };
  const producers = Array.from({ length: 54 }, () => randomUUID());
  const products = Array.from({ length: 131 }, () => randomUUID());
  const extra = { expired: randomUUID(), later: randomUUID(), revoked: randomUUID() };

  beforeAll(async () => {
    h = await startRating('reports');
    // The first 41 communes get the 54 producers; 13 of them a second producer.
    for (const [i, id] of producers.entries()) {
      await h.seedProducer({
        id,
        name: `Chủ thể ${i + 1}`,
        places: places(i % 41),
        type: TYPES[i % TYPES.length],
      });
    }
    for (const [j, id] of products.entries()) {
      await h.seedProduct({
        id,
        producerId: producers[j % 54],
        nameVi: `Sản phẩm ${j + 1}`,
        productSet: 1 + (j % 26),
        group: j % 2 ? 'beverages' : 'food',
      });
    }
    // Three more, in three other communes: expired before the day, certified after it, revoked before it.
    const others = [
      await h.seedProducer({ name: 'Cũ', places: places(41) }),
      await h.seedProducer({ name: 'Mới', places: places(42) }),
      await h.seedProducer({ name: 'Vi phạm', places: places(43) }),
    ];
    await h.seedProduct({ id: extra.expired, producerId: others[0], nameVi: 'Hết hạn', productSet: 1 });
    await h.seedProduct({ id: extra.later, producerId: others[1], nameVi: 'Cấp sau', productSet: 1 });
    await h.seedProduct({ id: extra.revoked, producerId: others[2], nameVi: 'Bị thu hồi', productSet: 1 });
    await h.readModelHas('product_views', [...products, ...Object.values(extra)]);

    officer = await h.token({ roles: ['officer'], scope: { provinceCode: '83' } });
    const importAt = async (now: string, rows: string[]) => {
      h.clock.set(new Date(now));
      const csv = ['product_id,product_name,producer_name,stars,decision_ref,decision_date', ...rows].join(
        '\n',
      );
      expectStatus(
        await h.request('POST', '/certificates/import?dryRun=false', {
          token: officer,
          raw: { contentType: 'text/csv', payload: csv },
        }),
        200,
      );
    };
    await importAt('2022-05-01T03:00:00Z', [
      ...products.map((id, j) => `${id},,,${j < 66 ? 3 : 4},${100 + (j % 5)}/QĐ-UBND,${decisionDate(j)}`),
      `${extra.expired},,,3,9/QĐ-UBND,2019-03-01`,
      `${extra.revoked},,,4,10/QĐ-UBND,2021-03-01`,
    ]);
    const [revoked] = expectStatus(
      await h.request('GET', `/certificates?productId=${extra.revoked}`, { token: officer }),
      200,
    ).items;
    expectStatus(
      await h.request('POST', `/certificates/${revoked.certificateId}/revoke`, {
        token: officer,
        body: { reason: 'Vi phạm' },
      }),
      200,
    );
    await importAt('2022-10-01T03:00:00Z', [`${extra.later},,,3,200/QĐ-UBND,2022-09-20`]);
  });

  afterAll(async () => {
    await h?.close();
  });

  it('reproduces the mid-2022 figures: 131 products, 66 at 3★ and 65 at 4★, 41 of 157 communes = 26.11%', async () => {
    const kpis = expectStatus(
      await h.request('GET', '/reports/kpis?map=bt-2022&at=2022-06-30', { token: officer }),
      200,
    );
    expect(kpis).toMatchObject({
      map: 'bt-2022',
      at: '2022-06-30',
      certifiedProducts: 131,
      producers: 54,
      byStars: { 3: 66, 4: 65, 5: 0 },
      coverage: { covered: 41, total: 157, percent: 26.11 },
    });
    expect(kpis.coverage.uncovered).toHaveLength(116);
    expect(kpis.coverage.uncovered.map((c: { code: string }) => c.code)).not.toContain(communes[0].code);
    expect(kpis.byGroup.filter((g: { count: number }) => g.count)).toEqual([
      expect.objectContaining({ group: 'food', count: 66 }),
      expect.objectContaining({ group: 'beverages', count: 65 }),
    ]);
    expect(kpis.byDistrict.reduce((n: number, d: { count: number }) => n + d.count, 0)).toBe(131);
    expect(kpis.byCommune).toHaveLength(41);
    expect(kpis.producersByType.map((t: { type: string; count: number }) => [t.type, t.count])).toEqual([
      ['household', 14],
      ['cooperative-group', 13],
      ['cooperative', 14],
      ['enterprise', 13],
    ]);
  });

  it('counts what was valid on the day asked: later certificates, expiries and revocations move the figure', async () => {
    const early = expectStatus(
      await h.request('GET', '/reports/kpis?at=2021-03-02', { token: officer }),
      200,
    );
    // The products decided by then, plus the 2019 certificate (not yet expired) and the one revoked only in 2022.
    const decidedBy = products.filter((_, j) => decisionDate(j) <= '2021-03-02').length;
    expect(early.certifiedProducts).toBe(decidedBy + 2);
    const late = expectStatus(await h.request('GET', '/reports/kpis?at=2022-12-31', { token: officer }), 200);
    expect(late.certifiedProducts).toBe(132);
    expect(late.coverage).toMatchObject({ covered: 42, percent: 26.75 });
  });

  it('reports under the 2025 map: the same products counted in the merged communes', async () => {
    const kpis = expectStatus(
      await h.request('GET', '/reports/kpis?map=vl-2025-07&at=2022-06-30', { token: officer }),
      200,
    );
    const expected = new Set(
      communes
        .slice(0, 41)
        .map((c) => adminUnits().successorsOf(c.code))
        .filter((next) => next.length === 1)
        .map(([code]) => code),
    );
    expect(kpis.coverage).toMatchObject({ total: 49, covered: expected.size });
    expect(kpis.byDistrict).toEqual([]);
  });

  it('lists certificates expiring in the next 90 days and exports CSV that Excel opens', async () => {
    h.clock.set(new Date('2023-01-01T03:00:00Z'));
    const expiring = expectStatus(
      await h.request('GET', '/reports/expiring?days=90', { token: officer }),
      200,
    );
    // Decisions of 2020-01-15 and 2020-02-15 and 2020-03-15 run out within 90 days of 2023-01-01.
    expect(expiring.length).toBeGreaterThan(0);
    expect(expiring.every((c: { daysLeft: number }) => c.daysLeft >= 1 && c.daysLeft <= 90)).toBe(true);
    const csv = await h.request('GET', '/reports/coverage.csv?map=bt-2022&at=2022-06-30', { token: officer });
    expect(csv.headers['content-type']).toContain('text/csv');
    const rows = parseCsvRows(csv.raw.toString('utf8'));
    expect(rows).toHaveLength(158);
    expect(rows.filter((r) => r.fields[5] === 'có / yes')).toHaveLength(41);
    const certified = await h.request('GET', '/reports/certified-products.csv?at=2022-06-30', {
      token: officer,
    });
    expect(parseCsvRows(certified.raw.toString('utf8'))).toHaveLength(132);
    expect(
      (
        await h.request('GET', '/reports/kpis', {
          token: await h.token({ roles: ['producer'], producerId: producers[0] }),
        })
      ).status,
    ).toBe(403);
  });
});
