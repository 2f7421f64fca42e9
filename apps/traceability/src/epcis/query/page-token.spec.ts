import { DomainError } from '@ocop/contracts';
import { PageTokens } from './page-token';

const codeOf = (read: () => unknown) => {
  try {
    read();
  } catch (err) {
    return (err as DomainError).code;
  }
  return 'accepted';
};

describe('EPCIS page tokens', () => {
  const tokens = new PageTokens('a-test-secret-of-at-least-32-characters');
  const position = { at: '1788220800000000', seq: '42', given: 60 };

  it('give back the position they were issued with, for the same query', () => {
    const token = tokens.issue('query-1', position);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(tokens.read('query-1', token)).toEqual(position);
    expect(tokens.read('q', tokens.issue('q', { seq: '7', given: 1 }))).toEqual({ seq: '7', given: 1 });
  });

  it('refuse a token altered, cut, replayed on another query, or signed with another secret', () => {
    const token = tokens.issue('query-1', position);
    const [body, mac] = token.split('.');
    const forged = Buffer.from(JSON.stringify(['1788220800000000', '1', 0, 'x'])).toString('base64url');
    const flipped = `${body.slice(0, -1)}${body.endsWith('A') ? 'B' : 'A'}.${mac}`;
    for (const bad of [flipped, `${forged}.${mac}`, body, token.slice(0, -2), `${token}.x`, '']) {
      expect(codeOf(() => tokens.read('query-1', bad))).toBe('invalid-cursor');
    }
    expect(codeOf(() => tokens.read('query-2', token))).toBe('invalid-cursor');
    const other = new PageTokens('another-secret-of-at-least-32-characters!');
    expect(codeOf(() => other.read('query-1', token))).toBe('invalid-cursor');
  });
});
