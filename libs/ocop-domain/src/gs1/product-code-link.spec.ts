import { generateKeyPairSync, randomUUID } from 'node:crypto';
import {
  buildProductCodeLink,
  parseProductCodeLink,
  productCodeOf,
  productIdOfCode,
  signProductCodeUnit,
  verifyProductCodeUnitSignature,
} from './product-code-link';
import { signUnit, verifyUnitSignature } from './unit-signature';

describe('labels without a GTIN (/t/)', () => {
  const productId = '3f2c9a1e-7b4d-4c8e-9a01-5d6e7f8091a2';

  it('writes a product id as 26 Crockford characters and reads it back, for any id', () => {
    const code = productCodeOf(productId);
    expect(code).toMatch(/^[0-7][0-9A-HJKMNP-TV-Z]{25}$/);
    expect(productIdOfCode(code)).toBe(productId);
    for (let i = 0; i < 200; i++) {
      const id = randomUUID();
      expect(productIdOfCode(productCodeOf(id))).toBe(id);
    }
    expect(productIdOfCode(code.toLowerCase())).toBeUndefined();
    expect(productIdOfCode(`8${code.slice(1)}`)).toBeUndefined();
    expect(productIdOfCode(code.slice(1))).toBeUndefined();
  });

  it('builds and parses /t/{code}/{lot}/{serial}?sig=, lot percent-encoded', () => {
    const code = productCodeOf(productId);
    const uri = buildProductCodeLink(
      'https://id.ocop.vn',
      { code, lot: 'L/1', serial: 'ABCDEF012345' },
      'c2ln',
    );
    expect(uri).toBe(`https://id.ocop.vn/t/${code}/L%2F1/ABCDEF012345?sig=c2ln`);
    const parsed = parseProductCodeLink(`${uri}&lang=en`);
    expect(parsed).toEqual({
      ok: true,
      value: {
        base: 'https://id.ocop.vn',
        code,
        lot: 'L/1',
        serial: 'ABCDEF012345',
        signature: 'c2ln',
        otherParams: [['lang', 'en']],
      },
    });
  });

  it('refuses what no label carries, saying why', () => {
    const code = productCodeOf(productId);
    const reason = (uri: string) => {
      const parsed = parseProductCodeLink(uri);
      return parsed.ok ? 'ok' : parsed.problem.code;
    };
    expect(reason(`https://id.ocop.vn/t/${code}`)).toBe('no-lot');
    expect(reason(`https://id.ocop.vn/t/${code}/L1/S1/X`)).toBe('no-lot');
    expect(reason(`https://id.ocop.vn/t/${code.toLowerCase()}/L1`)).toBe('product-code');
    expect(reason(`https://id.ocop.vn/t/${code}/L%201`)).toBe('value-charset');
    expect(reason(`https://id.ocop.vn/t/${code}/L1?sig=abc`)).toBe('signature-needs-serial');
    expect(reason(`https://id.ocop.vn/t/${code}/L1/S1?sig=a.b`)).toBe('signature-format');
    expect(reason(`https://id.ocop.vn/t/${code}/L%ZZ`)).toBe('percent-encoding');
  });

  it('signs code, lot and serial; a signature never verifies in the other form', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const unit = { code: productCodeOf(productId), lot: 'L1', serial: 'Q7KX9M2P4T6V' };
    const signature = signProductCodeUnit(privateKey, unit);
    expect(signature).toMatch(/^[A-Za-z0-9_-]{86}$/);
    expect(verifyProductCodeUnitSignature(publicKey, unit, signature)).toBe(true);
    expect(verifyProductCodeUnitSignature(publicKey, { ...unit, lot: 'L2' }, signature)).toBe(false);
    expect(verifyProductCodeUnitSignature(publicKey, { ...unit, serial: 'Q7KX9M2P4T6W' }, signature)).toBe(
      false,
    );
    const gs1 = { gtin: '08936047000500', lot: 'L1', serial: 'Q7KX9M2P4T6V' };
    expect(verifyUnitSignature(publicKey, gs1, signature)).toBe(false);
    expect(verifyProductCodeUnitSignature(publicKey, unit, signUnit(privateKey, gs1))).toBe(false);
  });
});
