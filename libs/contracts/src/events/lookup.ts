import { eventType } from '../subjects';

/** Facts of the lookup service (the public resolver): what scans reveal. Notifications consumes them. */
export const LookupEvents = {
  /** A serialised unit is scanned too often, or by too many distinct clients, within the configured window. */
  scanSuspicious: eventType('lookup', 'scan', 'suspicious'),
} as const;

export type SuspiciousScanReason = 'too-many-scans' | 'too-many-clients';

export interface ScanSuspiciousV1 {
  gtin: string;
  serial: string;
  lot: string;
  batchId: string;
  productId: string;
  producerId: string;
  productName: string;
  reason: SuspiciousScanReason;
  /** Scans and distinct clients of this unit within the window when the signal fired. */
  scans: number;
  distinctClients: number;
  windowSeconds: number;
  firstScannedAt: string;
  detectedAt: string;
}
