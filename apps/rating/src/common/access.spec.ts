import { Actor } from '@ocop/auth';
import { officerCoversPlaces, officerCoversTerritory, Places, territoryContains } from './access';

const officer = (scope: Actor['scope']): Actor => ({
  accountId: 'o',
  roles: ['officer'],
  scope,
  language: 'vi',
});
const chauThanh: Places = {
  'bt-2022': { provinceCode: '83', districtCode: '831', communeCode: '28807' },
  'vl-2025-07': { provinceCode: '86', communeCode: '28810' },
};

describe('territory', () => {
  it('judges a place under the map the officer’s scope is written in', () => {
    expect(officerCoversPlaces(officer({ provinceCode: '83', districtCode: '831' }), chauThanh)).toBe(true);
    expect(officerCoversPlaces(officer({ provinceCode: '83', districtCode: '829' }), chauThanh)).toBe(false);
    expect(officerCoversPlaces(officer({ provinceCode: '86', communeCode: '28810' }), chauThanh)).toBe(true);
    expect(officerCoversPlaces(officer({ provinceCode: '99' }), chauThanh)).toBe(false);
  });

  it('lets a district officer run rounds of the district, not of the province', () => {
    const district = officer({ provinceCode: '83', districtCode: '831' });
    expect(
      officerCoversTerritory(district, { unitMap: 'bt-2022', provinceCode: '83', districtCode: '831' }),
    ).toBe(true);
    expect(officerCoversTerritory(district, { unitMap: 'bt-2022', provinceCode: '83' })).toBe(false);
    expect(
      officerCoversTerritory(officer({ provinceCode: '83' }), { unitMap: 'bt-2022', provinceCode: '83' }),
    ).toBe(true);
  });

  it('places a producer inside a round’s territory', () => {
    expect(
      territoryContains({ unitMap: 'bt-2022', provinceCode: '83', districtCode: '831' }, chauThanh),
    ).toBe(true);
    expect(
      territoryContains({ unitMap: 'vl-2025-07', provinceCode: '86', communeCode: '28756' }, chauThanh),
    ).toBe(false);
    expect(territoryContains({ unitMap: 'vl-2025-07', provinceCode: '86' }, chauThanh)).toBe(true);
  });
});
