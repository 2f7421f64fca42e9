import { Actor, inTerritory } from '@ocop/auth';
import { PlaceV1, UnitMapId } from '@ocop/contracts';
import { unitMapOfProvince } from '@ocop/ocop-domain';

/**
 * Territory in rating: an officer's scope is written in the codes of one administrative map (province 83 for Ben
 * Tre 2022, 86 for Vinh Long from July 2025), and so are rounds. A dossier is judged by its producer's place under
 * the map in question, which the catalogue gives for both maps.
 */
export type Places = Record<UnitMapId, PlaceV1>;

export interface Territory {
  unitMap: UnitMapId;
  provinceCode: string;
  districtCode?: string;
  communeCode?: string;
}

export const isAdmin = (actor: Actor): boolean => actor.roles.includes('admin');
export const isOfficer = (actor: Actor): boolean => actor.roles.includes('officer');

/** The map an actor's scope is written in, if any. */
export const scopeMap = (actor: Actor): UnitMapId | undefined => unitMapOfProvince(actor.scope?.provinceCode);

/** An officer whose scope covers the place (under the scope's own map). */
export function officerCoversPlaces(actor: Actor, places: Places): boolean {
  const map = scopeMap(actor);
  return isOfficer(actor) && map !== undefined && inTerritory(actor, places[map] ?? {});
}

/** An officer whose scope covers the whole territory: a district officer runs district rounds, not the province's. */
export function officerCoversTerritory(actor: Actor, territory: Territory): boolean {
  return isOfficer(actor) && scopeMap(actor) === territory.unitMap && inTerritory(actor, territory);
}

/** Whether a place (under the territory's map) lies in the territory. */
export function territoryContains(territory: Territory, places: Places): boolean {
  const place = places[territory.unitMap];
  if (!place || place.provinceCode !== territory.provinceCode) return false;
  if (territory.communeCode) return place.communeCode === territory.communeCode;
  if (territory.districtCode) return place.districtCode === territory.districtCode;
  return true;
}
