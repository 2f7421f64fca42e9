import { Choices, councilResult, criteriaOf, LEVEL_RULES, RubricSet, sheetTotals } from '@ocop/ocop-domain';
import { loadRubricCatalog } from './rubric-catalog';

const catalog = loadRubricCatalog();

/** The best option of every criterion, then the given changes: how the members' sheets below are written. */
function sheet(set: RubricSet, changes: Record<string, number>): Choices {
  const best = criteriaOf(set).map((c) => {
    const top = Math.max(...c.options.map((o) => o.points));
    return [c.key, c.options.findIndex((o) => o.points === top)];
  });
  return { ...Object.fromEntries(best), ...changes };
}

describe('the bundled QĐ 148 and QĐ 1048 sheets', () => {
  const [qd148, qd1048] = catalog.validation();

  it('reports the QĐ 148 sets that do not add up, with the row to check', () => {
    expect(qd148.unusableSets).toEqual([7, 11, 12, 13, 17, 18, 26]);
    expect(qd148.usableSets).toHaveLength(19);
    const summary = (setNo: number) =>
      qd148.sets[setNo - 1].errors.map(
        (e) => `${e.code} ${e.at ?? ''} ${e.expected ?? ''}/${e.actual ?? ''} l${e.line}`,
      );
    // Set 7 (processed vegetables, fruits and nuts: coconut candy): "d) Mùi" declares 4 points, its best option 3.
    expect(summary(7)).toEqual([
      'criterion-maximum-mismatch C.6.4 4/3 l1031',
      'section-sum-mismatch C.6 16/15 l1017',
      'part-sum-mismatch C 35/34 l1016',
    ]);
    expect(summary(11)).toContain('criterion-without-options C.6.1 4/ l1621');
    expect(summary(12)).toEqual(['part-sum-mismatch C 35/32 l1770']);
    expect(summary(17)).toEqual(['option-points-invalid A.1.4 /l l2410']);
    expect(summary(18)).toEqual(['option-points-invalid A.1.2 /t l2542']);
    expect(summary(26)).toContain('part-sum-mismatch C 35/43 l3659');
    // Set 3 adds up, but four of its criteria declare no maximum: a warning, not a refusal.
    expect(qd148.sets[2]).toMatchObject({ usable: true, errors: [] });
    expect(qd148.sets[2].warnings.map((w) => w.code)).toEqual(Array(4).fill('criterion-maximum-missing'));
  });

  it('reports the empty QĐ 1048 set and the three that total 98', () => {
    expect(qd1048.unusableSets).toEqual([10, 21, 23, 24]);
    expect(qd1048.sets[9].errors.map((e) => e.code)).toEqual(['set-missing']);
    for (const setNo of [21, 23, 24]) {
      expect(qd1048.sets[setNo - 1].errors.map((e) => [e.code, e.at, e.actual])).toEqual([
        ['part-sum-mismatch', 'C', 38],
      ]);
    }
  });

  it('refuses to score with a sheet that does not add up, and scores with one that does', () => {
    expect(() => catalog.usableSet('qd148-2023', 7)).toThrow(
      expect.objectContaining({ code: 'rubric-set-unusable', status: 422 }),
    );
    expect(catalog.usableSet('qd148-2023', 1).parts.map((p) => p.maxPoints)).toEqual([40, 25, 35]);
    expect(catalog.usableSet('qd1048-2019', 3).parts.map((p) => p.maxPoints)).toEqual([35, 25, 40]);
  });
});

describe('scoring coconut candy on the real sheet of set 7', () => {
  const set7 = catalog.set('qd148-2023', 7);
  const members = [
    sheet(set7, { 'A.3.1': 1, 'B.4.3': 3, 'B.5.1': 4, 'C.9.1': 3, 'C.11.1': 1 }),
    sheet(set7, { 'A.1.4': 2, 'A.3.2': 0, 'B.4.1': 2, 'C.6.2': 1, 'C.6.5': 2 }),
    sheet(set7, { 'A.3.1': 1, 'B.4.2': 2, 'C.6.3': 2, 'C.7.1': 2, 'C.8.2': 1 }),
  ];

  it('gives each member exact part totals', () => {
    expect(members.map((m) => sheetTotals(set7, m))).toEqual([
      { parts: { A: 39, B: 23, C: 31 }, total: 93 },
      { parts: { A: 38, B: 23, C: 31 }, total: 92 },
      { parts: { A: 39, B: 24, C: 30 }, total: 93 },
    ]);
  });

  it('averages the members: 92.67, band 5★, held at 4★ by the unmet 5★ markers, which it names', () => {
    const central = councilResult(set7, members, LEVEL_RULES.central.maxStars);
    expect(central).toMatchObject({
      sheetCount: 3,
      partAverages: { A: 38.67, B: 23.33, C: 30.67 },
      average: 92.67,
      bandStars: 5,
      markerMaxStars: 4,
      stars: 4,
      cappedBy: { level: false },
    });
    expect(
      central.cappedBy.markers.map((m) => [
        m.criterionKey,
        m.requiredStars,
        m.requiredPoints,
        m.achievedPoints,
      ]),
    ).toEqual([
      ['A.1.4', 5, 3, 2.67],
      ['C.6.3', 5, 3, 2.67],
      ['C.6.5', 5, 5, 4.33],
      ['C.7.1', 5, 5, 4.33],
      ['C.9.1', 5, 5, 4.33],
    ]);
    expect(central.cappedBy.markers[0].criterionTitle).toBe('d) Liên kết chuỗi trong sản xuất');
  });

  it('never gives 5★ at the province, whatever the score', () => {
    const allBest = [sheet(set7, {}), sheet(set7, {}), sheet(set7, {})];
    const province = councilResult(set7, allBest, LEVEL_RULES.province.maxStars);
    expect(province).toMatchObject({
      average: 99,
      bandStars: 5,
      markerMaxStars: 5,
      stars: 4,
      cappedBy: { level: true, markers: [] },
    });
  });
});
