import type { CertifiedStars } from '../ocop/stars';

/**
 * The OCOP scoring sheets ("phiếu đánh giá") as data. A rubric version is one legal text's annex (QĐ 148/2023, the
 * older QĐ 1048/2019); it holds one sheet per product set. A sheet has three parts (A, B, C), each of sections,
 * each of criteria, each of answer options worth points. A council member picks one option per criterion.
 */
export type PartCode = 'A' | 'B' | 'C';
export const PART_CODES: readonly PartCode[] = ['A', 'B', 'C'] as const;

export type RubricVersionId = 'qd148-2023' | 'qd1048-2019';

export interface RubricVersionSpec {
  id: RubricVersionId;
  nameVi: string;
  nameEn: string;
  legalBasis: string;
  /** Maximum points of each part, fixed by the decision; a sheet whose parts do not reach them is not usable. */
  partMaxima: Record<PartCode, number>;
  partNames: Record<PartCode, { vi: string; en: string }>;
  /** The product sets the decision has (1…n); a missing one is reported. */
  setNumbers: readonly number[];
}

const PART_NAMES: Record<PartCode, { vi: string; en: string }> = {
  A: { vi: 'Sản phẩm và sức mạnh cộng đồng', en: 'Product and community strength' },
  B: { vi: 'Khả năng tiếp thị', en: 'Marketing capability' },
  C: { vi: 'Chất lượng sản phẩm', en: 'Product quality' },
};

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

export const RUBRIC_VERSIONS: readonly RubricVersionSpec[] = [
  {
    id: 'qd148-2023',
    nameVi: 'Bộ tiêu chí OCOP theo Quyết định 148/QĐ-TTg (24/02/2023)',
    nameEn: 'OCOP criteria of Decision 148/QĐ-TTg (24 Feb 2023)',
    legalBasis: '148/QĐ-TTg',
    partMaxima: { A: 40, B: 25, C: 35 },
    partNames: PART_NAMES,
    setNumbers: range(26),
  },
  {
    id: 'qd1048-2019',
    nameVi: 'Bộ tiêu chí OCOP theo Quyết định 1048/QĐ-TTg (21/8/2019, đã thay thế)',
    nameEn: 'OCOP criteria of Decision 1048/QĐ-TTg (21 Aug 2019, superseded)',
    legalBasis: '1048/QĐ-TTg',
    partMaxima: { A: 35, B: 25, C: 40 },
    partNames: PART_NAMES,
    setNumbers: range(26),
  },
] as const;

export function rubricVersionSpec(id: string): RubricVersionSpec | undefined {
  return RUBRIC_VERSIONS.find((v) => v.id === id);
}

export interface RubricOption {
  /** Position in the criterion (0-based): what a scoresheet records. */
  index: number;
  text: string;
  points: number;
  /** Minimum-star marker: a product cannot reach this star unless the criterion reaches this option. */
  minStars?: CertifiedStars;
}

export interface RubricCriterion {
  /** `<part>.<section>.<criterion>` by position, e.g. `C.6.4`: stable because a version's data never changes. */
  key: string;
  title: string;
  description?: string;
  /** Highest points of the criterion (its best option). */
  maxPoints: number;
  options: RubricOption[];
  /**
   * A marker on the criterion itself (e.g. "Sở hữu trí tuệ****"): the star needs the criterion to reach any of its
   * options, i.e. its lowest one.
   */
  minStars?: CertifiedStars;
  /** Line of the source sheet, so that a report points at the row to check. */
  line?: number;
}

export interface RubricSection {
  title: string;
  maxPoints: number;
  criteria: RubricCriterion[];
  line?: number;
}

export interface RubricPart {
  code: PartCode;
  title: string;
  maxPoints: number;
  sections: RubricSection[];
}

export type RubricIssueSeverity = 'error' | 'warning';

/** Something in a transcribed sheet that does not add up (error: the sheet is not usable) or looks odd (warning). */
export interface RubricIssue {
  severity: RubricIssueSeverity;
  code: string;
  setNo: number;
  line?: number;
  /** Where: a part code, or a criterion key. */
  at?: string;
  expected?: number | string;
  actual?: number | string;
  messageVi: string;
  messageEn: string;
}

export interface RubricSet {
  version: RubricVersionId;
  setNo: number;
  name: string;
  parts: RubricPart[];
  issues: RubricIssue[];
  /** No error: the sheet may be used to score. */
  usable: boolean;
}

export interface Rubric {
  spec: RubricVersionSpec;
  sets: RubricSet[];
  /** Issues of the version as a whole (e.g. a product set with no sheet). */
  issues: RubricIssue[];
}

export function criteriaOf(set: RubricSet): RubricCriterion[] {
  return set.parts.flatMap((part) => part.sections.flatMap((section) => section.criteria));
}

export function partOfCriterion(key: string): PartCode {
  return key.charAt(0) as PartCode;
}
