import { eventType } from '../subjects';
import type { TerritoryScope } from './identity';

/**
 * Facts of the lookup service (the public resolver): what scans reveal, what consumers report. Notifications
 * consumes them.
 */
export const LookupEvents = {
  /** A serialised unit is scanned from too many distinct networks within the configured window. */
  scanSuspicious: eventType('lookup', 'scan', 'suspicious'),
  /** A consumer reported a problem with a scanned item: a case for the territory's officers (decision 0046). */
  reportFiled: eventType('lookup', 'report', 'filed'),
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

export type ReportCategory = 'counterfeit' | 'quality' | 'label' | 'other';

/**
 * A consumer's report, as its notices need it. The reporter's contact is never in the event (it stays in lookup,
 * shown only to the territory's officers): `hasContact` only says whether there is one to look up.
 */
export interface ReportFiledV1 {
  reportId: string;
  category: ReportCategory;
  /** The message's first 280 characters (with "…" when cut). */
  messageExcerpt: string;
  hasContact: boolean;
  /** What the code names: a GTIN, or the product code of a label without GTIN (/t/, decision 0048). */
  gtin?: string;
  productCode?: string;
  lot?: string;
  serial?: string;
  /** The verification outcome the reporter's page showed (genuine, forged, unknown, recalled…). */
  outcome: string;
  /** Absent when the code names no product lookup knows (an unknown GTIN): then no producer is told. */
  product?: { productId: string; nameVi: string; nameEn?: string };
  producerId?: string;
  /**
   * The producer's place under each unit map (an officer's territory is written in the codes of one: Bến Tre 2022,
   * Vĩnh Long 2025); absent without a product: province-wide officers take the case.
   */
  places?: Record<string, TerritoryScope>;
  filedAt: string;
}
