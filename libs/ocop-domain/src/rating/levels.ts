import type { UnitMapId } from '@ocop/contracts';
import { CertifiedStars, Stars } from '../ocop/stars';
import type { RubricVersionId } from './rubric';

/**
 * Who evaluates a product, and what each level may decide. The chain of levels changed with the administrative
 * reform of 2025, so it is data: QĐ 1048 (2019) and QĐ 148 (2023) have district → province → central; from
 * 6 July 2025 (QĐ 1489) there are no districts and the commune reviews and proposes instead, without scoring. A
 * round names its rule set (chain) and its level (decision 0032).
 */
export type RoundLevel = 'commune' | 'district' | 'province' | 'central';
export const ROUND_LEVELS: readonly RoundLevel[] = ['commune', 'district', 'province', 'central'] as const;

export type LevelChainId = 'qd1048-2019' | 'qd148-2023' | 'qd1489-2025';

export interface LevelRule {
  level: RoundLevel;
  nameVi: string;
  nameEn: string;
  /** The highest star a result of this level carries. */
  maxStars: Stars;
  /** Stars for which this level's approved results are certified. */
  certifies: readonly CertifiedStars[];
  /**
   * A result goes on to the next level of the chain when its star, after every minimum-star marker but before this
   * level's own maximum, reaches this: 3★ from the district (the province selects products that reach 3★ below),
   * 5★ from the province (≥ 90 points AND the 5★ markers met: "potential 5★").
   */
  forwardMinStars?: CertifiedStars;
}

export const LEVEL_RULES: Readonly<Record<RoundLevel, LevelRule>> = {
  commune: {
    level: 'commune',
    nameVi: 'Cấp xã',
    nameEn: 'Commune',
    maxStars: 4,
    certifies: [],
    forwardMinStars: 3,
  },
  district: {
    level: 'district',
    nameVi: 'Cấp huyện',
    nameEn: 'District',
    maxStars: 4,
    certifies: [],
    forwardMinStars: 3,
  },
  // The province certifies 3★ and 4★; a product of 90 or more is "potential 5★" and goes to the central council.
  province: {
    level: 'province',
    nameVi: 'Cấp tỉnh',
    nameEn: 'Province',
    maxStars: 4,
    certifies: [3, 4],
    forwardMinStars: 5,
  },
  // Only the central (ministry) council awards 5★; a lower result there leaves the province's certificate as it is.
  central: { level: 'central', nameVi: 'Cấp trung ương', nameEn: 'Central', maxStars: 5, certifies: [5] },
};

export interface LevelChain {
  id: LevelChainId;
  nameVi: string;
  nameEn: string;
  legalBasis: string;
  /** ISO dates (inclusive) during which rounds are run under this chain: a round's dates must fall inside. */
  validFrom: string;
  validTo: string | null;
  levels: readonly RoundLevel[];
  /**
   * Levels that review dossiers and propose them to the next level without a council or scores (the commune under
   * QĐ 1489: "tiếp nhận, kiểm tra hồ sơ và đề xuất").
   */
  reviewOnly: readonly RoundLevel[];
  /** The administrative maps a round's territory may be written in during the period. */
  unitMaps: readonly UnitMapId[];
  /** The scoring sheets of the period. */
  rubricVersion: RubricVersionId;
}

export const LEVEL_CHAINS: readonly LevelChain[] = [
  {
    id: 'qd1048-2019',
    nameVi: 'Quy trình theo QĐ 1048/QĐ-TTg: huyện → tỉnh → trung ương',
    nameEn: 'Process of QĐ 1048/QĐ-TTg: district → province → central',
    legalBasis: '1048/QĐ-TTg',
    validFrom: '2019-08-21',
    validTo: '2023-02-23',
    levels: ['district', 'province', 'central'],
    reviewOnly: [],
    unitMaps: ['bt-2022'],
    rubricVersion: 'qd1048-2019',
  },
  {
    id: 'qd148-2023',
    nameVi: 'Quy trình theo QĐ 148/QĐ-TTg: huyện → tỉnh → trung ương',
    nameEn: 'Process of QĐ 148/QĐ-TTg: district → province → central',
    legalBasis: '148/QĐ-TTg',
    validFrom: '2023-02-24',
    validTo: '2025-07-05',
    levels: ['district', 'province', 'central'],
    reviewOnly: [],
    unitMaps: ['bt-2022'],
    rubricVersion: 'qd148-2023',
  },
  {
    id: 'qd1489-2025',
    nameVi: 'Quy trình theo QĐ 1489/QĐ-TTg: xã → tỉnh → trung ương',
    nameEn: 'Process of QĐ 1489/QĐ-TTg: commune → province → central',
    legalBasis: '1489/QĐ-TTg',
    validFrom: '2025-07-06',
    validTo: null,
    levels: ['commune', 'province', 'central'],
    reviewOnly: ['commune'],
    unitMaps: ['vl-2025-07'],
    // QĐ 1489 amends the procedure (Phụ lục II of QĐ 148), not the criteria: QĐ 148's sheets stay.
    rubricVersion: 'qd148-2023',
  },
] as const;

export function levelChain(id: string): LevelChain | undefined {
  return LEVEL_CHAINS.find((c) => c.id === id);
}

export function previousLevel(chain: LevelChain, level: RoundLevel): RoundLevel | undefined {
  const at = chain.levels.indexOf(level);
  return at > 0 ? chain.levels[at - 1] : undefined;
}

export function nextLevel(chain: LevelChain, level: RoundLevel): RoundLevel | undefined {
  const at = chain.levels.indexOf(level);
  return at >= 0 ? chain.levels[at + 1] : undefined;
}

/** The level where producers apply; the others take in what the level below forwarded. */
export const entryLevel = (chain: LevelChain): RoundLevel => chain.levels[0];

/** The rule set in force on a day (ISO date), if any: rounds before QĐ 1048 are not modelled. */
export function ruleSetAt(day: string): LevelChain | undefined {
  return LEVEL_CHAINS.find((c) => day >= c.validFrom && (c.validTo === null || day <= c.validTo));
}

/** Whether a round from `opensOn` to `closesOn` lies wholly inside the rule set's period. */
export function withinPeriod(chain: LevelChain, opensOn: string, closesOn: string): boolean {
  return opensOn >= chain.validFrom && (chain.validTo === null || closesOn <= chain.validTo);
}

/** Whether a level of the chain only reviews and proposes (no council, no scores). */
export const reviewsOnly = (chain: LevelChain, level: RoundLevel): boolean =>
  chain.reviewOnly.includes(level);

/** What forwarding looks at in a council's result. */
export interface ForwardingOutcome {
  /** The star of the score's band alone (5★ means ≥ 90 points). */
  bandStars: Stars;
  /** The highest star the minimum-star markers allow. */
  markerMaxStars: Stars;
}

/**
 * The star a result earns on its own merits: the band, capped by every minimum-star marker, but not by the level's
 * maximum (a province result is 4★ at most, yet it is the product's 5★ potential that the ministry is asked about).
 */
export const starsBeforeLevelCap = (o: ForwardingOutcome): Stars =>
  Math.min(o.bandStars, o.markerMaxStars) as Stars;

/**
 * The level a result goes on to: the next level of the chain when the star after every marker reaches the level's
 * forwarding star. An average of 55.67 capped to 2★ by a marker stays where it is; from the province only a result
 * of ≥ 90 points whose 5★ markers are all met is proposed to the ministry.
 */
export function forwardedTo(
  chain: LevelChain,
  level: RoundLevel,
  outcome: ForwardingOutcome,
): RoundLevel | undefined {
  const min = LEVEL_RULES[level].forwardMinStars;
  return min !== undefined && starsBeforeLevelCap(outcome) >= min ? nextLevel(chain, level) : undefined;
}

/** A province result that may be proposed to the ministry for 5★ ("sản phẩm tiềm năng 5 sao"). */
export const potentialFiveStar = (level: RoundLevel, o: ForwardingOutcome): boolean =>
  level === 'province' && starsBeforeLevelCap(o) === 5;

/** The star certified for an approved result of this level, if any. */
export function certifiedStarsFor(level: RoundLevel, stars: Stars): CertifiedStars | undefined {
  return LEVEL_RULES[level].certifies.find((s) => s === stars);
}
