import { jsonDeeperThan } from './json-body-parser';

const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('jsonDeeperThan', () => {
  it('counts arrays and objects, up to the limit and past it', () => {
    expect(jsonDeeperThan(nested(64), 64)).toBe(false);
    expect(jsonDeeperThan(nested(65), 64)).toBe(true);
    expect(jsonDeeperThan(`${'{"a":'.repeat(65)}1${'}'.repeat(65)}`, 64)).toBe(true);
    expect(jsonDeeperThan('[[1],[2],{"a":[3]}]', 3)).toBe(false);
    expect(jsonDeeperThan('[[1],[2],{"a":[3]}]', 2)).toBe(true);
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    expect(jsonDeeperThan(`{"a":"${'['.repeat(100)}"}`, 1)).toBe(false);
    expect(jsonDeeperThan(`{"a":"\\"${'{'.repeat(100)}\\\\"}`, 1)).toBe(false);
    // The escaped backslash ends the string: the brackets after it count.
    expect(jsonDeeperThan(`["\\\\",[[1]]]`, 2)).toBe(true);
  });

  it('reads 3,000 levels in a 6 KB body without recursion', () => {
    expect(jsonDeeperThan(nested(3000), 64)).toBe(true);
  });
});
