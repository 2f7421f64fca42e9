import { LookupAddress, promises as dns } from 'node:dns';

/**
 * Turns a receiver's host name into the addresses to connect to. Injected so that tests can make a name resolve
 * to a private address (and to several addresses) without touching the machine's DNS.
 */
export abstract class HostResolver {
  /** Every address the name resolves to; `family` 0 asks for IPv4 and IPv6. */
  abstract resolve(hostname: string, family: 0 | 4 | 6): Promise<LookupAddress[]>;
}

export class SystemHostResolver extends HostResolver {
  resolve(hostname: string, family: 0 | 4 | 6): Promise<LookupAddress[]> {
    return dns.lookup(hostname, { all: true, family, verbatim: true });
  }
}
