import type { UnitMapId } from '@ocop/contracts';
import { adminUnits, unitMapOfProvince } from '@ocop/ocop-domain';
import { Territory } from '../common/access';
import { RatingProblems } from '../common/problems';
import type { SetTargetDto } from './targets.dto';

/** The unit a target is for, checked against the administrative map of its province code. */
export interface TargetUnit extends Territory {
  level: 'province' | 'district' | 'commune';
  name: string;
}

/**
 * Reads the unit of a target: a province (83 on the 2022 map, 86 from July 2025), a district of the 2022 map, or a
 * commune of either map; a commune's district is taken from the map when it is not given. Unknown codes, a
 * district on the map without districts, a commune outside the district given are refused, naming the field.
 */
export function targetUnit(
  dto: Pick<SetTargetDto, 'provinceCode' | 'districtCode' | 'communeCode'>,
): TargetUnit {
  const unitMap: UnitMapId | undefined = unitMapOfProvince(dto.provinceCode);
  if (!unitMap)
    throw RatingProblems.invalid(
      'provinceCode',
      `không có bản đồ hành chính cho tỉnh ${dto.provinceCode} (83: Bến Tre 2022, 86: Vĩnh Long từ 01/7/2025)`,
      `no administrative map for province ${dto.provinceCode} (83: Ben Tre 2022, 86: Vinh Long from 1 July 2025)`,
    );
  const units = adminUnits();
  const map = units.map(unitMap);
  if (dto.districtCode && !map.levels.includes('district'))
    throw RatingProblems.invalid(
      'districtCode',
      `bản đồ ${map.nameVi} không có cấp huyện`,
      `the map ${map.nameEn} has no districts`,
    );
  const district = dto.districtCode ? units.unit(unitMap, dto.districtCode) : undefined;
  if (dto.districtCode && district?.level !== 'district')
    throw RatingProblems.invalid(
      'districtCode',
      `${dto.districtCode} không phải mã huyện của ${map.nameVi}`,
      `${dto.districtCode} is not a district of ${map.nameEn}`,
    );
  if (dto.communeCode) {
    const commune = units.commune(unitMap, dto.communeCode);
    if (!commune || (dto.districtCode && commune.districtCode !== dto.districtCode))
      throw RatingProblems.invalid(
        'communeCode',
        `${dto.communeCode} không phải mã xã của ${dto.districtCode ? `huyện ${dto.districtCode}` : map.nameVi}`,
        `${dto.communeCode} is not a commune of ${dto.districtCode ? `district ${dto.districtCode}` : map.nameEn}`,
      );
    return {
      unitMap,
      provinceCode: dto.provinceCode,
      ...(commune.districtCode ? { districtCode: commune.districtCode } : {}),
      communeCode: commune.code,
      level: 'commune',
      name: commune.name,
    };
  }
  if (district)
    return {
      unitMap,
      provinceCode: dto.provinceCode,
      districtCode: district.code,
      level: 'district',
      name: district.name,
    };
  const province = units.unit(unitMap, dto.provinceCode);
  return {
    unitMap,
    provinceCode: dto.provinceCode,
    level: 'province',
    name: province?.name ?? dto.provinceCode,
  };
}

/** The communes a unit counts for "communes covered" (a commune counts itself). */
export function communesOf(unit: Territory): string[] {
  if (unit.communeCode) return [unit.communeCode];
  return adminUnits()
    .units(unit.unitMap, { level: 'commune' })
    .filter((c) => !unit.districtCode || c.districtCode === unit.districtCode)
    .map((c) => c.code);
}

/** Whether the year overlaps the period of the map (the 2022 map also answers for the years before it). */
export function mapCoversYear(unitMap: UnitMapId, year: number): boolean {
  const map = adminUnits().map(unitMap);
  const earliest = adminUnits().maps()[0].id === unitMap;
  return (
    (earliest || map.validFrom <= `${year}-12-31`) && (map.validTo === null || map.validTo >= `${year}-01-01`)
  );
}
