import { createHmac } from 'node:crypto';

/**
 * Who scanned, as far as counting distinct clients needs: a keyed hash of IP + user agent. The raw values are
 * never stored; without the key the hash cannot be matched to an address.
 */
export function clientHash(secret: string, ip: string, userAgent: string | undefined): string {
  return createHmac('sha256', secret)
    .update(`${ip}\n${userAgent ?? ''}`)
    .digest('base64url')
    .slice(0, 22);
}
