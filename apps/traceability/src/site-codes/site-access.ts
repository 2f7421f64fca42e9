import { Actor, inTerritory, ownsProducer } from '@ocop/auth';
import { SitePlaceV1 } from '@ocop/contracts';

/** What the rules need of a site: whose it is and where it is. */
export interface SiteRef {
  producerId: string;
  place: SitePlaceV1;
}

export const isAdmin = (actor: Actor): boolean => actor.roles.includes('admin');

/** Officers review sites in their territory (province, district or commune scope). */
export const officerCovers = (actor: Actor, place: SitePlaceV1): boolean =>
  actor.roles.includes('officer') && inTerritory(actor, place);

/** Its owner, officers of its place and admins: whoever finds it in their list may open it. */
export const mayReadSite = (actor: Actor, site: SiteRef): boolean =>
  isAdmin(actor) || ownsProducer(actor, site.producerId) || officerCovers(actor, site.place);

/** Issue, reject, suspend, re-issue, cancel, export codes: officers in territory and admins, never the owner. */
export const mayReviewSite = (actor: Actor, site: SiteRef): boolean =>
  isAdmin(actor) || officerCovers(actor, site.place);

/**
 * The SQL condition (TypeORM named parameters) that limits a site list to what the actor may read: admins see
 * all, producers their own, officers their territory.
 */
export function readableSitesWhere(actor: Actor): { sql: string; params: Record<string, string> } {
  if (isAdmin(actor)) return { sql: 'true', params: {} };
  const parts: string[] = [];
  const params: Record<string, string> = {};
  if (actor.roles.includes('producer') && actor.producerId) {
    parts.push('producer_id = :scopeProducer');
    params['scopeProducer'] = actor.producerId;
  }
  const scope = actor.roles.includes('officer') ? actor.scope : undefined;
  if (scope) {
    params['scopeProvince'] = scope.provinceCode;
    let territory = 'province_code = :scopeProvince';
    if (scope.communeCode) {
      territory += ' AND commune_code = :scopeCommune';
      params['scopeCommune'] = scope.communeCode;
    } else if (scope.districtCode) {
      territory += ' AND district_code = :scopeDistrict';
      params['scopeDistrict'] = scope.districtCode;
    }
    parts.push(`(${territory})`);
  }
  return { sql: parts.length ? `(${parts.join(' OR ')})` : 'false', params };
}
