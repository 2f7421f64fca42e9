import ipaddr from 'ipaddr.js';
import { isIP } from 'node:net';

/**
 * The class of an IP address, as ipaddr.js names IANA's special-purpose ranges (`loopback`, `private`,
 * `linkLocal`, `uniqueLocal`, `carrierGradeNat`, `ipv4Mapped`, `6to4`, `teredo`, `rfc6052` (NAT64),
 * `rfc6145`, `deprecatedSiteLocal`, `reserved`…), plus `ipv4Compatible` for `::a.b.c.d`, which ipaddr.js calls
 * `unicast`, and `not-an-address`. Only `unicast` is an ordinary public address.
 */
export function addressClass(address: string): string {
  if (!ipaddr.isValid(address)) return 'not-an-address';
  const ip = ipaddr.parse(address);
  const range = ip.range();
  // ::/96 is IPv4-compatible IPv6 (deprecated, RFC 4291): ::7f00:1 is 127.0.0.1 to a stack that still routes it.
  if (ip instanceof ipaddr.IPv6 && range === 'unicast' && ip.parts.slice(0, 6).every((part) => part === 0))
    return 'ipv4Compatible';
  return range;
}

/**
 * Whether a webhook may be sent to this address in production: public unicast only. Everything else is refused —
 * loopback, private, link-local (cloud metadata at 169.254.169.254), unique-local, carrier-grade NAT, multicast,
 * broadcast, reserved and documentation ranges — and so is every IPv6 form that carries an IPv4 address inside
 * (IPv4-mapped, IPv4-compatible, SIIT, 6to4, Teredo, NAT64), since a gateway on the way may turn it back into
 * that IPv4 address, private or not. Otherwise a subscription is a way to make our servers call into our own
 * network (SSRF). Decision 0028.
 */
export function isPublicAddress(address: string): boolean {
  return addressClass(address) === 'unicast';
}

export type UrlProblem = 'not-a-url' | 'not-http' | 'credentials' | 'private-address';

/**
 * Checks a subscription's URL when it is created or changed, and again before each send: http(s), no credentials
 * in it, and, unless private targets are allowed, no literal non-public address and no localhost. Names are
 * resolved and every address they resolve to is checked at connect time (see WebhookSender), since DNS can point
 * anywhere later.
 */
export function checkWebhookUrl(raw: string, allowPrivate: boolean): UrlProblem | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'not-a-url';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'not-http';
  if (url.username || url.password) return 'credentials';
  if (allowPrivate) return undefined;
  // The URL parser has already turned 0x7f.1, 2130706433 and [::127.0.0.1] into their canonical forms.
  const host = url.hostname
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return 'private-address';
  if (isIP(host) && !isPublicAddress(host)) return 'private-address';
  return undefined;
}
