import { describe, expect, it } from 'vitest';
import { withCode } from './verify-views';

describe('withCode', () => {
  it('puts a new code on a line of its own at the end, whatever the list ends with', () => {
    expect(withCode('', 'B')).toBe('B');
    expect(withCode('A', 'B')).toBe('A\nB');
    expect(withCode('A\n\n  ', 'B')).toBe('A\nB');
  });

  it('leaves the list alone when it holds the code already, spaces around it or not', () => {
    expect(withCode('A\n  B \nC', 'B')).toBeUndefined();
  });
});
