import { checkWebhookUrl, isPrivateAddress } from './url-guard';

describe('webhook URL guard (SSRF)', () => {
  it('accepts public http(s) URLs only', () => {
    expect(checkWebhookUrl('https://retailer.example/hooks', false)).toBeUndefined();
    expect(checkWebhookUrl('http://203.113.1.10:8080/x', false)).toBeUndefined();
    expect(checkWebhookUrl('ftp://retailer.example/', false)).toBe('not-http');
    expect(checkWebhookUrl('file:///etc/passwd', true)).toBe('not-http');
    expect(checkWebhookUrl('not a url', false)).toBe('not-a-url');
    expect(checkWebhookUrl('https://user:pw@retailer.example/', false)).toBe('credentials');
  });

  it('refuses loopback, private and link-local targets unless allowed (development)', () => {
    for (const url of [
      'http://localhost:3000/',
      'http://127.0.0.1/',
      'http://10.1.2.3/',
      'http://172.20.0.1/',
      'http://192.168.1.1/',
      'http://169.254.169.254/latest/meta-data',
      'http://[::1]/',
      'http://[fd00::1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://0.0.0.0/',
    ])
      expect([url, checkWebhookUrl(url, false)]).toEqual([url, 'private-address']);
    expect(checkWebhookUrl('http://127.0.0.1:4000/', true)).toBeUndefined();
  });

  it('classifies resolved addresses', () => {
    expect(isPrivateAddress('8.8.8.8')).toBe(false);
    expect(isPrivateAddress('2001:4860:4860::8888')).toBe(false);
    expect(isPrivateAddress('100.64.0.1')).toBe(true);
    expect(isPrivateAddress('fe80::1')).toBe(true);
  });
});
