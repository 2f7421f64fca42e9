import { scopeCovers } from './territory';

const districtOf = (commune: string) => ({ '28807': '831', '28810': '831', '28900': '835' })[commune];

describe('officer territory', () => {
  const commune = { provinceCode: '83', communeCode: '28807' };
  const district = { provinceCode: '83', districtCode: '831' };

  it('province-wide covers everything in the province, nothing outside', () => {
    expect(scopeCovers({ provinceCode: '83' }, commune, districtOf)).toBe(true);
    expect(scopeCovers({ provinceCode: '83' }, district, districtOf)).toBe(true);
    expect(scopeCovers({ provinceCode: '86' }, commune, districtOf)).toBe(false);
  });

  it('a district covers itself and its communes', () => {
    expect(scopeCovers({ provinceCode: '83', districtCode: '831' }, commune, districtOf)).toBe(true);
    expect(scopeCovers({ provinceCode: '83', districtCode: '831' }, district, districtOf)).toBe(true);
    expect(scopeCovers({ provinceCode: '83', districtCode: '835' }, commune, districtOf)).toBe(false);
  });

  it('a commune covers only itself, not its district', () => {
    expect(scopeCovers({ provinceCode: '83', communeCode: '28807' }, commune, districtOf)).toBe(true);
    expect(scopeCovers({ provinceCode: '83', communeCode: '28810' }, commune, districtOf)).toBe(false);
    expect(scopeCovers({ provinceCode: '83', communeCode: '28807' }, district, districtOf)).toBe(false);
    expect(scopeCovers(null, commune, districtOf)).toBe(false);
  });
});
