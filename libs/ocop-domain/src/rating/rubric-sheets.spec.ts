import { criteriaOf, RUBRIC_VERSIONS } from './rubric';
import { readQd1048Sheets } from './rubric-sheets';
import { readTestSheets, SheetRow } from './test-sheets';

/** A small sheet that adds up: 40 / 25 / 35, with a section that is its own criterion and markers. */
const goodSheet: SheetRow[] = [
  [0, 'Phần A SẢN PHẨM (40 Điểm)', 40],
  [1, '1. TỔ CHỨC SẢN XUẤT', 40],
  [2, 'a) Nguồn nguyên liệu', 30],
  [3, '□ Dưới 50%', 10],
  [3, '□ Từ 50% đến dưới 75%****', 20, 4],
  [3, '□ Từ 75% trở lên*****', 30, 5],
  [2, 'b) Sở hữu trí tuệ****', 10, 4],
  [3, '□ Có nhãn hiệu', 5],
  [3, '□ Có nhãn hiệu và chỉ dẫn địa lý', 10],
  [0, 'Phần B KHẢ NĂNG TIẾP THỊ', 25],
  [1, '4. TIẾP THỊ', 25],
  [3, '□ Chưa có', 0],
  [3, '□ Có kênh phân phối***', 25, 3],
  [0, 'Phần C CHẤT LƯỢNG', 35],
  [1, '6. CẢM QUAN', 35],
  [2, 'a) Vị', 35],
  [3, '□ Chấp nhận được', 0],
  [3, '□ Hấp dẫn', 35],
];

describe('reading QĐ 148 sheets', () => {
  it('builds parts, sections and criteria, keyed by position, with markers and clean texts', () => {
    const { sets, issues } = readTestSheets({ 1: goodSheet });
    const [set] = sets;
    expect(set.usable).toBe(true);
    expect(set.issues).toEqual([]);
    expect(set.parts.map((p) => [p.code, p.maxPoints])).toEqual([
      ['A', 40],
      ['B', 25],
      ['C', 35],
    ]);
    const criteria = criteriaOf(set);
    expect(criteria.map((c) => c.key)).toEqual(['A.1.1', 'A.1.2', 'B.2.1', 'C.3.1']);
    expect(criteria[0].options[1]).toEqual({
      index: 1,
      text: 'Từ 50% đến dưới 75%',
      points: 20,
      minStars: 4,
    });
    expect(criteria[1]).toMatchObject({ title: 'b) Sở hữu trí tuệ', minStars: 4, maxPoints: 10 });
    // The section with options right under it is a criterion of its own, with the section's title.
    expect(criteria[2]).toMatchObject({ title: '4. TIẾP THỊ', maxPoints: 25 });
    // Every other product set of the decision is reported missing.
    expect(issues.filter((i) => i.code === 'set-missing')).toHaveLength(25);
  });

  it('reports a criterion whose declared maximum is not its best option, and the part that then falls short', () => {
    const broken = goodSheet.map((row): SheetRow => (row[1] === '□ Hấp dẫn' ? [3, '□ Hấp dẫn', 34] : row));
    const [set] = readTestSheets({ 7: broken }).sets;
    expect(set.usable).toBe(false);
    expect(set.issues.map((i) => [i.code, i.at, i.expected, i.actual])).toEqual([
      ['criterion-maximum-mismatch', 'C.3.1', 35, 34],
      ['section-sum-mismatch', 'C.3', 35, 34],
      ['part-sum-mismatch', 'C', 35, 34],
    ]);
    expect(set.issues[0].messageVi).toContain('ghi tối đa 35 điểm nhưng phương án cao nhất được 34 điểm');
  });

  it('reports options whose points are not numbers, criteria without options and wrong part maxima', () => {
    const rows: SheetRow[] = [
      ...goodSheet.slice(0, 3),
      [3, '□ Dưới 50%', 'l'],
      ...goodSheet.slice(4, 13),
      [0, 'Phần C CHẤT LƯỢNG', 36],
      [1, '6. CẢM QUAN', 35],
      [2, 'a) Ngoại hình', 5],
      [2, 'b) Vị', 30],
      [3, '□ Hấp dẫn', 30],
    ];
    const [set] = readTestSheets({ 11: rows }).sets;
    expect(set.usable).toBe(false);
    expect(set.issues.map((i) => i.code)).toEqual(
      expect.arrayContaining(['option-points-invalid', 'criterion-without-options', 'part-maximum-declared']),
    );
  });

  it('warns, without refusing the sheet, when a criterion declares no maximum', () => {
    const rows = goodSheet.map((row): SheetRow => (row[1] === 'a) Vị' ? [2, 'a)', ''] : row));
    const [set] = readTestSheets({ 3: rows }).sets;
    expect(set.usable).toBe(true);
    expect(set.issues.map((i) => [i.severity, i.code])).toEqual([['warning', 'criterion-maximum-missing']]);
  });
});

describe('reading QĐ 1048 sheets', () => {
  const spec = RUBRIC_VERSIONS[1];
  const row = (set: number, part: string, criterion: string, points: number) =>
    `${set},"Bộ ${set}",${part},"1. Mục","${criterion}",${points},"Phương án ${points}"`;
  const header = 'product_set_id,product_set_name,part,section,criterion,option_points,option_text';

  it('takes each criterion at its best option and checks the parts against 35 / 25 / 40', () => {
    const csv = [
      header,
      row(1, 'A', '1.1', 0),
      row(1, 'A', '1.1', 35),
      row(1, 'B', '4.1', 25),
      row(1, 'C', '6.1', 40),
      row(2, 'A', '1.1', 35),
      row(2, 'B', '4.1', 25),
      row(2, 'C', '6.1', 38),
    ].join('\n');
    const rubric = readQd1048Sheets(spec, csv);
    expect(rubric.sets.map((s) => [s.setNo, s.usable])).toEqual([
      [1, true],
      [2, false],
    ]);
    expect(rubric.sets[1].issues.map((i) => [i.code, i.at, i.actual])).toEqual([
      ['part-sum-mismatch', 'C', 38],
    ]);
    expect(rubric.issues.map((i) => i.setNo)).toEqual(Array.from({ length: 24 }, (_, i) => i + 3));
  });
});
