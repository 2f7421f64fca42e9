import { addressClass, checkWebhookUrl, isPublicAddress } from './url-guard';

describe('webhook URL guard (SSRF)', () => {
  it('accepts public http(s) URLs only', () => {
    expect(checkWebhookUrl('https://retailer.example/hooks', false)).toBeUndefined();
    expect(checkWebhookUrl('http://203.113.1.10:8080/x', false)).toBeUndefined();
    expect(checkWebhookUrl('https://[2001:4860:4860::8888]/x', false)).toBeUndefined();
    expect(checkWebhookUrl('ftp://retailer.example/', false)).toBe('not-http');
    expect(checkWebhookUrl('file:///etc/passwd', true)).toBe('not-http');
    expect(checkWebhookUrl('not a url', false)).toBe('not-a-url');
    expect(checkWebhookUrl('https://user:pw@retailer.example/', false)).toBe('credentials');
  });

  it('refuses loopback, private and link-local targets unless allowed (development)', () => {
    for (const url of [
      'http://localhost:3000/',
      'http://localhost.:3000/',
      'http://api.localhost/',
      'http://127.0.0.1/',
      'http://10.1.2.3/',
      'http://172.20.0.1/',
      'http://192.168.1.1/',
      'http://169.254.169.254/latest/meta-data',
      'http://[::1]/',
      'http://[fd00::1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://0.0.0.0/',
      // Other spellings of 127.0.0.1 that the URL parser normalises.
      'http://2130706433/',
      'http://0x7f.1/',
      'http://[::127.0.0.1]/',
    ])
      expect([url, checkWebhookUrl(url, false)]).toEqual([url, 'private-address']);
    expect(checkWebhookUrl('http://127.0.0.1:4000/', true)).toBeUndefined();
  });

  it('refuses the three addresses of the report (issue 13, item 16)', () => {
    for (const url of ['http://[::7f00:1]/', 'http://[::ffff:0:7f00:1]/', 'http://[2002:7f00:1::]/'])
      expect([url, checkWebhookUrl(url, false)]).toEqual([url, 'private-address']);
    expect(addressClass('::7f00:1')).toBe('ipv4Compatible');
    expect(addressClass('::ffff:0:7f00:1')).toBe('rfc6145');
    expect(addressClass('2002:7f00:1::')).toBe('6to4');
  });

  it.each([
    ['IPv4-mapped', '::ffff:7f00:1', 'ipv4Mapped'],
    ['IPv4-mapped, of a public address too', '::ffff:8.8.8.8', 'ipv4Mapped'],
    ['IPv4-compatible', '::a00:1', 'ipv4Compatible'],
    ['IPv4-translated (SIIT)', '::ffff:0:a00:1', 'rfc6145'],
    ['6to4', '2002:a00:1::1', '6to4'],
    ['6to4 of a public address too', '2002:808:808::1', '6to4'],
    ['Teredo', '2001:0:4136:e378:8000:63bf:3fff:fdd2', 'teredo'],
    ['NAT64, well-known prefix', '64:ff9b::7f00:1', 'rfc6052'],
    ['NAT64, well-known prefix, public address too', '64:ff9b::808:808', 'rfc6052'],
    ['NAT64, local-use prefix', '64:ff9b:1::a00:1', 'rfc6052'],
    ['site-local', 'fec0::1', 'deprecatedSiteLocal'],
  ])('refuses IPv6 that embeds IPv4 or is otherwise special: %s', (_, address, range) => {
    expect(addressClass(address)).toBe(range);
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each([
    ['loopback', '127.0.0.2', 'loopback'],
    ['loopback IPv6', '::1', 'loopback'],
    ['private 10/8', '10.0.0.1', 'private'],
    ['private 172.16/12', '172.31.255.1', 'private'],
    ['private 192.168/16', '192.168.0.1', 'private'],
    ['link-local (cloud metadata)', '169.254.169.254', 'linkLocal'],
    ['link-local IPv6', 'fe80::1', 'linkLocal'],
    ['unique-local', 'fd12:3456::1', 'uniqueLocal'],
    ['unspecified', '0.0.0.0', 'unspecified'],
    ['unspecified IPv6', '::', 'unspecified'],
    ['broadcast', '255.255.255.255', 'broadcast'],
    ['multicast', '224.0.0.1', 'multicast'],
    ['multicast IPv6', 'ff02::1', 'multicast'],
    ['carrier-grade NAT', '100.64.0.1', 'carrierGradeNat'],
    ['reserved (documentation)', '192.0.2.1', 'reserved'],
    ['reserved (class E)', '240.0.0.1', 'reserved'],
    ['reserved IPv6 (documentation)', '2001:db8::1', 'reserved'],
  ])('refuses %s', (_, address, range) => {
    expect(addressClass(address)).toBe(range);
    expect(isPublicAddress(address)).toBe(false);
  });

  it('accepts public unicast addresses, IPv4 and IPv6, and nothing that is not an address', () => {
    for (const address of ['8.8.8.8', '203.113.1.10', '2001:4860:4860::8888', '2402:800::1'])
      expect([address, isPublicAddress(address)]).toEqual([address, true]);
    expect(isPublicAddress('retailer.example')).toBe(false);
    expect(addressClass('')).toBe('not-an-address');
  });
});
