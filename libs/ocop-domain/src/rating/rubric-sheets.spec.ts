import { QD1048_SETS } from '../ocop/decision-sets';
import { parseCsvRows } from './csv';
import { criteriaOf, RUBRIC_VERSIONS } from './rubric';
import { sheetReport } from './rubric-report';
import { readSheetsCsv } from './rubric-sheets';
import { checkChoices, councilResult, scoredCriteria, sheetTotals } from './scoring';
import { qd148Csv, qd148Spec, readTestSheets, SheetRow } from './test-sheets';

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

describe('reading QĐ 1048 sheets (flat format, sets by name)', () => {
  const spec = RUBRIC_VERSIONS[1];
  const name = (i: number) => QD1048_SETS[i].nameVi;
  const row = (set: number, part: string, criterion: string, points: number) =>
    `${set},"${name(set)}",${part},"1. Mục","${criterion}",${points},"Phương án ${points}"`;
  const header = 'product_set_id,product_set_name,part,section,criterion,option_points,option_text';

  it('takes each criterion at its best option and checks the parts against 35 / 25 / 40', () => {
    const csv = [
      header,
      row(2, 'A', '1.1', 0),
      row(2, 'A', '1.1', 35),
      row(2, 'B', '4.1', 25),
      row(2, 'C', '6.1', 40),
      row(6, 'A', '1.1', 35),
      row(6, 'B', '4.1', 25),
      row(6, 'C', '6.1', 38),
    ].join('\n');
    const rubric = readSheetsCsv(spec, csv);
    // Sets are known by name: the transcription's ids (here 2 and 6) mean nothing to the decision.
    expect(rubric.sets.map((s) => [s.setCode, s.setNo, s.usable])).toEqual([
      ['che-bien-rau-cu-qua-hat', undefined, true],
      ['san-pham-khac-tu-che-tra', undefined, false],
    ]);
    expect(rubric.sets[1].issues.map((i) => [i.code, i.at, i.actual])).toEqual([
      ['part-sum-mismatch', 'C', 38],
    ]);
    expect(rubric.issues.filter((i) => i.code === 'set-missing')).toHaveLength(24);
  });
});

describe('set identity in an imported file', () => {
  it('refuses a set the decision does not have, and warns when a number and its name disagree', () => {
    const csv = qd148Csv({ 1: goodSheet }).replace(/^1,"[^"]+"/gm, '1,"Bánh kẹo các loại"');
    const rubric = readSheetsCsv(qd148Spec, csv);
    expect(rubric.sets.map((s) => s.setCode)).toEqual(['rau-cu-qua-hat-tuoi']);
    expect(rubric.issues.find((i) => i.code === 'set-name-differs')).toMatchObject({
      severity: 'warning',
      expected: 'Rau, củ, quả, hạt tươi',
      actual: 'Bánh kẹo các loại',
    });
    const unknown = readSheetsCsv(qd148Spec, qd148Csv({ 27: goodSheet }));
    expect(unknown.sets).toEqual([]);
    expect(unknown.issues[0]).toMatchObject({ severity: 'error', code: 'set-unknown', line: 2 });
  });

  it('names a set by its code when the file has a set_code column', () => {
    const rows = parseCsvRows(qd148Csv({ 7: goodSheet }));
    rows[0].fields.push('set_code');
    for (const row of rows.slice(1)) row.fields.push('tra-tu-thuc-vat-khac');
    expect(readTestSheetsFromRows(rows).sets.map((s) => [s.setCode, s.setNo])).toEqual([
      ['tra-tu-thuc-vat-khac', 12],
    ]);
  });
});

function readTestSheetsFromRows(rows: ReturnType<typeof parseCsvRows>) {
  return readSheetsCsv(qd148Spec, rows.map((r) => r.fields.map((f) => `"${f}"`).join(',')).join('\n'));
}

/** Part C of the good sheet with the sensory section as set 11 writes it: sub-headings over dashed criteria. */
const headedPartC = (heading: number): SheetRow[] => [
  [0, 'Phần C CHẤT LƯỢNG', 35],
  [1, '6. CHỈ TIÊU CẢM QUAN', 35],
  [2, 'a) Ngoại hình', heading],
  [2, '- Tạp chất', 15],
  [3, '□ Có tạp chất', 0],
  [3, '□ Sạch', 15],
  [2, '- Hình dạng', 5],
  [3, '□ Đồng đều', 5],
  [2, 'b) Nước pha', 15],
  [2, '- Màu nước', 15],
  [3, '□ Trong', 15],
];

describe('sub-headings', () => {
  it('groups the dashed criteria under their heading, which is no criterion itself', () => {
    const [set] = readTestSheets({ 11: [...goodSheet.slice(0, 13), ...headedPartC(20)] }).sets;
    expect(set.usable).toBe(true);
    expect(set.parts[2].sections[0].headings).toEqual([
      { title: 'a) Ngoại hình', maxPoints: 20 },
      { title: 'b) Nước pha', maxPoints: 15 },
    ]);
    expect(
      criteriaOf(set)
        .filter((c) => c.key.startsWith('C'))
        .map((c) => [c.key, c.heading, c.title]),
    ).toEqual([
      ['C.3.1', 'a) Ngoại hình', 'Tạp chất'],
      ['C.3.2', 'a) Ngoại hình', 'Hình dạng'],
      ['C.3.3', 'b) Nước pha', 'Màu nước'],
    ]);
  });

  it('checks a heading’s declared points against its criteria', () => {
    const [set] = readTestSheets({ 11: [...goodSheet.slice(0, 13), ...headedPartC(21)] }).sets;
    expect(set.usable).toBe(false);
    expect(set.issues.map((i) => [i.code, i.expected, i.actual])).toEqual([['heading-sum-mismatch', 21, 20]]);
  });
});

/** Part C with two alternative cases in one section, as set 26 writes them. */
const casesPartC = (case2: number): SheetRow[] => [
  [0, 'Phần C CHẤT LƯỢNG', 35],
  [1, '6. VỊ TRÍ', 25],
  [3, '□ Thuận lợi', 25],
  [1, '8. ĐIỀU KIỆN KINH DOANH', 10],
  [2, 'a. Trường hợp 1: Cộng đồng dịch vụ du lịch', 10],
  [3, '□ Dưới 50%', 2],
  [3, '□ Trên 75%', 10],
  [2, 'b. Trường hợp 2: Điểm dịch vụ du lịch', 10],
  [3, '□ Có đăng ký', 4],
  [3, '□ Đạt chuẩn', case2],
];

describe('alternatives ("Trường hợp 1 / 2")', () => {
  const [set] = readTestSheets({ 26: [...goodSheet.slice(0, 13), ...casesPartC(10)] }).sets;

  it('reads the cases and checks each on its own against the decision’s maxima, never their sum', () => {
    expect(set.usable).toBe(true);
    expect(set.cases).toEqual([
      { code: '1', title: 'Cộng đồng dịch vụ du lịch' },
      { code: '2', title: 'Điểm dịch vụ du lịch' },
    ]);
    expect(sheetReport(set).totals.map((t) => [t.case, t.parts.C.reached, t.total])).toEqual([
      ['1', 35, 100],
      ['2', 35, 100],
    ]);
    const short = readTestSheets({ 26: [...goodSheet.slice(0, 13), ...casesPartC(9)] }).sets[0];
    expect(short.usable).toBe(false);
    expect(short.issues.map((i) => [i.code, i.case, i.actual])).toEqual([
      ['criterion-maximum-mismatch', undefined, 9],
      ['section-sum-mismatch', '2', 9],
      ['part-sum-mismatch', '2', 34],
    ]);
  });

  it('scores only the dossier’s case: the other case’s criteria are refused and not required', () => {
    expect(scoredCriteria(set, '2').map((c) => c.key)).toEqual(['A.1.1', 'A.1.2', 'B.2.1', 'C.3.1', 'C.4.2']);
    expect(() => scoredCriteria(set, undefined)).toThrow(RangeError);
    expect(checkChoices(set, { 'C.4.1': 1 }, false, '2')).toEqual([{ key: 'C.4.1', code: 'other-case' }]);
    const best = { 'A.1.1': 2, 'A.1.2': 1, 'B.2.1': 1, 'C.3.1': 0, 'C.4.2': 1 };
    expect(checkChoices(set, best, true, '2')).toEqual([]);
    expect(sheetTotals(set, best, '2')).toEqual({ parts: { A: 40, B: 25, C: 35 }, total: 100 });
    expect(councilResult(set, [best, best, best], 5, '2').average).toBe(100);
  });

  it('refuses a case a section does not offer', () => {
    const rows: SheetRow[] = [
      ...goodSheet.slice(0, 13),
      ...casesPartC(10),
      [1, '9. AN NINH', 0],
      [2, 'a. Trường hợp 1: Cộng đồng dịch vụ du lịch', 0],
      [3, '□ Có', 0],
    ];
    const [broken] = readTestSheets({ 26: rows }).sets;
    expect(broken.issues.map((i) => [i.code, i.actual])).toEqual([['case-missing', '2']]);
  });
});

describe('rows not yet verified against the annex', () => {
  const mark = 'not verified against the annex';
  const shortCriterion = (unverified?: string): SheetRow[] =>
    goodSheet.map((row): SheetRow => {
      if (row[1] === 'a) Vị') return [2, 'a) Vị', 35, undefined, unverified];
      if (row[1] === '□ Hấp dẫn') return [3, '□ Hấp dẫn', 34];
      return row;
    });

  it('keep a criterion short of its declared maximum usable but provisional: the missing point cannot be scored', () => {
    const [set] = readTestSheets({ 7: shortCriterion(mark) }).sets;
    expect(set).toMatchObject({
      usable: true,
      provisional: true,
      unverified: [{ at: 'C.3.1', reason: mark }],
    });
    expect(set.issues.map((i) => [i.severity, i.code, i.expected, i.actual])).toEqual([
      ['warning', 'criterion-maximum-unverified', 35, 34],
    ]);
    expect(criteriaOf(set)[3]).toMatchObject({ maxPoints: 35, reachablePoints: 34 });
    expect(set.parts[2]).toMatchObject({ maxPoints: 35, reachablePoints: 34 });
  });

  it('are errors without the mark, and a mark never excuses points above the maximum', () => {
    expect(readTestSheets({ 7: shortCriterion() }).sets[0].usable).toBe(false);
    const over = goodSheet.map(
      (row): SheetRow => (row[1] === 'a) Vị' ? [2, 'a) Vị', 34, undefined, mark] : row),
    );
    const [set] = readTestSheets({ 7: over }).sets;
    expect(set.usable).toBe(false);
    expect(set.issues[0]).toMatchObject({ code: 'criterion-maximum-mismatch', expected: 34, actual: 35 });
  });

  it('excuse a part’s shortfall only when the part or one of its sections is marked', () => {
    const partC = (unverified?: string): SheetRow[] => [
      [0, 'Phần C CHẤT LƯỢNG', 35],
      [1, '6. CẢM QUAN', 32, undefined, unverified],
      [2, 'a) Vị', 32],
      [3, '□ Chấp nhận được', 0],
      [3, '□ Hấp dẫn', 32],
    ];
    const [marked] = readTestSheets({ 11: [...goodSheet.slice(0, 13), ...partC(mark)] }).sets;
    expect(marked).toMatchObject({ usable: true, provisional: true });
    expect(marked.issues.map((i) => [i.code, i.expected, i.actual])).toEqual([
      ['part-sum-unverified', 35, 32],
    ]);
    const [unmarked] = readTestSheets({ 11: [...goodSheet.slice(0, 13), ...partC()] }).sets;
    expect(unmarked.issues.map((i) => [i.severity, i.code])).toEqual([['error', 'part-sum-mismatch']]);
  });
});
