import { Problems } from '@ocop/contracts';
import { Actor } from './actor';

/**
 * Where a resource is, in GSO administrative codes: a producer's address, a growing area, a dossier's commune.
 * Commune codes are unique nationwide, so a commune match needs no district; the province is optional because
 * most data of a provincial platform carries none.
 */
export interface Place {
  provinceCode?: string;
  districtCode?: string;
  communeCode?: string;
}

/** Whether the actor may act for this producer as owner: its own producer account, or an admin. */
export function ownsProducer(actor: Actor, producerId: string): boolean {
  if (actor.roles.includes('admin')) return true;
  return actor.roles.includes('producer') && actor.producerId === producerId;
}

/**
 * Throws unless the actor owns the producer (see ownsProducer). The failure is 404, not 403, by rule:
 *
 *   - A caller who lacks the ROLE for a route gets 403 (the guard): routes are public knowledge.
 *   - A caller who has the role but asks for SOMEONE ELSE'S resource gets 404, the same answer as for a
 *     resource that does not exist, so that probing ids never tells producer A which of producer B's batches,
 *     dossiers or keys exist.
 *
 * Officers are not covered here: which producers an officer may act on depends on the resource's territory,
 * which each service knows (use inTerritory before falling back to this check).
 */
export function assertOwnsProducer(actor: Actor, producerId: string, what = 'Resource'): void {
  if (!ownsProducer(actor, producerId)) throw Problems.notFound(what);
}

/**
 * Whether the place lies in the actor's territory scope (officers; council members of a district council).
 * A province-wide scope covers every place of its province, a district scope its district, a commune scope its
 * commune. An actor without scope covers nothing: admins are decided by the caller, not by territory.
 */
export function inTerritory(actor: Actor, place: Place): boolean {
  const scope = actor.scope;
  if (!scope) return false;
  if (place.provinceCode !== undefined && place.provinceCode !== scope.provinceCode) return false;
  if (scope.communeCode) return place.communeCode === scope.communeCode;
  if (scope.districtCode) return place.districtCode === scope.districtCode;
  return true;
}
