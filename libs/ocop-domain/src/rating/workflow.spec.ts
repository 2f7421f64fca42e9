import {
  certifiedStarsFor,
  entryLevel,
  forwardedTo,
  LEVEL_CHAINS,
  levelChain,
  previousLevel,
} from './levels';
import { DOSSIER_STATUSES, DOSSIER_TRANSITIONS, ROUND_TRANSITIONS, transition } from './workflow';

describe('levels of evaluation', () => {
  const [rules2023, rules2025] = LEVEL_CHAINS;

  it('has the 2023 chain district → province → central and the 2025 chain commune → province → central', () => {
    expect(levelChain('qd1489-2025')).toBe(rules2025);
    expect(LEVEL_CHAINS.map((c) => [c.id, c.levels.join('>')])).toEqual([
      ['qd148-2023', 'district>province>central'],
      ['qd1489-2025', 'commune>province>central'],
    ]);
    expect(entryLevel(rules2025)).toBe('commune');
    expect(previousLevel(rules2023, 'province')).toBe('district');
    expect(previousLevel(rules2023, 'district')).toBeUndefined();
  });

  it('forwards 50 and more to the province, 90 and more from the province to the central council', () => {
    expect(forwardedTo(rules2023, 'district', 49.99)).toBeUndefined();
    expect(forwardedTo(rules2023, 'district', 50)).toBe('province');
    expect(forwardedTo(rules2025, 'commune', 50)).toBe('province');
    expect(forwardedTo(rules2025, 'province', 89.99)).toBeUndefined();
    expect(forwardedTo(rules2025, 'province', 90)).toBe('central');
    expect(forwardedTo(rules2025, 'central', 100)).toBeUndefined();
  });

  it('lets the province certify 3★ and 4★ and only the central council 5★', () => {
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

describe('dossier workflow', () => {
  it('goes draft → submitted → returned → submitted → accepted → scored → decided', () => {
    let status = DOSSIER_STATUSES[0];
    for (const action of ['submit', 'return', 'submit', 'accept', 'finalise', 'decide'] as const) {
      const next = transition(DOSSIER_TRANSITIONS, action, status);
      if (!next) throw new Error(`${action} refused from ${status}`);
      status = next;
    }
    expect(status).toBe('decided');
  });

  it('refuses what the table does not allow', () => {
    expect(transition(DOSSIER_TRANSITIONS, 'accept', 'draft')).toBeUndefined();
    expect(transition(DOSSIER_TRANSITIONS, 'withdraw', 'accepted')).toBeUndefined();
    expect(transition(DOSSIER_TRANSITIONS, 'submit', 'decided')).toBeUndefined();
    expect(transition(ROUND_TRANSITIONS, 'close', 'scoring')).toBeUndefined();
    expect(transition(ROUND_TRANSITIONS, 'approve-results', 'scoring')).toBe('results-approved');
  });
});
