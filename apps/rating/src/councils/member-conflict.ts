/**
 * Why a council member may not score a producer's product. An account's own producer is a conflict that nobody can
 * lift; a declared tie (family, employment, shares…) is one until an officer covering the producer lifts it.
 */
export type MemberConflict = 'own-producer' | 'declared-tie';

export interface MemberStanding {
  /** Producers the account acts for, as its token and identity's last event say (either is enough). */
  boundProducerIds: readonly (string | null | undefined)[];
  /** Producers the account has a tie to that is still in force. */
  tiedProducerIds: readonly string[];
}

/** The member's conflict with the producer, the binding first: it is the one no officer can lift. */
export function memberConflict(producerId: string, standing: MemberStanding): MemberConflict | undefined {
  if (standing.boundProducerIds.includes(producerId)) return 'own-producer';
  if (standing.tiedProducerIds.includes(producerId)) return 'declared-tie';
  return undefined;
}
