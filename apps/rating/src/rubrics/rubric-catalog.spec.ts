import {
  Choices,
  councilResult,
  criteriaOf,
  LEVEL_RULES,
  RubricSet,
  sheetReport,
  sheetTotals,
} from '@ocop/ocop-domain';
import { bundledRubrics } from './rubric-catalog';

const [qd148, qd1048] = bundledRubrics();
const byNo = (no: number) => qd148.sets.find((s) => s.setNo === no) as RubricSet;
const summary = (set: RubricSet, severity: 'error' | 'warning') =>
  set.issues
    .filter((i) => i.severity === severity)
    .map((i) => `${i.code} ${i.at ?? ''} ${i.expected ?? ''}/${i.actual ?? ''} l${i.line}`);

/** The best option of every criterion, then the given changes: how the members' sheets below are written. */
function sheet(set: RubricSet, changes: Record<string, number>): Choices {
  const best = criteriaOf(set).map((c) => {
    const top = Math.max(...c.options.map((o) => o.points));
    return [c.key, c.options.findIndex((o) => o.points === top)];
  });
  return { ...Object.fromEntries(best), ...changes };
}

describe('the bundled QĐ 148 sheets', () => {
  it('are all 26 there and usable', () => {
    expect(qd148.issues).toEqual([]);
    expect(qd148.sets.map((s) => s.setNo)).toEqual(Array.from({ length: 26 }, (_, i) => i + 1));
    expect(qd148.sets.filter((s) => !s.usable).map((s) => [s.setNo, summary(s, 'error')])).toEqual([]);
  });

  it('score sets 17 and 18 with the reference data’s corrected points', () => {
    const option = (no: number, key: string, text: string) =>
      criteriaOf(byNo(no))
        .find((c) => c.key === key)
        ?.options.find((o) => o.text.startsWith(text))?.points;
    expect(option(17, 'A.1.4', 'Có hợp đồng liên kết sản xuất từ 50% đến dưới 75%')).toBe(1);
    expect(option(18, 'A.1.2', 'Chế biến đơn giản')).toBe(1);
  });

  it('keep the rows not verified against the annex as transcribed: sets 7, 11, 12, 13 are provisional', () => {
    expect(qd148.sets.filter((s) => s.provisional).map((s) => s.setNo)).toEqual([7, 11, 12, 13]);
    // Set 7 (coconut candy): "d) Mùi" declares 4 points, its best option gives 3; the part keeps its 35.
    expect(summary(byNo(7), 'warning')).toEqual(['criterion-maximum-unverified C.6.4 4/3 l1031']);
    expect(byNo(7).unverified).toEqual([
      { line: 1031, at: 'C.6.4', reason: expect.stringContaining('4 điểm') },
    ]);
    // Sets 11, 12, 13: the sensory section as transcribed leaves part C 3 (2) points short of 35.
    expect([11, 12, 13].map((no) => sheetReport(byNo(no)).totals[0].parts.C)).toEqual([
      { maximum: 35, reached: 32 },
      { maximum: 35, reached: 32 },
      { maximum: 35, reached: 33 },
    ]);
    expect([11, 12, 13].map((no) => summary(byNo(no), 'warning'))).toEqual([
      ['part-sum-unverified C 35/32 l1619'],
      ['part-sum-unverified C 35/32 l1770'],
      ['part-sum-unverified C 35/33 l1919'],
    ]);
  });

  it('read set 11’s "a) Ngoại hình" and "b) Nước pha" as sub-headings, not criteria', () => {
    expect(byNo(11).parts[2].sections[0].headings).toEqual([
      { title: 'a) Ngoại hình', maxPoints: 4 },
      { title: 'b) Nước pha', maxPoints: 9 },
    ]);
    expect(
      criteriaOf(byNo(11))
        .filter((c) => c.key.startsWith('C.6.'))
        .map((c) => c.title),
    ).toEqual(['Tạp chất', 'Hình dạng, màu sắc cánh chè', 'Màu nước', 'Mùi nước', 'Vị nước']);
  });

  it('offer set 26’s two cases (a tourist community, a tourist site), each adding up to 100 on its own', () => {
    const set26 = byNo(26);
    expect(set26.cases).toEqual([
      { code: '1', title: 'Cộng đồng dịch vụ du lịch' },
      { code: '2', title: 'Điểm dịch vụ du lịch' },
    ]);
    expect(
      criteriaOf(set26)
        .filter((c) => c.case)
        .map((c) => `${c.key}:${c.case}`),
    ).toEqual(['C.8.1:1', 'C.8.2:2', 'C.9.1:1', 'C.9.2:2', 'C.15.1:1', 'C.15.2:2']);
    expect(sheetReport(set26).totals.map((t) => [t.case, t.total])).toEqual([
      ['1', 100],
      ['2', 100],
    ]);
  });

  it('warn, without refusing, where set 3’s criteria declare no maximum', () => {
    expect(byNo(3)).toMatchObject({ usable: true, provisional: false });
    expect(byNo(3).issues.map((w) => w.code)).toEqual(Array(4).fill('criterion-maximum-missing'));
  });
});

describe('the bundled QĐ 1048 sheets', () => {
  it('report the empty set and the three that total 98, each with the exact reason', () => {
    expect(qd1048.issues.map((i) => [i.code, i.setCode])).toEqual([['set-missing', 'gao-ngu-coc']]);
    expect(qd1048.sets.filter((s) => !s.usable).map((s) => [s.setCode, summary(s, 'error')])).toEqual([
      ['thuc-pham-chuc-nang-thuoc-duoc-lieu', ['part-sum-mismatch C 40/38 l2126']],
      ['tuong-nuoc-mam-gia-vi-long', ['part-sum-mismatch C 40/38 l2327']],
      ['do-uong-co-con-khac', ['part-sum-mismatch C 40/38 l2440']],
    ]);
    expect(qd1048.sets.filter((s) => s.usable)).toHaveLength(22);
    expect(
      qd1048.sets.find((s) => s.setCode === 'che-bien-rau-cu-qua-hat')?.parts.map((p) => p.maxPoints),
    ).toEqual([35, 25, 40]);
  });
});

describe('scoring coconut candy on the real sheet of set 7', () => {
  const set7 = byNo(7);
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
