import { Outcome, Verification } from '../verification/verification';
import { verdictOf } from './verdict';

const v = (outcome: Outcome, level: Verification['level'] = 'unit'): Verification => ({
  outcome,
  level,
  reason: { vi: 'x', en: 'x' },
});

describe('the verdict: one state per page', () => {
  it('gives each outcome its own state, colour and trust', () => {
    const table = (
      [
        'genuine',
        'not-released',
        'recalled',
        'expired',
        'certificate-expired',
        'certificate-revoked',
        'producer-suspended',
        'forged',
        'unknown',
      ] as Outcome[]
    ).map((o) => {
      const d = verdictOf(v(o), false);
      return [o, d.state, d.tone, d.trusted, d.stars];
    });
    expect(table).toEqual([
      ['genuine', 'genuine', 'ok', true, true],
      ['not-released', 'not-released', 'warn', true, true],
      ['recalled', 'recalled', 'bad', true, false],
      ['expired', 'expired', 'bad', true, false],
      ['certificate-expired', 'certificate-expired', 'warn', true, false],
      ['certificate-revoked', 'certificate-revoked', 'warn', true, false],
      ['producer-suspended', 'producer-suspended', 'bad', true, false],
      ['forged', 'forged', 'bad', false, false],
      ['unknown', 'unknown', 'bad', false, false],
    ]);
  });

  it('possibly copied is its own amber state, never the green box', () => {
    const d = verdictOf(v('genuine'), true);
    expect(d).toMatchObject({ state: 'possibly-copied', tone: 'warn', hotline: true });
    expect(d.headline.en).not.toMatch(/genuine/i);
    // A more serious finding stays what it is, however often the label was scanned.
    expect(verdictOf(v('forged'), true).state).toBe('forged');
    expect(verdictOf(v('recalled'), true).state).toBe('recalled');
  });

  it('tells forged and unknown codes what to do: do not eat, keep it, report, call the hotline', () => {
    for (const o of ['forged', 'unknown'] as Outcome[]) {
      const d = verdictOf(v(o), false);
      expect(d.advice.map((a) => a.en).join(' ')).toMatch(/Do not eat.*Keep.*Report/);
      expect(d.hotline).toBe(true);
    }
  });

  it('a batch or product scan is a registered batch or product, not "genuine"', () => {
    expect(verdictOf(v('genuine', 'batch'), false)).toMatchObject({
      state: 'registered',
      tone: 'ok',
      headline: { vi: 'Lô hàng đã đăng ký', en: 'Registered batch' },
    });
    expect(verdictOf(v('genuine', 'product'), false).headline.en).toBe('Registered product');
  });
});
