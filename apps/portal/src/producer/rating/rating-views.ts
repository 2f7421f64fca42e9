/**
 * What rating answers, as the producer's pages read it. Its OpenAPI document leaves most answers untyped, so the
 * shapes are written here from apps/rating (dossier-views.ts, round.entity.ts, result-views.ts, rubric.ts).
 */

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

/** Statuses in which the producer still changes the self-assessment and the documents (DOSSIER_EDITABLE). */
export const EDITABLE: readonly DossierStatus[] = ['draft', 'returned'];
/** Statuses in which an item given a supplementary deadline still takes files (rating's SUPPLEMENT_OPEN). */
export const SUPPLEMENT_OPEN: readonly DossierStatus[] = ['submitted', 'accepted', 'scored'];
/** Statuses the producer may withdraw from (DOSSIER_TRANSITIONS.withdraw). */
export const WITHDRAWABLE: readonly DossierStatus[] = ['draft', 'submitted', 'returned'];

export interface Round {
  roundId: string;
  name: string;
  level: 'commune' | 'district' | 'province' | 'central';
  rules: string;
  opensOn: string;
  closesOn: string;
  rubricVersion: string;
  status: 'open' | 'scoring' | 'results-approved' | 'closed';
}

export interface Attachment {
  attachmentId: string;
  itemCode: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  uploadedAt: string;
}

export interface ChecklistItem {
  code: string;
  nameVi: string;
  nameEn: string;
  required: boolean;
  officerComment: string | null;
  supplementDueOn: string | null;
  attachments: Attachment[];
}

export type Choices = Record<string, number | null>;

export interface Dossier {
  dossierId: string;
  roundId: string;
  productId: string;
  productName: string;
  rubric: { version: string; setCode: string; setNo?: number; sheetId: string; case?: string };
  status: DossierStatus;
  registration: { productNameVi: string; representative: string; phone: string };
  selfAssessment: { choices: Choices } | null;
  checklist: ChecklistItem[];
  submittedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface HistoryEntry {
  action: string;
  from: DossierStatus;
  to: DossierStatus;
  at: string;
  comment: string | null;
  details: { items?: { code: string; comment?: string; supplementDueOn?: string }[] } | null;
}

export interface Result {
  resultId: string;
  status: string;
  average: number;
  partAverages: { A: number; B: number; C: number };
  bandStars: number;
  stars: number;
  cappedBy: { explanations: { vi: string; en: string }[] };
  decision: { ref: string; date: string } | null;
  certificateId: string | null;
}

export interface Certificate {
  certificateId: string;
  number: string;
  productId: string;
  productName: string;
  stars: number;
  issuedAt: string;
  expiresAt: string;
  status: 'issued' | 'revoked' | 'expired' | 'superseded';
}

/** A scoring sheet as rating keeps it (libs/ocop-domain rubric.ts): parts A/B/C, sections, criteria, options. */
export interface SheetOption {
  index: number;
  text: string;
  points: number;
  /** A product reaches this star only if the criterion reaches this option. */
  minStars?: number;
}

export interface SheetCriterion {
  key: string;
  title: string;
  description?: string;
  heading?: string;
  case?: string;
  maxPoints: number;
  options: SheetOption[];
  /** The star needs the criterion answered at all (any option reaches it). */
  minStars?: number;
}

export interface SheetSection {
  title: string;
  description?: string;
  maxPoints: number;
  criteria: SheetCriterion[];
}

export interface SheetPart {
  code: 'A' | 'B' | 'C';
  title: string;
  maxPoints: number;
  sections: SheetSection[];
}

export interface ScoringSheet {
  setCode: string;
  setNo?: number;
  name: string;
  parts: SheetPart[];
  cases: { code: string; title: string }[];
  usable: boolean;
  provisional: boolean;
}

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}
