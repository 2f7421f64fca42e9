import { PlaceV1, UnitMapId } from '@ocop/contracts';
import { foldVietnamese, matchesAllWords } from '../text/vietnamese-fold';
import { parseCsvRows } from '../rating/csv';
import { vietnamDateOf } from '../calendar/vietnam-calendar';
import benTre2022Csv from './data/ben-tre-admin-units-2022.csv';
import succession2025Csv from './data/ben-tre-communes-2025-to-2025-07-mapping.csv';

export type UnitLevel = 'province' | 'district' | 'commune';

export interface UnitMap {
  id: UnitMapId;
  nameVi: string;
  nameEn: string;
  provinceCode: string;
  /** ISO dates, inclusive. The earliest map also answers for dates before it: it is the oldest one we hold. */
  validFrom: string;
  validTo: string | null;
  levels: UnitLevel[];
  /**
   * Who certifies 3★ and 4★ products on this map: the People's Committee of its province (decision 0036). Rating
   * prints it on certificates decided while the map is in force; a province may override it in configuration.
   */
  issuer: { vi: string; en: string };
}

export interface AdminUnit {
  map: UnitMapId;
  code: string;
  name: string;
  /** As GSO writes it: Tỉnh, Thành phố, Huyện, Xã, Phường, Thị trấn. */
  type: string;
  level: UnitLevel;
  provinceCode: string;
  districtCode?: string;
}

export const UNIT_MAPS: readonly UnitMap[] = [
  {
    id: 'bt-2022',
    nameVi: 'Bến Tre 2022 (tỉnh – huyện – xã)',
    nameEn: 'Ben Tre as of 2022 (province – district – commune)',
    provinceCode: '83',
    validFrom: '2022-10-01',
    validTo: '2025-06-30',
    levels: ['province', 'district', 'commune'],
    issuer: { vi: 'ỦY BAN NHÂN DÂN TỈNH BẾN TRE', en: "People's Committee of Ben Tre Province" },
  },
  {
    id: 'vl-2025-07',
    nameVi: 'Vĩnh Long từ 01/7/2025 (tỉnh – xã)',
    nameEn: 'Vinh Long from 1 July 2025 (province – commune)',
    provinceCode: '86',
    validFrom: '2025-07-01',
    validTo: null,
    levels: ['province', 'commune'],
    issuer: { vi: 'ỦY BAN NHÂN DÂN TỈNH VĨNH LONG', en: "People's Committee of Vinh Long Province" },
  },
] as const;

export const UNIT_MAP_IDS: readonly UnitMapId[] = UNIT_MAPS.map((m) => m.id);

/**
 * The map a province code is written in (83: Bến Tre 2022, 86: Vĩnh Long from July 2025). An officer's territory
 * and a round's are written in the codes of one map, so every service judges a producer by its place under the map
 * of the officer's province.
 */
export function unitMapOfProvince(provinceCode: string | undefined): UnitMapId | undefined {
  return UNIT_MAPS.find((m) => m.provinceCode === provinceCode)?.id;
}

// "Đặc khu" (special zone) is the third commune-level type from July 2025; Bến Tre has none, other provinces do.
const TYPE_PREFIX = /^(Tỉnh|Thành phố|Huyện|Thị xã|Quận|Xã|Phường|Thị trấn|Đặc khu)\s+/;

/** A commune's district (2022) or province (2025, no districts); a district's province. */
export function parentCodeOf(unit: AdminUnit): string | undefined {
  if (unit.level === 'commune') return unit.districtCode ?? unit.provinceCode;
  return unit.level === 'district' ? unit.provinceCode : undefined;
}

export interface UnitSearchHit {
  unit: AdminUnit;
  score: number;
}

interface Indexed {
  unit: AdminUnit;
  fullKey: string;
  shortKey: string;
}

/**
 * The administrative units of both maps, their succession from the 2022 communes to the 2025-07 ones, and the
 * answers built on them: is this a commune, where is it under the other map, which units match a name.
 * Reference data only changes with a release, so it lives in memory.
 */
export class AdminUnitRegistry {
  private readonly byKey = new Map<string, Indexed>();
  private readonly successors: Map<string, string[]>;
  private readonly predecessors = new Map<string, string[]>();

  constructor(units: AdminUnit[], successors: Map<string, string[]>) {
    for (const unit of units) {
      this.byKey.set(`${unit.map}:${unit.code}`, {
        unit,
        fullKey: foldVietnamese(unit.name),
        shortKey: foldVietnamese(unit.name.replace(TYPE_PREFIX, '')),
      });
    }
    this.successors = successors;
    for (const [from, tos] of successors) {
      for (const to of tos) this.predecessors.set(to, [...(this.predecessors.get(to) ?? []), from]);
    }
  }

  maps(): readonly UnitMap[] {
    return UNIT_MAPS;
  }

  map(id: UnitMapId): UnitMap {
    const found = UNIT_MAPS.find((m) => m.id === id);
    if (!found) throw new Error(`Unknown unit map ${id}`);
    return found;
  }

  /** The map in force at an instant. Units change at midnight in Viet Nam (UTC+7), not in UTC. */
  mapAt(at: Date): UnitMap {
    return this.mapOn(vietnamDateOf(at));
  }

  /** The map in force on a Vietnamese calendar day (YYYY-MM-DD). */
  mapOn(day: string): UnitMap {
    return (
      UNIT_MAPS.find((m) => day >= m.validFrom && (m.validTo === null || day <= m.validTo)) ?? UNIT_MAPS[0]
    );
  }

  unit(map: UnitMapId, code: string): AdminUnit | undefined {
    return this.byKey.get(`${map}:${code}`)?.unit;
  }

  commune(map: UnitMapId, code: string): AdminUnit | undefined {
    const unit = this.unit(map, code);
    return unit?.level === 'commune' ? unit : undefined;
  }

  /** Units of a map, optionally of one level or under one parent (province → districts, district → communes). */
  units(map: UnitMapId, filter: { level?: UnitLevel; parentCode?: string } = {}): AdminUnit[] {
    return [...this.byKey.values()]
      .map((i) => i.unit)
      .filter((u) => u.map === map)
      .filter((u) => !filter.level || u.level === filter.level)
      .filter((u) => !filter.parentCode || parentCodeOf(u) === filter.parentCode)
      .sort((a, b) => a.code.localeCompare(b.code));
  }

  /** 2025-07 communes that a 2022 commune became (two when it was split; none for the nine merged before 2025). */
  successorsOf(code2022: string): string[] {
    return this.successors.get(code2022) ?? [];
  }

  /** 2022 communes that make up a 2025-07 commune. */
  predecessorsOf(code2025: string): string[] {
    return this.predecessors.get(code2025) ?? [];
  }

  /**
   * The place of a commune under each map. Under its own map it is exact; under the other one a code is given
   * only when it is certain, so that nothing is counted in, or scoped to, a unit it may not belong to.
   */
  places(map: UnitMapId, communeCode: string | null | undefined): Record<UnitMapId, PlaceV1> {
    const bt: PlaceV1 = { provinceCode: this.map('bt-2022').provinceCode };
    const vl: PlaceV1 = { provinceCode: this.map('vl-2025-07').provinceCode };
    const commune = communeCode ? this.commune(map, communeCode) : undefined;
    if (!commune) return { 'bt-2022': bt, 'vl-2025-07': vl };
    if (map === 'bt-2022') {
      const next = this.successorsOf(commune.code);
      return {
        'bt-2022': { ...bt, districtCode: commune.districtCode, communeCode: commune.code },
        'vl-2025-07': next.length === 1 ? { ...vl, communeCode: next[0] } : vl,
      };
    }
    const previous = this.predecessorsOf(commune.code).map((code) => this.commune('bt-2022', code));
    const districts = new Set(previous.map((u) => u?.districtCode));
    const single =
      previous.length === 1 && this.successorsOf(previous[0]?.code ?? '').length === 1
        ? previous[0]
        : undefined;
    return {
      'bt-2022': {
        ...bt,
        ...(districts.size === 1 && previous[0]?.districtCode
          ? { districtCode: previous[0].districtCode }
          : {}),
        ...(single ? { communeCode: single.code } : {}),
      },
      'vl-2025-07': { ...vl, communeCode: commune.code },
    };
  }

  /**
   * Units whose name matches, tolerant of diacritics, case and GSO spellings ("Qưới Sơn" = "quoi son"): the
   * exact name first, then names that start with the query, then names containing all its words.
   */
  search(query: string, filter: { map?: UnitMapId; level?: UnitLevel } = {}): UnitSearchHit[] {
    const key = foldVietnamese(query);
    if (!key) return [];
    const hits: UnitSearchHit[] = [];
    for (const { unit, fullKey, shortKey } of this.byKey.values()) {
      if (filter.map && unit.map !== filter.map) continue;
      if (filter.level && unit.level !== filter.level) continue;
      let score = 0;
      if (shortKey === key || fullKey === key || unit.code === query.trim()) score = 3;
      else if (shortKey.startsWith(key) || fullKey.startsWith(key)) score = 2;
      else if (matchesAllWords(unit.name, query)) score = 1;
      if (score) hits.push({ unit, score });
    }
    const mapOrder = (id: UnitMapId) => UNIT_MAP_IDS.length - UNIT_MAP_IDS.indexOf(id);
    return hits.sort(
      (a, b) =>
        b.score - a.score ||
        mapOrder(a.unit.map) - mapOrder(b.unit.map) ||
        a.unit.code.localeCompare(b.unit.code),
    );
  }
}

function records(text: string, expectedHeader: string[]): Record<string, string>[] {
  const [header, ...rows] = parseCsvRows(text);
  if (header?.fields.join(',') !== expectedHeader.join(',')) {
    throw new Error(`Administrative unit data: unexpected header ${header?.fields.join(',')}`);
  }
  return rows.map((r) =>
    Object.fromEntries(expectedHeader.map((name, i) => [name, (r.fields[i] ?? '').trim()])),
  );
}

const typeOf = (name: string) => TYPE_PREFIX.exec(name)?.[1] ?? '';

/**
 * Builds the registry from the CSV copies in ./data and checks them: a file that does not add up stops the
 * service at start rather than filing producers under the wrong commune.
 */
export function loadAdminUnits(): AdminUnitRegistry {
  const units: AdminUnit[] = [];
  const seen = new Set<string>();
  const add = (unit: AdminUnit) => {
    const key = `${unit.map}:${unit.code}`;
    if (seen.has(key)) return;
    seen.add(key);
    units.push(unit);
  };

  const rows2022 = records(benTre2022Csv, [
    'commune_code',
    'commune_name',
    'commune_type',
    'district_code',
    'district_name',
    'district_type',
    'province_code',
    'province_name',
  ]);
  for (const r of rows2022) {
    add({
      map: 'bt-2022',
      code: r['province_code'],
      name: r['province_name'],
      type: 'Tỉnh',
      level: 'province',
      provinceCode: r['province_code'],
    });
    add({
      map: 'bt-2022',
      code: r['district_code'],
      name: r['district_name'],
      type: r['district_type'],
      level: 'district',
      provinceCode: r['province_code'],
    });
    add({
      map: 'bt-2022',
      code: r['commune_code'],
      name: r['commune_name'],
      type: r['commune_type'],
      level: 'commune',
      provinceCode: r['province_code'],
      districtCode: r['district_code'],
    });
  }

  const successors = new Map<string, string[]>();
  const rows2025 = records(succession2025Csv, [
    'old_commune_code_2025_03',
    'old_commune_name',
    'new_commune_codes_2025_07',
    'new_commune_names_2025_07',
    'new_province_code',
    'new_province_name',
  ]);
  for (const r of rows2025) {
    const codes = r['new_commune_codes_2025_07'].split(';').map((c) => c.trim());
    const names = r['new_commune_names_2025_07'].split(';').map((n) => n.trim());
    if (codes.length !== names.length)
      throw new Error(
        `Administrative unit data: codes and names differ for ${r['old_commune_code_2025_03']}`,
      );
    if (!seen.has(`bt-2022:${r['old_commune_code_2025_03']}`)) {
      throw new Error(`Administrative unit data: ${r['old_commune_code_2025_03']} is not a 2022 commune`);
    }
    add({
      map: 'vl-2025-07',
      code: r['new_province_code'],
      name: r['new_province_name'],
      type: 'Tỉnh',
      level: 'province',
      provinceCode: r['new_province_code'],
    });
    codes.forEach((code, i) =>
      add({
        map: 'vl-2025-07',
        code,
        name: names[i],
        type: typeOf(names[i]),
        level: 'commune',
        provinceCode: r['new_province_code'],
      }),
    );
    successors.set(r['old_commune_code_2025_03'], codes);
  }

  const count = (map: UnitMapId, level: UnitLevel) =>
    units.filter((u) => u.map === map && u.level === level).length;
  const expected: [UnitMapId, UnitLevel, number][] = [
    ['bt-2022', 'district', 9],
    ['bt-2022', 'commune', 157],
    ['vl-2025-07', 'commune', 49],
  ];
  for (const [map, level, n] of expected) {
    if (count(map, level) !== n)
      throw new Error(`Administrative unit data: ${map} has ${count(map, level)} ${level}s, expected ${n}`);
  }
  if (successors.size !== 148)
    throw new Error(`Administrative unit data: ${successors.size} mapped communes, expected 148`);
  return new AdminUnitRegistry(units, successors);
}

let shared: AdminUnitRegistry | undefined;

/** The one registry of the process: validators and services read the same immutable data. */
export function adminUnits(): AdminUnitRegistry {
  shared ??= loadAdminUnits();
  return shared;
}
