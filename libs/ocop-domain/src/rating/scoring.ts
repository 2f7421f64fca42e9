import { CertifiedStars, Stars, starsForScore } from '../ocop/stars';
import { criteriaOf, PART_CODES, PartCode, partOfCriterion, RubricCriterion, RubricSet } from './rubric';

/**
 * Council scoring. Each member answers every criterion of the sheet with one option (or "none applies", worth 0,
 * as an unticked row on the paper sheet); the council's score is the average of the members' totals, its star
 * comes from the bands, and is then capped by the sheet's minimum-star markers and by what the round's level may
 * award. Arithmetic is done in hundredths of a point, in integers, so that a band edge (89.99 / 90) never depends
 * on floating-point rounding.
 */
export type CriterionChoice = number | null;
export type Choices = Readonly<Record<string, CriterionChoice>>;

export type ChoiceProblemCode = 'unknown-criterion' | 'unknown-option' | 'missing' | 'other-case';

export interface ChoiceProblem {
  key: string;
  code: ChoiceProblemCode;
}

/**
 * The criteria scored on a sheet for a dossier's case: a sheet with alternatives is scored on exactly one of them
 * (chosen at intake), a sheet without on all its criteria.
 */
export function scoredCriteria(set: RubricSet, caseCode?: string | null): RubricCriterion[] {
  if (set.cases.length ? !set.cases.some((c) => c.code === caseCode) : caseCode != null) {
    throw new RangeError(
      `Sheet ${set.setCode} offers cases [${set.cases.map((c) => c.code).join(', ')}], got ${caseCode ?? 'none'}`,
    );
  }
  return criteriaOf(set, caseCode ?? undefined);
}

/** Problems of a scoresheet's answers; `complete` also asks that every criterion is answered. */
export function checkChoices(
  set: RubricSet,
  choices: Choices,
  complete: boolean,
  caseCode?: string | null,
): ChoiceProblem[] {
  const criteria = new Map(scoredCriteria(set, caseCode).map((c) => [c.key, c]));
  const otherCase = new Set(criteriaOf(set).map((c) => c.key));
  const problems: ChoiceProblem[] = [];
  for (const [key, choice] of Object.entries(choices)) {
    const criterion = criteria.get(key);
    if (!criterion) problems.push({ key, code: otherCase.has(key) ? 'other-case' : 'unknown-criterion' });
    else if (
      choice !== null &&
      !(Number.isInteger(choice) && choice >= 0 && choice < criterion.options.length)
    ) {
      problems.push({ key, code: 'unknown-option' });
    }
  }
  if (complete) {
    for (const key of criteria.keys()) if (!(key in choices)) problems.push({ key, code: 'missing' });
  }
  return problems;
}

const toHundredths = (points: number) => Math.round(points * 100);
const fromHundredths = (hundredths: number) => hundredths / 100;
/** Half-up rounding of a non-negative quotient to whole hundredths, as score sheets round. */
const averageHundredths = (sum: number, count: number) => Math.floor((2 * sum + count) / (2 * count));

function pointsOf(criterion: RubricCriterion, choice: CriterionChoice | undefined): number {
  return choice === null || choice === undefined ? 0 : toHundredths(criterion.options[choice]?.points ?? 0);
}

export interface SheetTotals {
  parts: Record<PartCode, number>;
  total: number;
}

/** One scoresheet's points per part and in total (unanswered criteria count 0). */
export function sheetTotals(set: RubricSet, choices: Choices, caseCode?: string | null): SheetTotals {
  const parts = { A: 0, B: 0, C: 0 };
  for (const criterion of scoredCriteria(set, caseCode)) {
    parts[partOfCriterion(criterion.key)] += pointsOf(criterion, choices[criterion.key]);
  }
  return {
    parts: { A: fromHundredths(parts.A), B: fromHundredths(parts.B), C: fromHundredths(parts.C) },
    total: fromHundredths(parts.A + parts.B + parts.C),
  };
}

/** A minimum-star marker the council's answers did not reach: why the star is lower than the score's band. */
export interface MarkerShortfall {
  criterionKey: string;
  criterionTitle: string;
  requiredStars: CertifiedStars;
  /** Points the criterion must reach (the marked option's, or its lowest option's for a marker on the criterion). */
  requiredPoints: number;
  /** The marked option; absent when the marker is on the criterion itself (any option reaches it). */
  requiredOption?: string;
  /** The members' average points on this criterion. */
  achievedPoints: number;
}

export interface CouncilResult {
  sheetCount: number;
  partAverages: Record<PartCode, number>;
  /** The council's score: the average of the members' totals, to two decimals. */
  average: number;
  /** The star of the score's band alone. */
  bandStars: Stars;
  /** The highest star the minimum-star markers allow. */
  markerMaxStars: Stars;
  /** The highest star the round's level may award. */
  levelMaxStars: Stars;
  stars: Stars;
  cappedBy: {
    /** Markers that held the star below its band (those at or below what the band and level would give). */
    markers: MarkerShortfall[];
    /** The level's maximum is below the band (e.g. a province round never awards 5★). */
    level: boolean;
  };
}

interface MarkerRequirement {
  criterion: RubricCriterion;
  stars: CertifiedStars;
  points: number;
  option?: string;
}

function markerRequirements(criteria: RubricCriterion[]): MarkerRequirement[] {
  return criteria.flatMap((criterion) => {
    const lowest = criterion.options.length ? Math.min(...criterion.options.map((o) => o.points)) : 0;
    return [
      ...(criterion.minStars ? [{ criterion, stars: criterion.minStars, points: lowest }] : []),
      ...criterion.options
        .filter((o) => o.minStars)
        .map((o) => ({ criterion, stars: o.minStars as CertifiedStars, points: o.points, option: o.text })),
    ];
  });
}

/**
 * The council's result from its members' completed scoresheets. A marker is reached when the members' average
 * points on its criterion reach the marked option's points: the same averaging as the score itself.
 */
export function councilResult(
  set: RubricSet,
  sheets: readonly Choices[],
  levelMaxStars: Stars,
  caseCode?: string | null,
): CouncilResult {
  if (!sheets.length) throw new RangeError('A council result needs at least one scoresheet');
  const n = sheets.length;
  const criteria = scoredCriteria(set, caseCode);
  const criterionSums = new Map<string, number>();
  const partSums = { A: 0, B: 0, C: 0 };
  for (const criterion of criteria) {
    const sum = sheets.reduce((total, sheet) => total + pointsOf(criterion, sheet[criterion.key]), 0);
    criterionSums.set(criterion.key, sum);
    partSums[partOfCriterion(criterion.key)] += sum;
  }
  const totalSum = partSums.A + partSums.B + partSums.C;
  const average = fromHundredths(averageHundredths(totalSum, n));
  const bandStars = starsForScore(average);

  const shortfalls = markerRequirements(criteria)
    .filter((r) => (criterionSums.get(r.criterion.key) ?? 0) < toHundredths(r.points) * n)
    .map<MarkerShortfall>((r) => ({
      criterionKey: r.criterion.key,
      criterionTitle: r.criterion.title,
      requiredStars: r.stars,
      requiredPoints: r.points,
      ...(r.option ? { requiredOption: r.option } : {}),
      achievedPoints: fromHundredths(averageHundredths(criterionSums.get(r.criterion.key) ?? 0, n)),
    }))
    .sort((a, b) => a.requiredStars - b.requiredStars || a.criterionKey.localeCompare(b.criterionKey));
  const markerMaxStars = shortfalls.reduce<Stars>((max, s) => Math.min(max, s.requiredStars - 1) as Stars, 5);
  const uncapped = Math.min(bandStars, levelMaxStars);
  const stars = Math.min(uncapped, markerMaxStars) as Stars;
  return {
    sheetCount: n,
    partAverages: Object.fromEntries(
      PART_CODES.map((code) => [code, fromHundredths(averageHundredths(partSums[code], n))]),
    ) as Record<PartCode, number>,
    average,
    bandStars,
    markerMaxStars,
    levelMaxStars,
    stars,
    cappedBy: {
      markers: stars < uncapped ? shortfalls.filter((s) => s.requiredStars <= uncapped) : [],
      level: bandStars > levelMaxStars,
    },
  };
}
