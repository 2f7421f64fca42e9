import { Actor, ownsProducer } from '@ocop/auth';
import type { DossierStatus } from '@ocop/ocop-domain';
import { isAdmin, officerCoversPlaces } from '../common/access';
import { Dossier } from './dossier.entity';

/** Statuses a council member of the round sees: the dossiers that reached the council, never drafts. */
export const COUNCIL_VISIBLE: readonly DossierStatus[] = ['accepted', 'scored', 'decided'] as const;

/**
 * Who may read a dossier (and its files): its producer, officers whose territory holds the producer, the council
 * of its round once it is before the council, admins. Anyone else is told it does not exist.
 */
export function mayReadDossier(actor: Actor, dossier: Dossier, councilRole: string | undefined): boolean {
  return (
    isAdmin(actor) ||
    ownsProducer(actor, dossier.producerId) ||
    officerCoversPlaces(actor, dossier.places) ||
    (councilRole !== undefined && COUNCIL_VISIBLE.includes(dossier.status))
  );
}
