import type { CertifiedStars } from '../ocop/stars';
import {
  criteriaOf,
  PART_CODES,
  PartCode,
  partOfCriterion,
  RubricIssue,
  RubricSet,
  UnverifiedRow,
} from './rubric';

/**
 * What an officer checks before a sheet is used: the points each part reaches (per case when the sheet offers
 * alternatives) against the decision's maxima, how many criteria and options it has, its minimum-star markers,
 * its unverified rows, and every error and warning with the row to look at.
 */
export interface SheetReport {
  setCode: string;
  setNo?: number;
  name: string;
  usable: boolean;
  provisional: boolean;
  totals: {
    case?: string;
    parts: Record<PartCode, { maximum: number; reached: number }>;
    total: number;
  }[];
  criteria: number;
  options: number;
  cases: { code: string; title: string }[];
  markers: { criterionKey: string; stars: CertifiedStars; option?: string }[];
  unverified: UnverifiedRow[];
  errors: RubricIssue[];
  warnings: RubricIssue[];
}

export function sheetReport(set: RubricSet, extraIssues: readonly RubricIssue[] = []): SheetReport {
  const scopes = set.cases.length ? set.cases.map((c) => c.code) : [undefined];
  const all = criteriaOf(set);
  const issues = [...set.issues, ...extraIssues];
  return {
    setCode: set.setCode,
    ...(set.setNo !== undefined ? { setNo: set.setNo } : {}),
    name: set.name,
    usable: set.usable && !extraIssues.some((i) => i.severity === 'error'),
    provisional: set.provisional,
    totals: scopes.map((scope) => {
      const criteria = criteriaOf(set, scope);
      const parts = Object.fromEntries(
        PART_CODES.map((code) => {
          const own = criteria.filter((c) => partOfCriterion(c.key) === code);
          return [
            code,
            {
              maximum: set.parts.find((p) => p.code === code)?.maxPoints ?? 0,
              reached: own.reduce((sum, c) => sum + (c.reachablePoints ?? c.maxPoints), 0),
            },
          ];
        }),
      ) as Record<PartCode, { maximum: number; reached: number }>;
      return {
        ...(scope ? { case: scope } : {}),
        parts,
        total: PART_CODES.reduce((sum, code) => sum + parts[code].reached, 0),
      };
    }),
    criteria: all.length,
    options: all.reduce((sum, c) => sum + c.options.length, 0),
    cases: set.cases,
    markers: all.flatMap((c) => [
      ...(c.minStars ? [{ criterionKey: c.key, stars: c.minStars }] : []),
      ...c.options
        .filter((o) => o.minStars)
        .map((o) => ({ criterionKey: c.key, stars: o.minStars as CertifiedStars, option: o.text })),
    ]),
    unverified: set.unverified,
    errors: issues.filter((i) => i.severity === 'error'),
    warnings: issues.filter((i) => i.severity === 'warning'),
  };
}
