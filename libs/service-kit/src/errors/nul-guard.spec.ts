import { findNul } from './nul-guard';

describe('findNul', () => {
  it('names the first NUL in document order, in values and in keys', () => {
    expect(findNul({ items: [{ name: 'a' }, { name: 'b\u0000' }], z: '\u0000' }, 'body')).toBe(
      'body.items[1].name',
    );
    expect(findNul({ ok: 'x', ['k\u0000']: 1 }, 'body')).toBe('body.k\u0000');
    expect(findNul('a\u0000', 'path')).toBe('path');
    expect(findNul({ a: [1, null, true, 'clean'] }, 'body')).toBeUndefined();
  });

  it('finds a NUL however deep it sits (the old walk stopped at 32 levels)', () => {
    let deep: unknown = { name: 'x\u0000' };
    let path = '.name';
    for (let i = 0; i < 3000; i++) {
      deep = i % 2 ? [deep] : { child: deep };
      path = `${i % 2 ? '[0]' : '.child'}${path}`;
    }
    expect(findNul(deep, 'body')).toBe(`body${path}`);
  });
});
