import { generateSecret, signatureHeader, signatureOf, verifySignature } from './signature';

describe('webhook signatures', () => {
  const secret = generateSecret();
  const body = JSON.stringify({ id: 'e1', type: 'ocop.traceability.batch.recalled' });

  it('is HMAC-SHA256 over "<timestamp>.<body>" in a t=…,v1=… header', () => {
    const header = signatureHeader(secret, 1_700_000_000, body);
    expect(header).toBe(`t=1700000000,v1=${signatureOf(secret, 1_700_000_000, body)}`);
    expect(verifySignature(secret, header, body, 1_700_000_100)).toBe(true);
  });

  it('refuses another secret, another body, an old timestamp and a malformed header', () => {
    const header = signatureHeader(secret, 1_700_000_000, body);
    expect(verifySignature(generateSecret(), header, body, 1_700_000_000)).toBe(false);
    expect(verifySignature(secret, header, `${body} `, 1_700_000_000)).toBe(false);
    expect(verifySignature(secret, header, body, 1_700_000_000 + 301)).toBe(false);
    expect(verifySignature(secret, 'v1=abc', body, 1_700_000_000)).toBe(false);
  });
});
