import { Actor, inTerritory, ownsProducer } from '@ocop/auth';
import { PlaceV1, UnitMapId } from '@ocop/contracts';
import { unitMapOfProvince } from '@ocop/ocop-domain';

/**
 * Who may do what in the catalogue. Ownership (a producer account and its producer) comes from @ocop/auth;
 * territory needs the catalogue's maps: an officer's scope is written in the codes of one map (province 83 for
 * Ben Tre 2022, 86 for Vinh Long 2025), so a producer is judged by its place under that map.
 */
export type Places = Record<UnitMapId, PlaceV1>;

export const isAdmin = (actor: Actor): boolean => actor.roles.includes('admin');

/** The unit map an actor's territory is written in, if any. */
export function scopeMap(actor: Actor): UnitMapId | undefined {
  return unitMapOfProvince(actor.scope?.provinceCode);
}

function coversPlaces(actor: Actor, places: Places): boolean {
  const map = scopeMap(actor);
  return map !== undefined && inTerritory(actor, places[map]);
}

/** Officers act on producers in their territory. */
export const officerCovers = (actor: Actor, places: Places): boolean =>
  actor.roles.includes('officer') && coversPlaces(actor, places);

/** Staff who read every record (drafts, pending producers) in their territory: officers and council members. */
export const staffCovers = (actor: Actor, places: Places): boolean =>
  (actor.roles.includes('officer') || actor.roles.includes('council')) && coversPlaces(actor, places);

export interface ProducerRef {
  id: string;
  places: Places;
}

export const mayReadProducer = (actor: Actor, p: ProducerRef): boolean =>
  ownsProducer(actor, p.id) || staffCovers(actor, p.places);

/** Edit a producer's record and its products: the producer itself, officers in territory, admins. */
export const mayEditProducer = (actor: Actor, p: ProducerRef): boolean =>
  ownsProducer(actor, p.id) || officerCovers(actor, p.places);

/** Verify or suspend: officers in territory and admins, never the producer itself. */
export const mayReviewProducer = (actor: Actor, p: ProducerRef): boolean =>
  isAdmin(actor) || officerCovers(actor, p.places);

/**
 * Producer work (new products, and through them batches and labels) starts once an officer has verified who the
 * producer is (decision 0034): until then its own accounts may read and correct its registration only. Officers
 * of its territory and admins may still prepare drafts for it, as they register producers for people themselves.
 */
export const mayStartProducerWork = (actor: Actor, producer: { identityVerifiedAt: Date | null }): boolean =>
  isAdmin(actor) || actor.roles.includes('officer') || producer.identityVerifiedAt !== null;
