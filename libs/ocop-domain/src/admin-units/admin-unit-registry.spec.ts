import { adminUnits, unitMapOfProvince } from './admin-unit-registry';

describe('administrative units', () => {
  const registry = adminUnits();

  it('loads Ben Tre 2022: province 83, 9 districts, 157 communes of the right types', () => {
    expect(registry.unit('bt-2022', '83')?.name).toBe('Tỉnh Bến Tre');
    expect(registry.units('bt-2022', { level: 'district' })).toHaveLength(9);
    const communes = registry.units('bt-2022', { level: 'commune' });
    expect(communes).toHaveLength(157);
    const byType = communes.reduce<Record<string, number>>(
      (acc, u) => ({ ...acc, [u.type]: (acc[u.type] ?? 0) + 1 }),
      {},
    );
    expect(byType).toEqual({ Xã: 142, Phường: 8, 'Thị trấn': 7 });
    expect(registry.units('bt-2022', { parentCode: '832' })).toHaveLength(11);
  });

  it('loads the 2025-07 map: Vinh Long (86) and the 49 communes covering former Ben Tre, without districts', () => {
    expect(registry.unit('vl-2025-07', '86')?.name).toBe('Tỉnh Vĩnh Long');
    expect(registry.units('vl-2025-07', { level: 'district' })).toHaveLength(0);
    expect(registry.units('vl-2025-07', { level: 'commune', parentCode: '86' })).toHaveLength(49);
    expect(registry.commune('vl-2025-07', '28870')?.name).toBe('Xã Chợ Lách');
  });

  it('knows which map is in force, switching at midnight in Viet Nam', () => {
    expect(registry.mapAt(new Date('2023-05-01T00:00:00Z')).id).toBe('bt-2022');
    expect(registry.mapAt(new Date('2025-06-30T16:59:59Z')).id).toBe('bt-2022');
    expect(registry.mapAt(new Date('2025-06-30T17:00:00Z')).id).toBe('vl-2025-07');
    expect(registry.mapAt(new Date('2026-11-28T00:00:00Z')).id).toBe('vl-2025-07');
    expect(registry.mapAt(new Date('2019-01-01T00:00:00Z')).id).toBe('bt-2022');
  });

  it('keeps codes per map: a 2022 code is not a 2025 commune unless that map has it', () => {
    expect(registry.commune('bt-2022', '28780')?.name).toBe('Phường 7');
    expect(registry.commune('vl-2025-07', '28780')).toBeUndefined();
    expect(registry.commune('bt-2022', '832')).toBeUndefined();
    expect(registry.commune('bt-2022', '99999')).toBeUndefined();
  });

  it('places a 2022 commune under both maps', () => {
    // Hòa Nghĩa (Chợ Lách) became part of Xã Chợ Lách.
    expect(registry.places('bt-2022', '28882')).toEqual({
      'bt-2022': { provinceCode: '83', districtCode: '832', communeCode: '28882' },
      'vl-2025-07': { provinceCode: '86', communeCode: '28870' },
    });
    // Hòa Lộc was split in two: no single 2025 commune.
    expect(registry.places('bt-2022', '28924')['vl-2025-07']).toEqual({ provinceCode: '86' });
    // Phường 4 was merged away before 2025-03: the mapping does not say where.
    expect(registry.places('bt-2022', '28765')['vl-2025-07']).toEqual({ provinceCode: '86' });
  });

  it('places a 2025 commune under the 2022 map only as far as it is certain', () => {
    // Xã Chợ Lách = Thị trấn Chợ Lách + Hòa Nghĩa + Long Thới: one district, no single commune.
    expect(registry.places('vl-2025-07', '28870')['bt-2022']).toEqual({
      provinceCode: '83',
      districtCode: '832',
    });
    // Phường Bến Tre includes Thanh Tân of Mỏ Cày Bắc: two districts, so no district.
    expect(registry.predecessorsOf('28789')).toEqual(expect.arrayContaining(['28780', '28789', '28906']));
    expect(registry.places('vl-2025-07', '28789')['bt-2022']).toEqual({ provinceCode: '83' });
    expect(registry.places('vl-2025-07', '28777')['vl-2025-07']).toEqual({
      provinceCode: '86',
      communeCode: '28777',
    });
  });

  it('returns province-only places for a missing commune', () => {
    expect(registry.places('bt-2022', undefined)).toEqual({
      'bt-2022': { provinceCode: '83' },
      'vl-2025-07': { provinceCode: '86' },
    });
  });

  it('finds units whatever the diacritics, case and GSO spelling', () => {
    for (const query of ['Qưới Sơn', 'Quới Sơn', 'quoi son', 'QUOI SON', 'Xã Quới Sơn']) {
      expect(registry.search(query)[0]?.unit).toMatchObject({ code: '28807', name: 'Xã Qưới Sơn' });
    }
    // 2022 GSO writes "An Quy", the 2025 list "An Qui": one place name.
    expect(registry.search('an qui', { map: 'bt-2022' })[0]?.unit).toMatchObject({
      code: '29218',
      name: 'Xã An Quy',
    });
    expect(registry.search('an quy', { map: 'vl-2025-07' })[0]?.unit).toMatchObject({
      code: '29224',
      name: 'Xã An Qui',
    });
  });

  it('ranks exact names before prefixes before other word matches, current map first on ties', () => {
    const hits = registry.search('giao long');
    expect(hits[0]).toMatchObject({ score: 3, unit: { map: 'vl-2025-07', code: '28807' } });
    expect(hits[1]).toMatchObject({ score: 3, unit: { map: 'bt-2022', code: '28813' } });
    const phuoc = registry.search('phuoc', { map: 'bt-2022', level: 'commune' });
    expect(phuoc.length).toBeGreaterThan(3);
    expect(phuoc.every((h) => h.score >= 1)).toBe(true);
    expect(registry.search('cho lach', { level: 'district' }).map((h) => h.unit.code)).toEqual(['832']);
    expect(registry.search('  ')).toEqual([]);
  });
});

describe('unitMapOfProvince', () => {
  it('names the map an officer’s province is written in, and none for anything else', () => {
    expect(unitMapOfProvince('83')).toBe('bt-2022');
    expect(unitMapOfProvince('86')).toBe('vl-2025-07');
    expect(unitMapOfProvince('01')).toBeUndefined();
    // A province code is input: a name every object has is not a map.
    expect(unitMapOfProvince('constructor')).toBeUndefined();
    expect(unitMapOfProvince(undefined)).toBeUndefined();
  });
});
