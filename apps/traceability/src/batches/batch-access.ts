import { Actor, inTerritory, ownsProducer } from '@ocop/auth';
import { PlaceV1 } from '@ocop/contracts';
import { EntityManager } from 'typeorm';
import { CatalogueProducer } from '../read-model/catalogue-producer.entity';

/**
 * Who may see and act on a producer's batches: the producer and admins; officers for producers in their
 * territory, judged by the producer's place under any administrative map (an officer's scope is written in the
 * codes of one of them).
 */
export async function officerCoversProducer(
  manager: EntityManager,
  actor: Actor,
  producerId: string,
): Promise<boolean> {
  if (!actor.roles.includes('officer') || !actor.scope) return false;
  const producer = await manager.findOneBy(CatalogueProducer, { id: producerId });
  if (!producer) return false;
  return Object.values<PlaceV1>(producer.places).some(
    (place) => place.provinceCode === actor.scope?.provinceCode && inTerritory(actor, place),
  );
}

export async function mayReadProducerData(
  manager: EntityManager,
  actor: Actor,
  producerId: string,
): Promise<boolean> {
  return ownsProducer(actor, producerId) || (await officerCoversProducer(manager, actor, producerId));
}

/** SQL (named parameters) limiting rows with a producer_id column, aliased `alias`, to what the actor may read. */
export function readableProducerDataWhere(
  actor: Actor,
  alias: string,
): { sql: string; params: Record<string, string> } {
  if (actor.roles.includes('admin')) return { sql: 'true', params: {} };
  const parts: string[] = [];
  const params: Record<string, string> = {};
  if (actor.roles.includes('producer') && actor.producerId) {
    parts.push(`${alias}.producer_id = :ownProducer`);
    params['ownProducer'] = actor.producerId;
  }
  const scope = actor.roles.includes('officer') ? actor.scope : undefined;
  if (scope) {
    params['scopeProvince'] = scope.provinceCode;
    let match = `place->>'provinceCode' = :scopeProvince`;
    if (scope.communeCode) {
      match += ` AND place->>'communeCode' = :scopeCommune`;
      params['scopeCommune'] = scope.communeCode;
    } else if (scope.districtCode) {
      match += ` AND place->>'districtCode' = :scopeDistrict`;
      params['scopeDistrict'] = scope.districtCode;
    }
    parts.push(
      `EXISTS (SELECT 1 FROM catalogue_producers cp, jsonb_each(cp.places) AS m(map, place)
                WHERE cp.id = ${alias}.producer_id AND ${match})`,
    );
  }
  return { sql: parts.length ? `(${parts.join(' OR ')})` : 'false', params };
}
