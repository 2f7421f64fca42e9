import { Bilingual } from '../common/bilingual';

/**
 * What a scan answers: exactly one outcome. `genuine` at the level that was scanned: a unit (serial, signature
 * checked), a batch (lot: the batch exists, no claim about this very item) or a product (GTIN only).
 */
export type Outcome =
  | 'genuine'
  | 'unknown'
  | 'forged'
  | 'recalled'
  | 'producer-suspended'
  | 'not-released'
  | 'expired'
  | 'certificate-revoked'
  | 'certificate-expired';

export type ScanLevel = 'product' | 'batch' | 'unit';

export interface ScanHistory {
  firstScannedAt: string | null;
  scans: number;
  suspicious: boolean;
}

export interface Verification {
  outcome: Outcome;
  level: ScanLevel;
  reason: Bilingual;
  /** Whether the signature (AI 8030) was checked and valid; absent when the unit is not signed. */
  signature?: 'valid' | 'invalid' | 'missing' | 'revoked-key';
}
