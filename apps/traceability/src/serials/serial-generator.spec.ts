import { isCset82 } from '@ocop/ocop-domain';
import { randomSerials, SERIAL_ALPHABET, SERIAL_LENGTH } from './serial-generator';

describe('random serials', () => {
  const serials = randomSerials(50_000);

  it('are unique, of fixed length, within GS1 set 82', () => {
    expect(new Set(serials).size).toBe(50_000);
    expect(serials.every((s) => s.length === SERIAL_LENGTH && isCset82(s))).toBe(true);
  });

  it('look random: every character equally likely in every position, no sequence between neighbours', () => {
    const expected = (serials.length * SERIAL_LENGTH) / SERIAL_ALPHABET.length;
    const counts = new Map<string, number>();
    for (const s of serials) for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(counts.size).toBe(32);
    // Chi-square with 31 degrees of freedom: above 61.1 happens by chance once in 1,000 runs.
    const chi2 = [...counts.values()].reduce((sum, n) => sum + (n - expected) ** 2 / expected, 0);
    expect(chi2).toBeLessThan(61.1);
    for (let pos = 0; pos < SERIAL_LENGTH; pos++) {
      const first = new Set(serials.slice(0, 2000).map((s) => s[pos]));
      expect(first.size).toBe(32);
    }
    const sharedPrefix = serials
      .slice(1, 1000)
      .filter((s, i) => s.slice(0, 4) === serials[i].slice(0, 4)).length;
    expect(sharedPrefix).toBeLessThan(5);
  });
});
