import { CertifiedStars, Stars } from '../ocop/stars';

/**
 * Who evaluates a product, and what each level may decide. The chain of levels changed with the administrative
 * reform of 2025, so it is data: QĐ 148 (2023) has district → province → central; from 6 July 2025 (QĐ 1489)
 * there are no districts and the commune reviews and proposes instead. A round names its chain and its level.
 */
export type RoundLevel = 'commune' | 'district' | 'province' | 'central';
export const ROUND_LEVELS: readonly RoundLevel[] = ['commune', 'district', 'province', 'central'] as const;

export type LevelChainId = 'qd148-2023' | 'qd1489-2025';

export interface LevelRule {
  level: RoundLevel;
  nameVi: string;
  nameEn: string;
  /** The highest star a result of this level carries. */
  maxStars: Stars;
  /** Stars for which this level's approved results are certified. */
  certifies: readonly CertifiedStars[];
  /** A result with at least this score goes on to the next level of the chain. */
  forwardMinScore?: number;
}

export const LEVEL_RULES: Readonly<Record<RoundLevel, LevelRule>> = {
  commune: {
    level: 'commune',
    nameVi: 'Cấp xã',
    nameEn: 'Commune',
    maxStars: 4,
    certifies: [],
    forwardMinScore: 50,
  },
  district: {
    level: 'district',
    nameVi: 'Cấp huyện',
    nameEn: 'District',
    maxStars: 4,
    certifies: [],
    forwardMinScore: 50,
  },
  // The province certifies 3★ and 4★; a product of 90 or more is "potential 5★" and goes to the central council.
  province: {
    level: 'province',
    nameVi: 'Cấp tỉnh',
    nameEn: 'Province',
    maxStars: 4,
    certifies: [3, 4],
    forwardMinScore: 90,
  },
  // Only the central (ministry) council awards 5★; a lower result there leaves the province's certificate as it is.
  central: { level: 'central', nameVi: 'Cấp trung ương', nameEn: 'Central', maxStars: 5, certifies: [5] },
};

export interface LevelChain {
  id: LevelChainId;
  nameVi: string;
  nameEn: string;
  legalBasis: string;
  /** ISO dates (inclusive) during which rounds are run under this chain. */
  validFrom: string;
  validTo: string | null;
  levels: readonly RoundLevel[];
}

export const LEVEL_CHAINS: readonly LevelChain[] = [
  {
    id: 'qd148-2023',
    nameVi: 'Quy trình theo QĐ 148/QĐ-TTg: huyện → tỉnh → trung ương',
    nameEn: 'Process of QĐ 148/QĐ-TTg: district → province → central',
    legalBasis: '148/QĐ-TTg',
    validFrom: '2023-02-24',
    validTo: '2025-07-05',
    levels: ['district', 'province', 'central'],
  },
  {
    id: 'qd1489-2025',
    nameVi: 'Quy trình theo QĐ 1489/QĐ-TTg: xã → tỉnh → trung ương',
    nameEn: 'Process of QĐ 1489/QĐ-TTg: commune → province → central',
    legalBasis: '1489/QĐ-TTg',
    validFrom: '2025-07-06',
    validTo: null,
    levels: ['commune', 'province', 'central'],
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

/** The level a result goes on to, if its score reaches the forwarding threshold of its level. */
export function forwardedTo(chain: LevelChain, level: RoundLevel, score: number): RoundLevel | undefined {
  const threshold = LEVEL_RULES[level].forwardMinScore;
  return threshold !== undefined && score >= threshold ? nextLevel(chain, level) : undefined;
}

/** The star certified for an approved result of this level, if any. */
export function certifiedStarsFor(level: RoundLevel, stars: Stars): CertifiedStars | undefined {
  return LEVEL_RULES[level].certifies.find((s) => s === stars);
}
