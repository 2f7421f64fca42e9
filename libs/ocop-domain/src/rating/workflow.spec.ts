import { DOSSIER_STATUSES, DOSSIER_TRANSITIONS, ROUND_TRANSITIONS, transition } from './workflow';

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
