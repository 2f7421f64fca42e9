import { normaliseEmail, normaliseVietnamesePhone, parseIdentifier } from './identifiers';

describe('normaliseEmail', () => {
  it('trims and lower-cases', () => {
    expect(normaliseEmail('  Nguyen.An@Example.VN ')).toBe('nguyen.an@example.vn');
  });
});

describe('normaliseVietnamesePhone', () => {
  it.each([
    ['0912345678', '+84912345678'],
    ['0912 345 678', '+84912345678'],
    ['091.234.5678', '+84912345678'],
    ['+84 912 345 678', '+84912345678'],
    ['84912345678', '+84912345678'],
    ['0084912345678', '+84912345678'],
    ['(0275) 382 2345', '+842753822345'],
    ['0356789012', '+84356789012'],
  ])('%s → %s', (input, expected) => {
    expect(normaliseVietnamesePhone(input)).toBe(expected);
  });

  it.each(['912345678', '01234567', '0112345678', '+8491234567', '+1 415 555 0100', 'abc'])(
    'rejects %s',
    (input) => {
      expect(normaliseVietnamesePhone(input)).toBeUndefined();
    },
  );
});

describe('parseIdentifier', () => {
  it('reads an e-mail or a phone number', () => {
    expect(parseIdentifier('An@Example.vn')).toEqual({ kind: 'email', value: 'an@example.vn' });
    expect(parseIdentifier('0912 345 678')).toEqual({ kind: 'phone', value: '+84912345678' });
    expect(parseIdentifier('not a phone')).toBeUndefined();
  });
});
