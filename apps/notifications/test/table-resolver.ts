import { LookupAddress } from 'node:dns';
import { HostResolver } from '../src/webhooks/host-resolver';

/** DNS as the test decides it: each name answers the addresses given, and every question is noted. */
export class TableResolver extends HostResolver {
  readonly asked: string[] = [];

  constructor(private readonly table: Record<string, string[]>) {
    super();
  }

  async resolve(hostname: string): Promise<LookupAddress[]> {
    this.asked.push(hostname);
    const addresses = this.table[hostname];
    if (!addresses) throw Object.assign(new Error(`no such name: ${hostname}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  }
}
