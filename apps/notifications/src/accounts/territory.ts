import { TerritoryScope } from '@ocop/contracts';

/** Where a commune sits: its district under the 2022 map (the 2025 map has none). */
export type DistrictOfCommune = (communeCode: string) => string | undefined;

/**
 * Whether an officer's scope covers a territory (a round's, a dossier's): a province-wide officer covers the whole
 * province, a district officer the district and its communes, a commune officer that commune only. A scope
 * narrower than the territory does not cover it: a commune officer does not review a district round.
 */
export function scopeCovers(
  scope: TerritoryScope | null | undefined,
  territory: TerritoryScope,
  districtOf: DistrictOfCommune,
): boolean {
  if (!scope || scope.provinceCode !== territory.provinceCode) return false;
  if (scope.communeCode) return territory.communeCode === scope.communeCode;
  if (scope.districtCode) {
    if (territory.districtCode) return territory.districtCode === scope.districtCode;
    return !!territory.communeCode && districtOf(territory.communeCode) === scope.districtCode;
  }
  return true;
}
