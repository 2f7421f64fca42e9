import type { CertifiedStars } from '../ocop/stars';
import { CsvRecord, parseCsvRecords } from './csv';
import {
  PART_CODES,
  PartCode,
  Rubric,
  RubricCriterion,
  RubricIssue,
  RubricPart,
  RubricSet,
  RubricVersionSpec,
} from './rubric';

/**
 * Reads the transcribed scoring sheets and checks them. The transcriptions are third-party, so nothing in them is
 * trusted: every declared maximum is compared with what the options actually give, and a sheet that does not add
 * up is kept (for the report) but marked unusable rather than silently scored.
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
}

interface DraftSection {
  title: string;
  declared?: number | null;
  criteria: DraftCriterion[];
  /** Options found directly under the section: the section is then its own criterion. */
  direct?: DraftCriterion;
  line: number;
}

interface DraftPart {
  code: PartCode | undefined;
  title: string;
  declared?: number | null;
  sections: DraftSection[];
  line: number;
}

const MARKERS = /\s*\*{3,5}\s*/g;
const TICK_BOX = /^[□☐]\s*/;

/** "□ Sạch, không phát hiện tạp chất****" → "Sạch, không phát hiện tạp chất". */
function cleanText(text: string): string {
  return text.replace(TICK_BOX, '').replace(MARKERS, ' ').replace(/\s+/g, ' ').trim();
}

function parsePoints(raw: string): number | null | undefined {
  const value = raw.trim();
  if (value === '') return undefined;
  return /^\d+(\.\d+)?$/.test(value) ? Number(value) : null;
}

function parseMarker(raw: string): number | undefined {
  const value = raw.trim();
  return value === '' ? undefined : Number(value);
}

const isCertifiedStars = (value: number | undefined): value is CertifiedStars =>
  value === 3 || value === 4 || value === 5;

class IssueLog {
  readonly issues: RubricIssue[] = [];
  constructor(private readonly setNo: number) {}

  add(issue: Omit<RubricIssue, 'setNo'>): void {
    this.issues.push({ setNo: this.setNo, ...issue });
  }
}

function finishCriterion(
  draft: DraftCriterion,
  key: string,
  log: IssueLog,
  declaresMaxima: boolean,
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
  if (!options.length) {
    log.add({
      severity: 'error',
      code: 'criterion-without-options',
      line: draft.line,
      at: key,
      expected: draft.declared ?? undefined,
      messageVi: `Tiêu chí "${cleanText(draft.title)}" không có phương án trả lời nào`,
      messageEn: `Criterion "${cleanText(draft.title)}" has no answer options`,
    });
  } else if (draft.declared === undefined && declaresMaxima) {
    log.add({
      severity: 'warning',
      code: 'criterion-maximum-missing',
      line: draft.line,
      at: key,
      actual: best,
      messageVi: `Tiêu chí "${cleanText(draft.title)}" không ghi điểm tối đa; dùng điểm của phương án cao nhất (${best})`,
      messageEn: `Criterion "${cleanText(draft.title)}" declares no maximum; its best option (${best}) is used`,
    });
  } else if (draft.declared !== undefined && draft.declared !== best) {
    log.add({
      severity: 'error',
      code: 'criterion-maximum-mismatch',
      line: draft.line,
      at: key,
      expected: draft.declared ?? 'NaN',
      actual: best,
      messageVi: `Tiêu chí "${cleanText(draft.title)}" ghi tối đa ${draft.declared} điểm nhưng phương án cao nhất được ${best} điểm`,
      messageEn: `Criterion "${cleanText(draft.title)}" declares ${draft.declared} points but its best option gives ${best}`,
    });
  }
  return {
    key,
    title: cleanText(draft.title),
    ...(draft.description ? { description: draft.description } : {}),
    maxPoints: best,
    options,
    ...(isCertifiedStars(draft.minStars) ? { minStars: draft.minStars } : {}),
    line: draft.line,
  };
}

function finishSet(
  spec: RubricVersionSpec,
  setNo: number,
  name: string,
  drafts: DraftPart[],
  declaresMaxima: boolean,
): RubricSet {
  const log = new IssueLog(setNo);
  const parts: RubricPart[] = [];
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
    const sections = draft.sections.map((section) => {
      sectionNo += 1;
      if (section.direct && section.criteria.length) {
        log.add({
          severity: 'error',
          code: 'section-mixed',
          line: section.line,
          at: `${code}.${sectionNo}`,
          messageVi: `Mục "${cleanText(section.title)}" vừa có phương án trực tiếp vừa có tiêu chí con`,
          messageEn: `Section "${cleanText(section.title)}" has both options of its own and criteria`,
        });
      }
      // A section with options right under it is itself the criterion: its declared points are the criterion's.
      const criteriaDrafts = section.direct
        ? [{ ...section.direct, declared: section.declared }, ...section.criteria]
        : section.criteria;
      const criteria = criteriaDrafts.map((c, i) =>
        finishCriterion(c, `${code}.${sectionNo}.${i + 1}`, log, declaresMaxima),
      );
      const sum = criteria.reduce((total, c) => total + c.maxPoints, 0);
      if (!section.direct && section.declared !== undefined && section.declared !== sum) {
        log.add({
          severity: 'error',
          code: 'section-sum-mismatch',
          line: section.line,
          at: `${code}.${sectionNo}`,
          expected: section.declared ?? 'NaN',
          actual: sum,
          messageVi: `Mục "${cleanText(section.title)}" ghi ${section.declared} điểm nhưng các tiêu chí cộng lại được ${sum}`,
          messageEn: `Section "${cleanText(section.title)}" declares ${section.declared} points but its criteria add up to ${sum}`,
        });
      }
      return { title: cleanText(section.title), maxPoints: sum, criteria, line: section.line };
    });
    const expected = spec.partMaxima[code];
    const sum = sections.reduce((total, s) => total + s.maxPoints, 0);
    if (draft.declared !== undefined && draft.declared !== expected) {
      log.add({
        severity: 'error',
        code: 'part-maximum-declared',
        line: draft.line,
        at: code,
        expected,
        actual: draft.declared ?? 'NaN',
        messageVi: `Phần ${code} ghi tối đa ${draft.declared} điểm, quyết định quy định ${expected}`,
        messageEn: `Part ${code} declares ${draft.declared} points; the decision sets ${expected}`,
      });
    }
    if (sum !== expected) {
      log.add({
        severity: 'error',
        code: 'part-sum-mismatch',
        line: draft.line,
        at: code,
        expected,
        actual: sum,
        messageVi: `Phần ${code}: các tiêu chí cộng lại được ${sum} điểm, phải là ${expected}`,
        messageEn: `Part ${code}: the criteria add up to ${sum} points; it must be ${expected}`,
      });
    }
    parts.push({ code, title: cleanText(draft.title), maxPoints: sum, sections });
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
  return {
    version: spec.id,
    setNo,
    name,
    parts,
    issues: log.issues,
    usable: !log.issues.some((i) => i.severity === 'error'),
  };
}

function missingSetIssues(spec: RubricVersionSpec, sets: RubricSet[]): RubricIssue[] {
  return spec.setNumbers
    .filter((no) => !sets.some((s) => s.setNo === no))
    .map((setNo) => ({
      severity: 'error' as const,
      code: 'set-missing',
      setNo,
      messageVi: `Bộ sản phẩm ${setNo} không có phiếu đánh giá trong dữ liệu`,
      messageEn: `Product set ${setNo} has no scoring sheet in the data`,
    }));
}

function groupBySet(records: CsvRecord[], column: string): Map<number, CsvRecord[]> {
  const bySet = new Map<number, CsvRecord[]>();
  for (const record of records) {
    const no = Number(record.values[column]);
    if (!Number.isInteger(no))
      throw new Error(`Rubric data line ${record.line}: "${record.values[column]}" is not a set number`);
    bySet.set(no, [...(bySet.get(no) ?? []), record]);
  }
  return bySet;
}

const PART_TITLE = /^Phần\s+([ABC])\b/i;

/**
 * QĐ 148 sheets: a tree by `level` (0 part, 1 section, 2 criterion, 3 option), `score` the maximum of a part,
 * section or criterion and the points of an option, `min_star_marker` 3/4/5.
 */
export function readQd148Sheets(spec: RubricVersionSpec, csv: string): Rubric {
  const records = parseCsvRecords(csv, [
    'set_no',
    'set_name',
    'level',
    'title',
    'description',
    'min_star_marker',
    'score',
  ]);
  const sets: RubricSet[] = [];
  for (const [setNo, rows] of groupBySet(records, 'set_no')) {
    const parts: DraftPart[] = [];
    let section: DraftSection | undefined;
    let criterion: DraftCriterion | undefined;
    for (const { line, values } of rows) {
      const title = values['title'];
      const declared = parsePoints(values['score']);
      const marker = parseMarker(values['min_star_marker']);
      const part = parts[parts.length - 1];
      switch (values['level']) {
        case '0':
          parts.push({
            code: (PART_TITLE.exec(title)?.[1]?.toUpperCase() as PartCode | undefined) ?? undefined,
            title,
            declared,
            sections: [],
            line,
          });
          section = undefined;
          criterion = undefined;
          break;
        case '1':
          if (!part) throw new Error(`Rubric data line ${line}: a section before any part`);
          section = { title, declared, criteria: [], line };
          part.sections.push(section);
          criterion = undefined;
          break;
        case '2':
          if (!section) throw new Error(`Rubric data line ${line}: a criterion before any section`);
          criterion = {
            title,
            ...(values['description'] ? { description: values['description'] } : {}),
            declared,
            minStars: marker,
            options: [],
            line,
          };
          section.criteria.push(criterion);
          break;
        case '3': {
          if (!section) throw new Error(`Rubric data line ${line}: an option before any section`);
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
          throw new Error(`Rubric data line ${line}: unknown level "${values['level']}"`);
      }
    }
    sets.push(finishSet(spec, setNo, rows[0].values['set_name'], parts, true));
  }
  return { spec, sets, issues: missingSetIssues(spec, sets) };
}

/**
 * QĐ 1048 sheets: one row per option (`part` A/B/C, `section`, `criterion`, `option_points`, `option_text`), no
 * declared maxima: a criterion is worth its best option and the parts must reach the decision's maxima.
 */
export function readQd1048Sheets(spec: RubricVersionSpec, csv: string): Rubric {
  const records = parseCsvRecords(csv, [
    'product_set_id',
    'product_set_name',
    'part',
    'section',
    'criterion',
    'option_points',
    'option_text',
  ]);
  const sets: RubricSet[] = [];
  for (const [setNo, rows] of groupBySet(records, 'product_set_id')) {
    const parts: DraftPart[] = [];
    for (const { line, values } of rows) {
      const code = values['part'].toUpperCase() as PartCode;
      let part = parts.find((p) => p.code === code);
      if (!part) {
        part = {
          code: PART_CODES.includes(code) ? code : undefined,
          title: `Phần ${code}. ${spec.partNames[code]?.vi ?? ''}`.trim(),
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
    sets.push(finishSet(spec, setNo, rows[0].values['product_set_name'], parts, false));
  }
  return { spec, sets, issues: missingSetIssues(spec, sets) };
}
