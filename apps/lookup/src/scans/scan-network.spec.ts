import { scanNetwork, scanNetworkHash } from './scan-network';
import { suspiciousReason } from './suspicious-scans';

const SECRET = 'unit-test-scan-client-secret';
const MAX_NETWORKS = 5;

/** Scans as requests arrive: an address and whatever User-Agent the caller sent. */
type Scan = { address: string; userAgent: string };

/** The rule end to end: each scan's network hash, the distinct ones counted, the threshold applied. */
const verdict = (scans: Scan[]) =>
  suspiciousReason(new Set(scans.map((s) => scanNetworkHash(SECRET, s.address))).size, MAX_NETWORKS);

describe('scan networks', () => {
  it('groups IPv4 addresses by /24 and IPv6 addresses by /48', () => {
    expect(scanNetwork('203.0.113.7')).toBe('203.0.113.0/24');
    expect(scanNetwork('203.0.113.250')).toBe('203.0.113.0/24');
    expect(scanNetwork('203.0.114.7')).toBe('203.0.114.0/24');
    expect(scanNetwork('2001:db8:abcd:12::1')).toBe('2001:db8:abcd::/48');
    expect(scanNetwork('2001:db8:abcd:ff00:1234:5678:9abc:def0')).toBe('2001:db8:abcd::/48');
    expect(scanNetwork('2001:db8:abce::1')).toBe('2001:db8:abce::/48');
    expect(scanNetwork('::1')).toBe('0:0:0::/48');
  });

  it('reads an IPv4-mapped IPv6 address (a dual-stack socket) as its IPv4 address', () => {
    expect(scanNetwork('::ffff:203.0.113.7')).toBe('203.0.113.0/24');
    expect(scanNetworkHash(SECRET, '::ffff:203.0.113.7')).toBe(scanNetworkHash(SECRET, '203.0.113.9'));
  });

  it('keeps a value that is not an address as its own network', () => {
    expect(scanNetwork('unknown')).toBe('unknown');
    expect(scanNetwork('1.2.3')).toBe('1.2.3');
    expect(scanNetwork('')).toBe('');
  });

  it('hashes under the secret, so that a stored hash names no network without it', () => {
    const hash = scanNetworkHash(SECRET, '203.0.113.7');
    expect(hash).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(hash).not.toContain('203');
    expect(scanNetworkHash('another-scan-client-secret', '203.0.113.7')).not.toBe(hash);
  });
});

describe('the suspicious-scan rule', () => {
  it('does not flag seven scans from one address with seven made-up user agents', () => {
    const scans = Array.from({ length: 7 }, (_, i) => ({
      address: '198.51.100.23',
      userAgent: `Mozilla/5.0 (invented ${i})`,
    }));
    expect(verdict(scans)).toBeUndefined();
  });

  it('does not flag many shoppers behind one carrier-grade NAT address, nor one shopper moving within its pool', () => {
    const shoppers = Array.from({ length: 500 }, (_, i) => ({
      address: '100.64.12.34',
      userAgent: `Phone ${i}`,
    }));
    expect(verdict(shoppers)).toBeUndefined();
    // A carrier moves a phone between public addresses of one block; its IPv6 phones each get their own /64.
    const moving = Array.from({ length: 200 }, (_, i) => ({
      address: i % 2 ? `100.64.12.${i % 250}` : `2001:db8:4400:${(i * 97).toString(16)}::${i.toString(16)}`,
      userAgent: 'Zalo',
    }));
    expect(verdict(moving)).toBeUndefined();
  });

  it('flags scans from more networks than the threshold, and not at the threshold', () => {
    const from = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ address: `203.0.${i}.10`, userAgent: 'Zalo' }));
    expect(verdict(from(MAX_NETWORKS))).toBeUndefined();
    expect(verdict(from(MAX_NETWORKS + 1))).toBe('too-many-clients');
    const mixed = [
      ...from(3),
      { address: '2001:db8:1::1', userAgent: 'a' },
      { address: '2001:db8:2::1', userAgent: 'a' },
      { address: '::ffff:198.51.100.1', userAgent: 'a' },
    ];
    expect(verdict(mixed)).toBe('too-many-clients');
  });
});
