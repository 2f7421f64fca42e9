import { memberConflict } from './member-conflict';

describe('a council member’s conflict with a producer', () => {
  const producer = 'b7d0f3c2-0000-4000-8000-000000000001';
  const other = 'b7d0f3c2-0000-4000-8000-000000000002';

  it('is the account’s own producer, whatever else is declared', () => {
    expect(memberConflict(producer, { boundProducerIds: [producer], tiedProducerIds: [] })).toBe(
      'own-producer',
    );
    expect(
      memberConflict(producer, { boundProducerIds: [undefined, producer], tiedProducerIds: [producer] }),
    ).toBe('own-producer');
  });

  it('is a tie in force to that producer', () => {
    expect(
      memberConflict(producer, { boundProducerIds: [other, null], tiedProducerIds: [other, producer] }),
    ).toBe('declared-tie');
  });

  it('is none for a member bound or tied to other producers only', () => {
    expect(memberConflict(producer, { boundProducerIds: [other], tiedProducerIds: [other] })).toBeUndefined();
    expect(memberConflict(producer, { boundProducerIds: [], tiedProducerIds: [] })).toBeUndefined();
  });
});
