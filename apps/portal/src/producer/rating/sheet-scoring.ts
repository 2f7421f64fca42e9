import type { Choices, ScoringSheet, SheetCriterion } from './rating-views';

/**
 * The arithmetic of one scoresheet, as rating does it for a council (libs/ocop-domain scoring.ts): points in
 * hundredths so that a band edge (69.99 / 70) never depends on floating point, the star from the score's band,
 * and the minimum-star markers that hold the star below its band.
 */

/** Lower bound (inclusive) of each star's band (QĐ 148: 1★ below 30 … 5★ from 90). */
export const STAR_BANDS: readonly { stars: number; minScore: number }[] = [
  { stars: 1, minScore: 0 },
  { stars: 2, minScore: 30 },
  { stars: 3, minScore: 50 },
  { stars: 4, minScore: 70 },
  { stars: 5, minScore: 90 },
];

export function starsForScore(score: number): number {
  let stars = 1;
  for (const band of STAR_BANDS) if (score >= band.minScore) stars = band.stars;
  return stars;
}

/** The criteria a dossier answers: on a sheet with alternatives, those of its case and those common to all. */
export function criteriaOf(sheet: ScoringSheet, caseCode?: string | null): SheetCriterion[] {
  return sheet.parts
    .flatMap((part) => part.sections.flatMap((section) => section.criteria))
    .filter((c) => c.case === undefined || c.case === caseCode);
}

/** A minimum-star requirement the answers fall short of. */
export interface Shortfall {
  criterionKey: string;
  /** The star the criterion's answer keeps the product from. */
  requiredStars: number;
  /** The option the star needs; absent when any option would do (a marker on the criterion). */
  requiredOption?: string;
}

export interface SheetSummary {
  parts: Record<'A' | 'B' | 'C', number>;
  total: number;
  answered: number;
  criteria: number;
  /** The star of the total's band. */
  bandStars: number;
  /** The star after the markers that bite. */
  stars: number;
  /** Markers that hold the star below its band (none when the band is already at or below them). */
  caps: Shortfall[];
}

const hundredths = (points: number) => Math.round(points * 100);

/**
 * Totals and star of a scoresheet. Only answered criteria are judged against their markers: an unanswered one is
 * not a choice yet, and the form says how many remain.
 */
export function summarise(sheet: ScoringSheet, choices: Choices, caseCode?: string | null): SheetSummary {
  const criteria = criteriaOf(sheet, caseCode);
  const parts = { A: 0, B: 0, C: 0 };
  const shortfalls: Shortfall[] = [];
  let answered = 0;
  for (const criterion of criteria) {
    const choice = choices[criterion.key];
    if (choice === undefined || choice === null) continue;
    answered += 1;
    const points = hundredths(criterion.options[choice]?.points ?? 0);
    parts[criterion.key.charAt(0) as 'A' | 'B' | 'C'] += points;
    for (const option of criterion.options) {
      if (option.minStars && points < hundredths(option.points)) {
        shortfalls.push({
          criterionKey: criterion.key,
          requiredStars: option.minStars,
          requiredOption: option.text,
        });
      }
    }
  }
  const total = parts.A + parts.B + parts.C;
  const bandStars = starsForScore(total / 100);
  const markerMax = shortfalls.reduce((max, s) => Math.min(max, s.requiredStars - 1), 5);
  const stars = Math.min(bandStars, markerMax);
  return {
    parts: { A: parts.A / 100, B: parts.B / 100, C: parts.C / 100 },
    total: total / 100,
    answered,
    criteria: criteria.length,
    bandStars,
    stars,
    caps:
      stars < bandStars
        ? shortfalls
            .filter((s) => s.requiredStars <= bandStars)
            .sort((a, b) => a.requiredStars - b.requiredStars || a.criterionKey.localeCompare(b.criterionKey))
        : [],
  };
}
