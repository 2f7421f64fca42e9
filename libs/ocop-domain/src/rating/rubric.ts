import { DecisionId, DecisionSet, decisionSets } from '../ocop/decision-sets';
import type { CertifiedStars } from '../ocop/stars';

/**
 * The OCOP scoring sheets ("phiếu đánh giá") as data. A rubric version is one legal text's annex (QĐ 148/2023, the
 * older QĐ 1048/2019); it holds one sheet per product set, and each sheet has revisions (the bundled transcription,
 * then the province's corrected imports). A sheet has three parts (A, B, C), each of sections, each of criteria,
 * each of answer options worth points. A council member picks one option per criterion.
 */
export type PartCode = 'A' | 'B' | 'C';
export const PART_CODES: readonly PartCode[] = ['A', 'B', 'C'] as const;

/** The decision whose annex the sheets belong to. */
export type RubricVersionId = DecisionId;

export interface RubricVersionSpec {
  id: RubricVersionId;
  nameVi: string;
  nameEn: string;
  legalBasis: string;
  /** Maximum points of each part, fixed by the decision; a sheet whose parts do not reach them is not usable. */
  partMaxima: Record<PartCode, number>;
  partNames: Record<PartCode, { vi: string; en: string }>;
  /** The product sets the decision has, by identity; a missing one is reported. */
  sets: readonly DecisionSet[];
}

const PART_NAMES: Record<PartCode, { vi: string; en: string }> = {
  A: { vi: 'Sản phẩm và sức mạnh cộng đồng', en: 'Product and community strength' },
  B: { vi: 'Khả năng tiếp thị', en: 'Marketing capability' },
  C: { vi: 'Chất lượng sản phẩm', en: 'Product quality' },
};

export const RUBRIC_VERSIONS: readonly RubricVersionSpec[] = [
  {
    id: 'qd148-2023',
    nameVi: 'Bộ tiêu chí OCOP theo Quyết định 148/QĐ-TTg (24/02/2023)',
    nameEn: 'OCOP criteria of Decision 148/QĐ-TTg (24 Feb 2023)',
    legalBasis: '148/QĐ-TTg',
    partMaxima: { A: 40, B: 25, C: 35 },
    partNames: PART_NAMES,
    sets: decisionSets('qd148-2023'),
  },
  {
    id: 'qd1048-2019',
    nameVi: 'Bộ tiêu chí OCOP theo Quyết định 1048/QĐ-TTg (21/8/2019, đã thay thế)',
    nameEn: 'OCOP criteria of Decision 1048/QĐ-TTg (21 Aug 2019, superseded)',
    legalBasis: '1048/QĐ-TTg',
    partMaxima: { A: 35, B: 25, C: 40 },
    partNames: PART_NAMES,
    sets: decisionSets('qd1048-2019'),
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
  /**
   * `<part>.<section>.<criterion>` by position, e.g. `C.6.4` (sub-headings do not count): stable because a
   * sheet revision's data never changes.
   */
  key: string;
  title: string;
  description?: string;
  /** The sub-heading the criterion stands under, e.g. "a) Ngoại hình" (set 11's sensory section). */
  heading?: string;
  /** The alternative it belongs to ("Trường hợp 1"), where the sheet offers several: only one case is scored. */
  case?: string;
  /**
   * Highest points of the criterion: its best option; on a provisional sheet, the declared maximum of a row not yet
   * verified, which its options may fall short of (see `reachablePoints`).
   */
  maxPoints: number;
  /** Set when the options reach less than `maxPoints` (an unverified row kept as transcribed). */
  reachablePoints?: number;
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
  description?: string;
  maxPoints: number;
  /** Sub-headings and their declared points, as the sheet groups some criteria under them. */
  headings?: { title: string; maxPoints: number }[];
  criteria: RubricCriterion[];
  line?: number;
}

export interface RubricPart {
  code: PartCode;
  title: string;
  /** The decision's maximum for the part. */
  maxPoints: number;
  /** Set when the sheet's options reach less (a provisional sheet's unverified rows). */
  reachablePoints?: number;
  sections: RubricSection[];
}

export type RubricIssueSeverity = 'error' | 'warning';

/** Something in a transcribed sheet that does not add up (error: the sheet is not usable) or looks odd (warning). */
export interface RubricIssue {
  severity: RubricIssueSeverity;
  code: string;
  /** The set's code in its decision; absent for an issue of the file as a whole. */
  setCode?: string;
  /** For an issue of one alternative only. */
  case?: string;
  line?: number;
  /** Where: a part code, or a criterion key. */
  at?: string;
  expected?: number | string;
  actual?: number | string;
  messageVi: string;
  messageEn: string;
}

/** One alternative of a sheet ("Trường hợp 1: Cộng đồng dịch vụ du lịch"): chosen per dossier. */
export interface RubricCase {
  code: string;
  title: string;
}

/** A row the sheet's data says is not yet verified against the decision's annex, and why. */
export interface UnverifiedRow {
  line: number;
  at: string;
  reason: string;
}

export interface RubricSet {
  version: RubricVersionId;
  setCode: string;
  /** The decision's own number for the set, where it has one (QĐ 148). */
  setNo?: number;
  name: string;
  parts: RubricPart[];
  /** The alternatives, when the sheet offers some: a dossier scores exactly one of them. */
  cases: RubricCase[];
  issues: RubricIssue[];
  /** No error: the sheet may be used to score. */
  usable: boolean;
  /** Usable, but some rows are kept as transcribed until verified: their shortfall cannot be scored. */
  provisional: boolean;
  unverified: UnverifiedRow[];
}

export interface Rubric {
  spec: RubricVersionSpec;
  sets: RubricSet[];
  /** Issues of the version as a whole (e.g. a product set with no sheet). */
  issues: RubricIssue[];
}

/** The criteria of a sheet; with a case, those that case scores (the criteria of other cases left out). */
export function criteriaOf(set: RubricSet, caseCode?: string): RubricCriterion[] {
  const all = set.parts.flatMap((part) => part.sections.flatMap((section) => section.criteria));
  return caseCode === undefined ? all : all.filter((c) => c.case === undefined || c.case === caseCode);
}

export function partOfCriterion(key: string): PartCode {
  return key.charAt(0) as PartCode;
}
