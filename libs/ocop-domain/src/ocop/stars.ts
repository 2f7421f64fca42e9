/**
 * OCOP stars. A product is rated 1–5★ from the council's average total (out of 100); only 3★ and above are
 * certified; how long a certificate is valid is ../calendar/certificate-validity.ts.
 */
export type Stars = 1 | 2 | 3 | 4 | 5;
export type CertifiedStars = 3 | 4 | 5;

export const CERTIFIED_STARS: readonly CertifiedStars[] = [3, 4, 5] as const;

/** Lower bound (inclusive) of each star band; the upper bound is the next band's lower bound (5★: 100). */
export const STAR_BANDS: readonly { stars: Stars; minScore: number }[] = [
  { stars: 1, minScore: 0 },
  { stars: 2, minScore: 30 },
  { stars: 3, minScore: 50 },
  { stars: 4, minScore: 70 },
  { stars: 5, minScore: 90 },
] as const;

export function starsForScore(score: number): Stars {
  if (!Number.isFinite(score) || score < 0 || score > 100)
    throw new RangeError(`An OCOP score is 0–100, got ${score}`);
  let stars: Stars = 1;
  for (const band of STAR_BANDS) if (score >= band.minScore) stars = band.stars;
  return stars;
}

export function isCertifiedStars(value: unknown): value is CertifiedStars {
  return CERTIFIED_STARS.includes(value as CertifiedStars);
}
