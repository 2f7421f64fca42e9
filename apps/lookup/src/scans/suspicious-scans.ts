import { SuspiciousScanReason } from '@ocop/contracts';

/**
 * Whether a unit's scans look like a copied label: scanned from more than `maxNetworks` distinct networks
 * (scanNetwork) within SUSPICIOUS_WINDOW_SECONDS. Only the spread counts, not the number of scans nor the user
 * agents: one person, or a shop's display item, can be scanned any number of times with any header, and many
 * shoppers behind one carrier-grade NAT address are one network; copies sold in many places are scanned from many
 * networks (decision 0029).
 */
export function suspiciousReason(
  networksInWindow: number,
  maxNetworks: number,
): SuspiciousScanReason | undefined {
  return networksInWindow > maxNetworks ? 'too-many-clients' : undefined;
}
