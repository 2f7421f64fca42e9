import { eventType } from '../subjects';

/** Facts of the lookup service (the public resolver): what scans reveal. Notifications consumes them. */
export const LookupEvents = {
  /** A serialised unit is scanned from too many distinct networks within the configured window. */
  scanSuspicious: eventType('lookup', 'scan', 'suspicious'),
} as const;

/** Lookup now sends only 'too-many-clients' (decision 0029); 'too-many-scans' remains for events already sent. */
export type SuspiciousScanReason = 'too-many-scans' | 'too-many-clients';

export interface ScanSuspiciousV1 {
  /** The unit's GTIN; a unit of a product without GTIN has its product's code instead (decision 0048). */
  gtin?: string;
  productCode?: string;
  serial: string;
  lot: string;
  batchId: string;
  productId: string;
  producerId: string;
  productName: string;
  reason: SuspiciousScanReason;
  /** Scans and distinct clients (networks: IPv4 /24, IPv6 /48) of this unit within the window when it fired. */
  scans: number;
  distinctClients: number;
  windowSeconds: number;
  firstScannedAt: string;
  detectedAt: string;
}
