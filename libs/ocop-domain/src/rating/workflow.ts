/**
 * The two state machines of the programme's workflow, as tables: what may happen to a round and to a dossier, and
 * from which status. Services look an action up here and refuse it (409, stable code) when the current status is
 * not among its sources, so that the rules live in one place and can be read as a whole.
 */
export type RoundStatus = 'open' | 'scoring' | 'results-approved' | 'closed';
export const ROUND_STATUSES: readonly RoundStatus[] = [
  'open',
  'scoring',
  'results-approved',
  'closed',
] as const;

export type RoundAction = 'start-scoring' | 'approve-results' | 'propose' | 'close';

export const ROUND_TRANSITIONS: Readonly<
  Record<RoundAction, { from: readonly RoundStatus[]; to: RoundStatus }>
> = {
  'start-scoring': { from: ['open'], to: 'scoring' },
  'approve-results': { from: ['scoring'], to: 'results-approved' },
  // A review-only level (the commune under QĐ 1489) has no scoring: its proposal is its decision.
  propose: { from: ['open'], to: 'results-approved' },
  close: { from: ['results-approved'], to: 'closed' },
};

export type DossierStatus =
  | 'draft'
  | 'submitted'
  | 'returned'
  | 'accepted'
  | 'scored'
  | 'decided'
  | 'proposed'
  | 'rejected'
  | 'withdrawn';

export const DOSSIER_STATUSES: readonly DossierStatus[] = [
  'draft',
  'submitted',
  'returned',
  'accepted',
  'scored',
  'decided',
  'proposed',
  'rejected',
  'withdrawn',
] as const;

export type DossierAction =
  | 'submit'
  | 'return'
  | 'accept'
  | 'reject'
  | 'withdraw'
  | 'finalise'
  | 'decide'
  | 'propose';

/**
 * draft → submitted ⇄ returned (officer returns with comments, producer resubmits) → accepted (complete) → scored
 * (the council chair finalised the result) → decided (the round's results were approved). A producer may
 * withdraw before acceptance; an officer may reject an ineligible dossier. At a review-only level (the commune
 * under QĐ 1489) an accepted dossier is proposed to the province instead of scored.
 */
export const DOSSIER_TRANSITIONS: Readonly<
  Record<DossierAction, { from: readonly DossierStatus[]; to: DossierStatus }>
> = {
  submit: { from: ['draft', 'returned'], to: 'submitted' },
  return: { from: ['submitted'], to: 'returned' },
  accept: { from: ['submitted'], to: 'accepted' },
  reject: { from: ['submitted'], to: 'rejected' },
  withdraw: { from: ['draft', 'submitted', 'returned'], to: 'withdrawn' },
  finalise: { from: ['accepted'], to: 'scored' },
  decide: { from: ['scored'], to: 'decided' },
  propose: { from: ['accepted'], to: 'proposed' },
};

/** Where an action leads from a status, or undefined when it is not allowed there. */
export function transition<S extends string, A extends string>(
  table: Readonly<Record<A, { from: readonly S[]; to: S }>>,
  action: A,
  from: S,
): S | undefined {
  const rule = table[action];
  return rule.from.includes(from) ? rule.to : undefined;
}

/** Statuses in which the producer may still change the dossier's content. */
export const DOSSIER_EDITABLE: readonly DossierStatus[] = ['draft', 'returned'] as const;
