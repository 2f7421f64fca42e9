import { describe, expect, it } from 'vitest';
import { formatValidThrough } from './format';

describe('formatValidThrough', () => {
  it('prints the last day of validity, not the Vietnamese midnight at which the certificate stops being valid', () => {
    // Decided on 05/12/2026: valid through 05/12/2029, no longer valid from 00:00 on 06/12/2029 (Viet Nam).
    expect(formatValidThrough('2029-12-05T17:00:00.000Z')).toBe('05/12/2029');
  });

  it('shows a dash for a missing or unreadable instant rather than a wrong date', () => {
    expect(formatValidThrough(undefined)).toBe('—');
    expect(formatValidThrough('not a date')).toBe('—');
  });
});
