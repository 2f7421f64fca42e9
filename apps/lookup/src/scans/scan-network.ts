import ipaddr from 'ipaddr.js';
import { createHmac } from 'node:crypto';

/** Prefix lengths that make one network (decision 0029): a customer's usual allocation, not an address. */
export const IPV4_NETWORK_BITS = 24;
export const IPV6_NETWORK_BITS = 48;

/**
 * The network a scan came from, as the distinct-network count sees it: the IPv4 /24 or IPv6 /48 around the
 * address (an IPv4-mapped IPv6 address is its IPv4 address). Only the address counts: a caller can send any
 * User-Agent, and one IPv6 customer holds whole /64s or /56s to pick addresses from, but not many /48s. A value that
 * is not an address (a proxy's malformed X-Forwarded-For) is its own network.
 */
export function scanNetwork(address: string): string {
  if (ipaddr.IPv4.isValidFourPartDecimal(address)) return ipv4Network(ipaddr.IPv4.parse(address));
  if (!ipaddr.IPv6.isValid(address)) return address;
  const v6 = ipaddr.IPv6.parse(address);
  if (v6.isIPv4MappedAddress()) return ipv4Network(v6.toIPv4Address());
  const hextets = v6.parts.slice(0, IPV6_NETWORK_BITS / 16).map((p) => p.toString(16));
  return `${hextets.join(':')}::/${IPV6_NETWORK_BITS}`;
}

function ipv4Network(v4: ipaddr.IPv4): string {
  return `${v4.octets.slice(0, IPV4_NETWORK_BITS / 8).join('.')}.0/${IPV4_NETWORK_BITS}`;
}

/**
 * The scan's network as stored (`unit_scans.client_hash`): keyed by SCAN_CLIENT_SECRET, so that the rows cannot be
 * matched to an address without the key. The raw address is never stored.
 */
export function scanNetworkHash(secret: string, address: string): string {
  return createHmac('sha256', secret).update(scanNetwork(address)).digest('base64url').slice(0, 22);
}
