import { DecisionSet, decisionSet, decisionSetByName, decisionSetByNo } from '../ocop/decision-sets';
import type { CertifiedStars } from '../ocop/stars';
import { foldVietnamese } from '../text/vietnamese-fold';
import { CsvRecord, CsvRow, CsvSyntaxError, parseCsvRows, recordsFromRows } from './csv';
import {
  PART_CODES,
  PartCode,
  Rubric,
  RubricCase,
  RubricCriterion,
  RubricIssue,
  RubricPart,
  RubricSection,
  RubricSet,
  RubricVersionSpec,
  UnverifiedRow,
} from './rubric';

/**
 * Reads scoring sheets and checks them. Transcriptions and imports are not trusted: every declared maximum is
 * compared with what the options actually give, and a sheet that does not add up is kept (for the report) but
 * marked unusable rather than silently scored.
 *
 * Beyond criteria and options, a sheet may have:
 *  - sub-headings: a criterion row without options followed by rows starting with a dash ("a) Ngoại hình",
 *    "- Tạp chất", "- Hình dạng"); the heading groups them and its declared points must be their sum;
 *  - alternatives: criteria titled "Trường hợp N: …" (set 26: a tourist community or a tourist site). One case is
 *    scored per dossier, so each case on its own must reach the decision's part maxima;
 *  - rows marked `unverified` (a column with the reason): kept as transcribed while the annex is checked. Such a
 *    row may fall short of its declared maximum (never exceed it): the declared maximum stands, the missing points
 *    cannot be scored, and the sheet is usable but provisional. Without the mark a shortfall is an error.
 */

interface DraftOption {
  text: string;
  /** null: the cell is not a number. */
  points: number | null;
  rawPoints: string;
  minStars?: number;
  line: number;
}

interface DraftCriterion {
  title: string;
  description?: string;
  /** undefined: the sheet declares none; null: not a number. */
  declared?: number | null;
  minStars?: number;
  options: DraftOption[];
  line: number;
  unverified?: string;
}

interface DraftSection {
  title: string;
  description?: string;
  declared?: number | null;
  criteria: DraftCriterion[];
  /** Options found directly under the section: the section is then its own criterion. */
  direct?: DraftCriterion;
  line: number;
  unverified?: string;
}

interface DraftPart {
  code: PartCode | undefined;
  title: string;
  declared?: number | null;
  sections: DraftSection[];
  line: number;
  unverified?: string;
}

const MARKERS = /\s*\*{3,5}\s*/g;
const TICK_BOX = /^[□☐]\s*/;
const DASH_ITEM = /^[-–+]\s*/;
const CASE_TITLE = /^(?:[a-zđ][.)]\s*)?Trường hợp\s+(\d+)\s*[:.\-–]?\s*(.*)$/i;

/** "□ Sạch, không phát hiện tạp chất****" → "Sạch, không phát hiện tạp chất". */
function cleanText(text: string): string {
  return text.replace(TICK_BOX, '').replace(MARKERS, ' ').replace(/\s+/g, ' ').trim();
}

function parsePoints(raw: string): number | null | undefined {
  const value = raw.trim();
  if (value === '') return undefined;
  return /^\d+(\.\d+)?$/.test(value) ? Number(value) : null;
}

function parseMarker(raw: string | undefined): number | undefined {
  const value = (raw ?? '').trim();
  return value === '' ? undefined : Number(value);
}

const isCertifiedStars = (value: number | undefined): value is CertifiedStars =>
  value === 3 || value === 4 || value === 5;

class IssueLog {
  readonly issues: RubricIssue[] = [];
  readonly unverified: UnverifiedRow[] = [];
  constructor(private readonly setCode: string) {}

  add(issue: Omit<RubricIssue, 'setCode'>): void {
    this.issues.push({ setCode: this.setCode, ...issue });
  }
}

function finishCriterion(
  draft: DraftCriterion,
  key: string,
  log: IssueLog,
  declaresMaxima: boolean,
  extra: { heading?: string; case?: RubricCase },
): RubricCriterion {
  for (const option of draft.options) {
    if (option.points === null) {
      log.add({
        severity: 'error',
        code: 'option-points-invalid',
        line: option.line,
        at: key,
        actual: option.rawPoints,
        messageVi: `Điểm của phương án "${cleanText(option.text)}" không phải là số: "${option.rawPoints}"`,
        messageEn: `Points of option "${cleanText(option.text)}" are not a number: "${option.rawPoints}"`,
      });
    }
    if (option.minStars !== undefined && !isCertifiedStars(option.minStars)) {
      log.add({
        severity: 'error',
        code: 'marker-invalid',
        line: option.line,
        at: key,
        actual: option.minStars,
        messageVi: `Dấu sao tối thiểu phải là 3, 4 hoặc 5`,
        messageEn: `A minimum-star marker must be 3, 4 or 5`,
      });
    }
  }
  const options = draft.options.map((o, index) => ({
    index,
    text: cleanText(o.text),
    points: o.points ?? 0,
    ...(isCertifiedStars(o.minStars) ? { minStars: o.minStars } : {}),
  }));
  const best = options.length ? Math.max(...options.map((o) => o.points)) : 0;
  // Under a sub-heading the dash is layout, not part of the criterion's name.
  const title = cleanText(extra.heading ? draft.title.replace(DASH_ITEM, '') : draft.title);
  let maxPoints = best;
  if (draft.unverified) log.unverified.push({ line: draft.line, at: key, reason: draft.unverified });
  if (!options.length) {
    log.add({
      severity: 'error',
      code: 'criterion-without-options',
      line: draft.line,
      at: key,
      expected: draft.declared ?? undefined,
      messageVi: `Tiêu chí "${title}" không có phương án trả lời nào`,
      messageEn: `Criterion "${title}" has no answer options`,
    });
  } else if (draft.declared === undefined && declaresMaxima) {
    log.add({
      severity: 'warning',
      code: 'criterion-maximum-missing',
      line: draft.line,
      at: key,
      actual: best,
      messageVi: `Tiêu chí "${title}" không ghi điểm tối đa; dùng điểm của phương án cao nhất (${best})`,
      messageEn: `Criterion "${title}" declares no maximum; its best option (${best}) is used`,
    });
  } else if (typeof draft.declared === 'number' && draft.declared > best && draft.unverified) {
    maxPoints = draft.declared;
    log.add({
      severity: 'warning',
      code: 'criterion-maximum-unverified',
      line: draft.line,
      at: key,
      expected: draft.declared,
      actual: best,
      messageVi: `Tiêu chí "${title}" ghi tối đa ${draft.declared} điểm, phương án cao nhất được ${best}; dòng chưa được đối chiếu với phụ lục của quyết định (${draft.unverified}), ${draft.declared - best} điểm chưa chấm được`,
      messageEn: `Criterion "${title}" declares ${draft.declared} points, its best option gives ${best}; the row is not yet verified against the decision's annex (${draft.unverified}), so ${draft.declared - best} point(s) cannot be scored`,
    });
  } else if (draft.declared !== undefined && draft.declared !== best) {
    log.add({
      severity: 'error',
      code: 'criterion-maximum-mismatch',
      line: draft.line,
      at: key,
      expected: draft.declared ?? 'NaN',
      actual: best,
      messageVi: `Tiêu chí "${title}" ghi tối đa ${draft.declared} điểm nhưng phương án cao nhất được ${best} điểm`,
      messageEn: `Criterion "${title}" declares ${draft.declared} points but its best option gives ${best}`,
    });
  }
  return {
    key,
    title,
    ...(draft.description ? { description: draft.description } : {}),
    ...(extra.heading ? { heading: extra.heading } : {}),
    ...(extra.case ? { case: extra.case.code } : {}),
    maxPoints,
    ...(maxPoints !== best ? { reachablePoints: best } : {}),
    options,
    ...(isCertifiedStars(draft.minStars) ? { minStars: draft.minStars } : {}),
    line: draft.line,
  };
}

interface Grouped {
  draft: DraftCriterion;
  heading?: DraftCriterion;
}

/** Sub-headings out of the criteria: a row without options whose next rows start with a dash. */
function groupHeadings(criteria: DraftCriterion[]): { items: Grouped[]; headings: DraftCriterion[] } {
  const items: Grouped[] = [];
  const headings: DraftCriterion[] = [];
  let heading: DraftCriterion | undefined;
  criteria.forEach((draft, i) => {
    const next = criteria[i + 1];
    if (!draft.options.length && next && DASH_ITEM.test(next.title)) {
      heading = draft;
      headings.push(draft);
    } else if (heading && DASH_ITEM.test(draft.title)) {
      items.push({ draft, heading });
    } else {
      heading = undefined;
      items.push({ draft });
    }
  });
  return { items, headings };
}

function caseOf(title: string): RubricCase | undefined {
  const match = CASE_TITLE.exec(cleanText(title));
  return match ? { code: match[1], title: match[2].trim() } : undefined;
}

const sumOf = (criteria: RubricCriterion[]) => criteria.reduce((total, c) => total + c.maxPoints, 0);
const reachableOf = (criteria: RubricCriterion[]) =>
  criteria.reduce((total, c) => total + (c.reachablePoints ?? c.maxPoints), 0);

/** The scopes a sum is checked in: every case on its own, or the whole sheet when it has none. */
const scopesOf = (cases: RubricCase[]): (string | undefined)[] =>
  cases.length ? cases.map((c) => c.code) : [undefined];
const inScope = (c: RubricCriterion, scope: string | undefined) =>
  scope === undefined || c.case === undefined || c.case === scope;
const caseLabel = (scope: string | undefined) =>
  scope === undefined ? { vi: '', en: '' } : { vi: ` (trường hợp ${scope})`, en: ` (case ${scope})` };

function finishSet(
  spec: RubricVersionSpec,
  set: DecisionSet,
  name: string,
  drafts: DraftPart[],
  declaresMaxima: boolean,
): RubricSet {
  const log = new IssueLog(set.code);
  const cases = new Map<string, RubricCase>();
  type DraftSectionView = RubricSection & { unverified?: string; declared?: number | null };
  const parts: (Omit<RubricPart, 'sections'> & {
    sections: DraftSectionView[];
    unverified?: string;
    line: number;
    declared?: number | null;
  })[] = [];
  let sectionNo = 0;
  for (const draft of drafts) {
    if (!draft.code || parts.some((p) => p.code === draft.code)) {
      log.add({
        severity: 'error',
        code: 'part-unknown',
        line: draft.line,
        actual: draft.title,
        messageVi: `Không nhận ra phần "${draft.title}" (cần đúng một Phần A, B và C)`,
        messageEn: `Part "${draft.title}" is not recognised (exactly one Part A, B and C is needed)`,
      });
      continue;
    }
    const code = draft.code;
    if (draft.unverified) log.unverified.push({ line: draft.line, at: code, reason: draft.unverified });
    const sections: DraftSectionView[] = [];
    for (const section of draft.sections) {
      sectionNo += 1;
      const at = `${code}.${sectionNo}`;
      if (section.unverified) log.unverified.push({ line: section.line, at, reason: section.unverified });
      if (section.direct && section.criteria.length) {
        log.add({
          severity: 'error',
          code: 'section-mixed',
          line: section.line,
          at,
          messageVi: `Mục "${cleanText(section.title)}" vừa có phương án trực tiếp vừa có tiêu chí con`,
          messageEn: `Section "${cleanText(section.title)}" has both options of its own and criteria`,
        });
      }
      // A section with options right under it is itself the criterion: its declared points are the criterion's.
      const drafted = section.direct
        ? [
            { ...section.direct, declared: section.declared, unverified: section.unverified },
            ...section.criteria,
          ]
        : section.criteria;
      const { items, headings } = groupHeadings(drafted);
      const criteria = items.map(({ draft: c, heading }, i) => {
        const alternative = caseOf(c.title);
        if (alternative && !cases.has(alternative.code)) cases.set(alternative.code, alternative);
        return finishCriterion(c, `${at}.${i + 1}`, log, declaresMaxima, {
          heading: heading && cleanText(heading.title),
          case: alternative,
        });
      });
      const headingViews = headings.map((heading) => {
        const title = cleanText(heading.title);
        const sum = sumOf(criteria.filter((c) => c.heading === title));
        if (heading.declared !== undefined && heading.declared !== sum) {
          log.add({
            severity: 'error',
            code: 'heading-sum-mismatch',
            line: heading.line,
            at,
            expected: heading.declared ?? 'NaN',
            actual: sum,
            messageVi: `Nhóm "${title}" ghi ${heading.declared} điểm nhưng các tiêu chí trong nhóm cộng lại được ${sum}`,
            messageEn: `Heading "${title}" declares ${heading.declared} points but its criteria add up to ${sum}`,
          });
        }
        return { title, maxPoints: sum };
      });
      const alternatives = criteria.filter((c) => c.case !== undefined);
      if (alternatives.length && alternatives.length !== criteria.length) {
        log.add({
          severity: 'error',
          code: 'case-mixed',
          line: section.line,
          at,
          messageVi: `Mục "${cleanText(section.title)}" vừa có tiêu chí theo trường hợp vừa có tiêu chí chung`,
          messageEn: `Section "${cleanText(section.title)}" mixes criteria of alternative cases with common ones`,
        });
      }
      const sectionCases = [...new Set(alternatives.map((c) => c.case as string))];
      let maxPoints = sumOf(criteria.filter((c) => inScope(c, sectionCases[0])));
      if (!section.direct && section.declared !== undefined) {
        for (const scope of sectionCases.length ? sectionCases : [undefined]) {
          const sum = sumOf(criteria.filter((c) => inScope(c, scope)));
          if (sum === section.declared) continue;
          const label = caseLabel(scope);
          if (typeof section.declared === 'number' && sum < section.declared && section.unverified) {
            maxPoints = section.declared;
            log.add({
              severity: 'warning',
              code: 'section-sum-unverified',
              line: section.line,
              at,
              ...(scope ? { case: scope } : {}),
              expected: section.declared,
              actual: sum,
              messageVi: `Mục "${cleanText(section.title)}"${label.vi} ghi ${section.declared} điểm, các tiêu chí được ${sum}; chưa đối chiếu với phụ lục (${section.unverified})`,
              messageEn: `Section "${cleanText(section.title)}"${label.en} declares ${section.declared} points, its criteria give ${sum}; not yet verified against the annex (${section.unverified})`,
            });
            continue;
          }
          log.add({
            severity: 'error',
            code: 'section-sum-mismatch',
            line: section.line,
            at,
            ...(scope ? { case: scope } : {}),
            expected: section.declared ?? 'NaN',
            actual: sum,
            messageVi: `Mục "${cleanText(section.title)}"${label.vi} ghi ${section.declared} điểm nhưng các tiêu chí cộng lại được ${sum}`,
            messageEn: `Section "${cleanText(section.title)}"${label.en} declares ${section.declared} points but its criteria add up to ${sum}`,
          });
        }
      }
      sections.push({
        title: cleanText(section.title),
        ...(section.description ? { description: section.description } : {}),
        maxPoints,
        ...(headingViews.length ? { headings: headingViews } : {}),
        criteria,
        line: section.line,
        unverified: section.unverified,
        declared: section.declared,
      });
    }
    parts.push({
      code,
      title: cleanText(draft.title),
      maxPoints: 0,
      sections,
      line: draft.line,
      unverified: draft.unverified,
      declared: draft.declared,
    });
  }

  const sheetCases = [...cases.values()].sort((a, b) => a.code.localeCompare(b.code));
  for (const part of parts) {
    const expected = spec.partMaxima[part.code];
    part.maxPoints = expected;
    if (part.declared !== undefined && part.declared !== expected) {
      log.add({
        severity: 'error',
        code: 'part-maximum-declared',
        line: part.line,
        at: part.code,
        expected,
        actual: part.declared ?? 'NaN',
        messageVi: `Phần ${part.code} ghi tối đa ${part.declared} điểm, quyết định quy định ${expected}`,
        messageEn: `Part ${part.code} declares ${part.declared} points; the decision sets ${expected}`,
      });
    }
    const criteria = part.sections.flatMap((s) => s.criteria);
    // A shortfall of the part is excused only by a mark on the part or on one of its sections: the rows whose
    // declared points are still to be checked.
    const excuse = part.unverified ?? part.sections.find((s) => s.unverified)?.unverified;
    for (const scope of scopesOf(sheetCases)) {
      const inCase = criteria.filter((c) => inScope(c, scope));
      const sections = part.sections.map((s) => {
        const own = s.criteria.filter((c) => inScope(c, scope));
        // An unverified section keeps its declared points (its shortfall was reported above).
        return s.unverified && typeof s.declared === 'number' && sumOf(own) < s.declared
          ? s.declared
          : sumOf(own);
      });
      const declaredSum = sections.reduce((total, points) => total + points, 0);
      const reachable = reachableOf(inCase);
      if (reachable < expected) part.reachablePoints = Math.min(part.reachablePoints ?? expected, reachable);
      // Shortfalls of single rows were reported (as unverified) where they are.
      if (declaredSum === expected) continue;
      const label = caseLabel(scope);
      if (declaredSum < expected && excuse) {
        log.add({
          severity: 'warning',
          code: 'part-sum-unverified',
          line: part.line,
          at: part.code,
          ...(scope ? { case: scope } : {}),
          expected,
          actual: declaredSum,
          messageVi: `Phần ${part.code}${label.vi}: các tiêu chí cộng lại được ${declaredSum} điểm, quyết định quy định ${expected}; phiếu dùng tạm cho đến khi đối chiếu xong (${excuse}), ${expected - declaredSum} điểm chưa chấm được`,
          messageEn: `Part ${part.code}${label.en}: the criteria add up to ${declaredSum} points, the decision sets ${expected}; the sheet is provisional until checked (${excuse}), ${expected - declaredSum} point(s) cannot be scored`,
        });
        continue;
      }
      log.add({
        severity: 'error',
        code: 'part-sum-mismatch',
        line: part.line,
        at: part.code,
        ...(scope ? { case: scope } : {}),
        expected,
        actual: declaredSum,
        messageVi: `Phần ${part.code}${label.vi}: các tiêu chí cộng lại được ${declaredSum} điểm, phải là ${expected}`,
        messageEn: `Part ${part.code}${label.en}: the criteria add up to ${declaredSum} points; it must be ${expected}`,
      });
    }
    for (const section of part.sections) {
      const present = new Set(section.criteria.map((c) => c.case).filter((c) => c !== undefined));
      if (!present.size) continue;
      const missing = sheetCases.filter((c) => !present.has(c.code));
      if (missing.length) {
        log.add({
          severity: 'error',
          code: 'case-missing',
          line: section.line,
          at: section.criteria[0]?.key.split('.').slice(0, 2).join('.'),
          actual: missing.map((c) => c.code).join(', '),
          messageVi: `Mục "${section.title}" thiếu trường hợp ${missing.map((c) => c.code).join(', ')}`,
          messageEn: `Section "${section.title}" lacks case(s) ${missing.map((c) => c.code).join(', ')}`,
        });
      }
    }
  }
  if (sheetCases.length === 1) {
    log.add({
      severity: 'error',
      code: 'case-alone',
      actual: sheetCases[0].code,
      messageVi: `Phiếu chỉ có một trường hợp (${sheetCases[0].code}): trường hợp là để chọn giữa nhiều phương án`,
      messageEn: `The sheet offers a single case (${sheetCases[0].code}): cases are alternatives to choose between`,
    });
  }
  const missing = PART_CODES.filter((code) => !parts.some((p) => p.code === code));
  if (missing.length) {
    log.add({
      severity: 'error',
      code: 'parts-missing',
      actual: missing.join(', '),
      messageVi: `Thiếu phần: ${missing.join(', ')}`,
      messageEn: `Missing part(s): ${missing.join(', ')}`,
    });
  }
  parts.sort((a, b) => a.code.localeCompare(b.code));
  const usable = !log.issues.some((i) => i.severity === 'error');
  return {
    version: spec.id,
    setCode: set.code,
    ...(set.no !== undefined ? { setNo: set.no } : {}),
    name,
    parts: parts.map(({ code, title, maxPoints, reachablePoints, sections }) => ({
      code,
      title,
      maxPoints,
      ...(reachablePoints !== undefined ? { reachablePoints } : {}),
      sections: sections.map(({ unverified: _u, declared: _d, ...section }) => section),
    })),
    cases: sheetCases,
    issues: log.issues,
    usable,
    provisional: usable && log.unverified.length > 0,
    unverified: log.unverified,
  };
}

function missingSetIssues(spec: RubricVersionSpec, sets: RubricSet[]): RubricIssue[] {
  return spec.sets
    .filter((s) => !sets.some((x) => x.setCode === s.code))
    .map((s) => ({
      severity: 'error' as const,
      code: 'set-missing',
      setCode: s.code,
      messageVi: `Bộ sản phẩm "${s.nameVi}" không có phiếu đánh giá trong dữ liệu`,
      messageEn: `Product set "${s.nameVi}" has no scoring sheet in the data`,
    }));
}

interface SetRows {
  set: DecisionSet | undefined;
  label: string;
  name: string;
  rows: CsvRecord[];
}

/**
 * Rows grouped by the set they name: a `set_code` column if the file has one, else the decision's own number
 * (QĐ 148), else the set's name. A sheet naming no set of the decision is reported, not guessed.
 */
function groupBySet(
  spec: RubricVersionSpec,
  records: CsvRecord[],
  columns: { no?: string; name: string },
): { groups: SetRows[]; issues: RubricIssue[] } {
  const groups = new Map<string, SetRows>();
  const issues: RubricIssue[] = [];
  for (const record of records) {
    const code = record.values['set_code'] ?? '';
    const no = columns.no ? (record.values[columns.no] ?? '') : '';
    const name = record.values[columns.name] ?? '';
    const key = code || no || foldVietnamese(name);
    let group = groups.get(key);
    if (!group) {
      const set = code
        ? decisionSet(spec.id, code)
        : no && spec.sets.some((s) => s.no !== undefined)
          ? decisionSetByNo(spec.id, Number(no))
          : decisionSetByName(spec.id, name);
      group = { set, label: code || (no ? `${no}. ${name}` : name), name, rows: [] };
      groups.set(key, group);
      if (!set) {
        issues.push({
          severity: 'error',
          code: 'set-unknown',
          line: record.line,
          actual: group.label,
          messageVi: `"${group.label}" không phải là bộ sản phẩm nào của ${spec.legalBasis}`,
          messageEn: `"${group.label}" is not a product set of ${spec.legalBasis}`,
        });
      } else if (name && foldVietnamese(name) !== foldVietnamese(set.nameVi)) {
        issues.push({
          severity: 'warning',
          code: 'set-name-differs',
          setCode: set.code,
          line: record.line,
          expected: set.nameVi,
          actual: name,
          messageVi: `Tên bộ "${name}" khác tên trong quyết định: "${set.nameVi}"`,
          messageEn: `Set name "${name}" differs from the decision's: "${set.nameVi}"`,
        });
      }
    }
    group.rows.push(record);
  }
  const seen = new Map<string, SetRows>();
  for (const group of groups.values()) {
    if (!group.set) continue;
    const earlier = seen.get(group.set.code);
    if (earlier) {
      issues.push({
        severity: 'error',
        code: 'set-repeated',
        setCode: group.set.code,
        line: group.rows[0].line,
        actual: group.label,
        messageVi: `Bộ "${group.set.nameVi}" xuất hiện hai lần (${earlier.label}; ${group.label})`,
        messageEn: `Set "${group.set.nameVi}" appears twice (${earlier.label}; ${group.label})`,
      });
      group.set = undefined;
    } else seen.set(group.set.code, group);
  }
  return { groups: [...groups.values()], issues };
}

const PART_TITLE = /^Phần\s+([ABC])\b/i;

export const TREE_COLUMNS = ['level', 'title', 'score'] as const;
export const FLAT_COLUMNS = ['part', 'section', 'criterion', 'option_points', 'option_text'] as const;

/**
 * The tree format (the QĐ 148 transcription's, and the one to import): one row per part, section, criterion or
 * option, by `level` (0 part, 1 section, 2 criterion or sub-heading, 3 option); `score` the maximum of a part,
 * section or criterion and the points of an option; `min_star_marker` 3/4/5; the set named by `set_code`,
 * `set_no` (QĐ 148) or `set_name`; optional `description` and `unverified` (why the row is not yet verified).
 */
export function readTreeSheets(spec: RubricVersionSpec, table: readonly CsvRow[]): Rubric {
  const records = recordsFromRows(table, TREE_COLUMNS);
  const { groups, issues } = groupBySet(spec, records, { no: 'set_no', name: 'set_name' });
  const sets: RubricSet[] = [];
  for (const { set, name, rows } of groups) {
    if (!set) continue;
    const parts: DraftPart[] = [];
    let section: DraftSection | undefined;
    let criterion: DraftCriterion | undefined;
    for (const { line, values } of rows) {
      const title = values['title'];
      const declared = parsePoints(values['score']);
      const marker = parseMarker(values['min_star_marker']);
      const description = values['description'] || undefined;
      const unverified = values['unverified'] || undefined;
      const part = parts[parts.length - 1];
      switch (values['level']) {
        case '0':
          parts.push({
            code: (PART_TITLE.exec(title)?.[1]?.toUpperCase() as PartCode | undefined) ?? undefined,
            title,
            declared,
            sections: [],
            line,
            unverified,
          });
          section = undefined;
          criterion = undefined;
          break;
        case '1':
          if (!part) throw new CsvSyntaxError(line, 'a section before any part');
          section = { title, description, declared, criteria: [], line, unverified };
          part.sections.push(section);
          criterion = undefined;
          break;
        case '2':
          if (!section) throw new CsvSyntaxError(line, 'a criterion before any section');
          criterion = { title, description, declared, minStars: marker, options: [], line, unverified };
          section.criteria.push(criterion);
          break;
        case '3': {
          if (!section) throw new CsvSyntaxError(line, 'an option before any section');
          const option: DraftOption = {
            text: title,
            points: declared ?? null,
            rawPoints: values['score'],
            minStars: marker,
            line,
          };
          if (criterion) {
            criterion.options.push(option);
          } else {
            section.direct ??= {
              title: section.title,
              declared: section.declared,
              options: [],
              line: section.line,
            };
            section.direct.options.push(option);
          }
          break;
        }
        default:
          throw new CsvSyntaxError(
            line,
            `unknown level "${values['level']}" (0 part, 1 section, 2 criterion, 3 option)`,
          );
      }
    }
    sets.push(finishSet(spec, set, name || set.nameVi, parts, true));
  }
  return { spec, sets, issues: [...issues, ...missingSetIssues(spec, sets)] };
}

/**
 * The flat format (the QĐ 1048 transcription's): one row per option (`part` A/B/C, `section`, `criterion`,
 * `option_points`, `option_text`), the set named by `product_set_name` (its ids are the transcription's own), no
 * declared maxima: a criterion is worth its best option and the parts must reach the decision's maxima.
 */
export function readFlatSheets(spec: RubricVersionSpec, table: readonly CsvRow[]): Rubric {
  const records = recordsFromRows(table, [...FLAT_COLUMNS, 'product_set_name']);
  const { groups, issues } = groupBySet(spec, records, { name: 'product_set_name' });
  const sets: RubricSet[] = [];
  for (const { set, name, rows } of groups) {
    if (!set) continue;
    const parts: DraftPart[] = [];
    for (const { line, values } of rows) {
      const code = values['part'].toUpperCase() as PartCode;
      let part = parts.find((p) => p.code === code || (!p.code && p.title.endsWith(` ${code}`)));
      if (!part) {
        part = {
          code: PART_CODES.includes(code) ? code : undefined,
          title: PART_CODES.includes(code) ? `Phần ${code}. ${spec.partNames[code].vi}` : `Phần ${code}`,
          sections: [],
          line,
        };
        parts.push(part);
      }
      let section = part.sections.find((s) => s.title === values['section']);
      if (!section) {
        section = { title: values['section'], criteria: [], line };
        part.sections.push(section);
      }
      // The same criterion name may come back after another one (the transcription splits a few): one criterion.
      let criterion = section.criteria.find((c) => c.title === values['criterion']);
      if (!criterion) {
        criterion = { title: values['criterion'], options: [], line };
        section.criteria.push(criterion);
      }
      const points = parsePoints(values['option_points']);
      criterion.options.push({
        text: values['option_text'],
        points: points ?? null,
        rawPoints: values['option_points'],
        line,
      });
    }
    sets.push(finishSet(spec, set, name || set.nameVi, parts, false));
  }
  return { spec, sets, issues: [...issues, ...missingSetIssues(spec, sets)] };
}

/** Either format, told apart by the header row. */
export function readSheets(spec: RubricVersionSpec, table: readonly CsvRow[]): Rubric {
  const header = (table[0]?.fields ?? []).map((name) => name.trim());
  return header.includes('option_text') ? readFlatSheets(spec, table) : readTreeSheets(spec, table);
}

export function readSheetsCsv(spec: RubricVersionSpec, csv: string): Rubric {
  return readSheets(spec, parseCsvRows(csv));
}
