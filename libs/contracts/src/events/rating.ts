import { eventType } from '../subjects';
import type { TerritoryScope } from './identity';

/** Facts of the rating service; the catalogue, lookup and notifications consume them. */
export const RatingEvents = {
  certificateIssued: eventType('rating', 'certificate', 'issued'),
  certificateRevoked: eventType('rating', 'certificate', 'revoked'),
  certificateExpired: eventType('rating', 'certificate', 'expired'),
  /** 90, 30 and 7 days before a certificate expires, once each. */
  certificateExpiring: eventType('rating', 'certificate', 'expiring'),
  /** A newer certificate of the same product (renewal, upgrade, amended result) took this one's place. */
  certificateSuperseded: eventType('rating', 'certificate', 'superseded'),
  /** An approved council result certified the product (not sent for certificates imported from before the platform). */
  productCertified: eventType('rating', 'product', 'certified'),
  dossierSubmitted: eventType('rating', 'dossier', 'submitted'),
  dossierReturned: eventType('rating', 'dossier', 'returned'),
  /** The officer found the dossier complete: it goes on to scoring (or to the next level's intake). */
  dossierAccepted: eventType('rating', 'dossier', 'accepted'),
  /** The approving decision settled the dossier's result: one event per dossier of the round. */
  dossierDecided: eventType('rating', 'dossier', 'decided'),
  /** The council of a round starts scoring: its members have dossiers to score. */
  roundScoringStarted: eventType('rating', 'round', 'scoring-started'),
  roundResultsApproved: eventType('rating', 'round', 'results-approved'),
} as const;

/** v1 — an OCOP certificate (3★–5★) as approved by the provincial People's Committee or the ministry. */
export interface CertificateV1 {
  certificateId: string;
  certificateNumber: string;
  productId: string;
  producerId: string;
  stars: 3 | 4 | 5;
  /** ISO 8601 instants. A certificate is valid for 36 months from issue. */
  issuedAt: string;
  expiresAt: string;
  /** The approving decision, e.g. "1234/QĐ-UBND ngày 15/03/2023". */
  decisionRef: string;
}

export type CertificateIssuedV1 = CertificateV1;
export type CertificateExpiredV1 = CertificateV1;
export interface CertificateRevokedV1 extends CertificateV1 {
  revokedAt: string;
  reason: string;
}

export interface CertificateExpiringV1 extends CertificateV1 {
  daysBefore: 90 | 30 | 7;
}

export interface CertificateSupersededV1 extends CertificateV1 {
  supersededAt: string;
  supersededBy: { certificateId: string; certificateNumber: string; stars: 3 | 4 | 5 };
}

/** Levels of OCOP evaluation; which ones a round may have depends on the rules in force (see ocop-domain). */
export type RoundLevelV1 = 'commune' | 'district' | 'province' | 'central';

export interface ProductCertifiedV1 {
  certificate: CertificateV1;
  productName: string;
  producerName: string;
  level: RoundLevelV1;
  roundId: string;
  dossierId: string;
  /** The council's average score (0–100, two decimals). */
  score: number;
}

export interface DossierSubmittedV1 {
  dossierId: string;
  roundId: string;
  roundName: string;
  level: RoundLevelV1;
  productId: string;
  producerId: string;
  productName: string;
  /** True when the producer sends the dossier again after it was returned. */
  resubmission: boolean;
  submittedAt: string;
  /** The round's territory: the officers covering it review the dossier (absent in events before 2026-11). */
  territory?: TerritoryScope;
  actorId: string;
}

export interface DossierReturnedV1 {
  dossierId: string;
  roundId: string;
  roundName: string;
  productId: string;
  producerId: string;
  productName: string;
  comment: string;
  /** Checklist items the officer asks about, with a deadline for supplementary evidence where one was set. */
  items: { code: string; comment?: string; supplementDueOn?: string }[];
  returnedAt: string;
  actorId: string;
}

export interface DossierAcceptedV1 {
  dossierId: string;
  roundId: string;
  roundName: string;
  level: RoundLevelV1;
  productId: string;
  producerId: string;
  productName: string;
  /** Documents the officer lets come later, each with its deadline (YYYY-MM-DD). */
  supplements: { code: string; supplementDueOn: string }[];
  acceptedAt: string;
  actorId: string;
}

export interface DossierDecidedV1 {
  dossierId: string;
  roundId: string;
  roundName: string;
  level: RoundLevelV1;
  productId: string;
  producerId: string;
  productName: string;
  /** The council's average score (0–100, two decimals), the star its band gives, and the star decided. */
  score: number;
  bandStars: number;
  stars: 1 | 2 | 3 | 4 | 5;
  /** Why the star is below the band (a level's limit, criteria short of their marker), in both languages. */
  reasons: { vi: string; en: string }[];
  forwardedTo?: RoundLevelV1;
  certificateId?: string;
  decisionRef: string;
  /** ISO date (YYYY-MM-DD) of the approving decision. */
  decisionDate: string;
  decidedAt: string;
}

export interface RoundResultV1 {
  dossierId: string;
  productId: string;
  producerId: string;
  score: number;
  stars: 1 | 2 | 3 | 4 | 5;
  /** The next level the product goes on to (≥ 50 to the province; ≥ 90 at the province: potential 5★). */
  forwardedTo?: RoundLevelV1;
  certificateId?: string;
}

export interface RoundResultsApprovedV1 {
  roundId: string;
  roundName: string;
  level: RoundLevelV1;
  decisionRef: string;
  /** ISO date (YYYY-MM-DD) of the approving decision. */
  decisionDate: string;
  results: RoundResultV1[];
  approvedAt: string;
  actorId: string;
}

export interface CouncilMemberRefV1 {
  accountId: string;
  role: 'chair' | 'member';
}

export interface RoundScoringStartedV1 {
  roundId: string;
  roundName: string;
  level: RoundLevelV1;
  territory: TerritoryScope;
  council: CouncilMemberRefV1[];
  /** Dossiers accepted for scoring. */
  dossierCount: number;
  startedAt: string;
  actorId: string;
}
