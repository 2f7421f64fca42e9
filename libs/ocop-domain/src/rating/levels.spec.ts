import {
  certifiedStarsFor,
  entryLevel,
  forwardedTo,
  LEVEL_CHAINS,
  levelChain,
  potentialFiveStar,
  previousLevel,
  reviewsOnly,
  ruleSetAt,
  withinPeriod,
} from './levels';

const chain = (id: string) => {
  const found = levelChain(id);
  if (!found) throw new Error(id);
  return found;
};

describe('rule sets of each period', () => {
  const [rules2019, rules2023, rules2025] = LEVEL_CHAINS;

  it('has the 1048 and 148 chains district → province → central and the 1489 chain commune → province → central', () => {
    expect(LEVEL_CHAINS.map((c) => [c.id, c.levels.join('>'), c.unitMaps.join(), c.rubricVersion])).toEqual([
      ['qd1048-2019', 'district>province>central', 'bt-2022', 'qd1048-2019'],
      ['qd148-2023', 'district>province>central', 'bt-2022', 'qd148-2023'],
      ['qd1489-2025', 'commune>province>central', 'vl-2025-07', 'qd148-2023'],
    ]);
    expect(entryLevel(rules2025)).toBe('commune');
    expect(previousLevel(rules2023, 'province')).toBe('district');
    expect(previousLevel(rules2019, 'district')).toBeUndefined();
    // The commune reviews and proposes; only the province council scores.
    expect(reviewsOnly(rules2025, 'commune')).toBe(true);
    expect(reviewsOnly(rules2025, 'province')).toBe(false);
    expect(reviewsOnly(rules2023, 'district')).toBe(false);
  });

  it('finds the rule set in force on a day, at the edges of each period', () => {
    expect(ruleSetAt('2019-08-20')).toBeUndefined();
    expect(ruleSetAt('2019-08-21')?.id).toBe('qd1048-2019');
    expect(ruleSetAt('2022-05-01')?.id).toBe('qd1048-2019');
    expect(ruleSetAt('2023-02-23')?.id).toBe('qd1048-2019');
    expect(ruleSetAt('2023-02-24')?.id).toBe('qd148-2023');
    expect(ruleSetAt('2025-07-05')?.id).toBe('qd148-2023');
    expect(ruleSetAt('2025-07-06')?.id).toBe('qd1489-2025');
    expect(ruleSetAt('2030-01-01')?.id).toBe('qd1489-2025');
  });

  it('wants a round wholly inside its period', () => {
    expect(withinPeriod(chain('qd148-2023'), '2024-03-01', '2024-05-31')).toBe(true);
    expect(withinPeriod(chain('qd148-2023'), '2022-03-01', '2022-05-31')).toBe(false);
    expect(withinPeriod(chain('qd148-2023'), '2025-06-20', '2025-07-06')).toBe(false);
    expect(withinPeriod(chain('qd1489-2025'), '2025-07-06', '2099-12-31')).toBe(true);
    expect(withinPeriod(chain('qd1489-2025'), '2025-07-05', '2025-08-01')).toBe(false);
  });
});

describe('forwarding on the final star', () => {
  const rules2023 = chain('qd148-2023');
  const rules2025 = chain('qd1489-2025');

  it('forwards from the district only what reaches 3★ after every marker', () => {
    // 55.67 points (3★ band) capped to 2★ by a 3★ marker: not forwarded.
    expect(forwardedTo(rules2023, 'district', { bandStars: 3, markerMaxStars: 2 })).toBeUndefined();
    expect(forwardedTo(rules2023, 'district', { bandStars: 2, markerMaxStars: 5 })).toBeUndefined();
    expect(forwardedTo(rules2023, 'district', { bandStars: 3, markerMaxStars: 5 })).toBe('province');
    expect(forwardedTo(rules2023, 'district', { bandStars: 5, markerMaxStars: 3 })).toBe('province');
  });

  it('proposes to the ministry only ≥ 90 points with the 5★ markers met, whatever the province’s own 4★ limit', () => {
    expect(forwardedTo(rules2025, 'province', { bandStars: 5, markerMaxStars: 5 })).toBe('central');
    expect(potentialFiveStar('province', { bandStars: 5, markerMaxStars: 5 })).toBe(true);
    // 93 points, but a 5★ marker (e.g. export under contract) is not met: 4★, not potential 5★.
    expect(forwardedTo(rules2025, 'province', { bandStars: 5, markerMaxStars: 4 })).toBeUndefined();
    expect(potentialFiveStar('province', { bandStars: 5, markerMaxStars: 4 })).toBe(false);
    expect(forwardedTo(rules2025, 'province', { bandStars: 4, markerMaxStars: 5 })).toBeUndefined();
    expect(forwardedTo(rules2025, 'central', { bandStars: 5, markerMaxStars: 5 })).toBeUndefined();
    expect(potentialFiveStar('district', { bandStars: 5, markerMaxStars: 5 })).toBe(false);
  });

  it('lets the province certify 3★ and 4★ and only the central level 5★', () => {
    expect([1, 2, 3, 4, 5].map((s) => certifiedStarsFor('province', s as 1))).toEqual([
      undefined,
      undefined,
      3,
      4,
      undefined,
    ]);
    expect(certifiedStarsFor('central', 5)).toBe(5);
    expect(certifiedStarsFor('central', 4)).toBeUndefined();
    expect(certifiedStarsFor('district', 4)).toBeUndefined();
  });
});
