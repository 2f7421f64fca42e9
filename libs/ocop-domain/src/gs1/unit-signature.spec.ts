import { DigitalLinkData } from './digital-link';
import { generateKeyPairSync } from 'node:crypto';
import { signUnit, unitSignedMessage, verifyUnitSignature } from './unit-signature';

describe('unit signatures (AI 8030)', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const other = generateKeyPairSync('ed25519');
  const unit: DigitalLinkData = {
    gtin: '08936047000500',
    lot: 'L1',
    serial: 'Q7KX9M2P4T6V',
    attributes: { '17': '261231' },
  };

  it('signs the GS1 element string into 86 base64url characters that verify', () => {
    expect(unitSignedMessage(unit).toString()).toBe(
      '0108936047000500' + '10L1\u001d21Q7KX9M2P4T6V\u001d17261231',
    );
    const signature = signUnit(privateKey, unit);
    expect(signature).toMatch(/^[A-Za-z0-9_-]{86}$/);
    expect(verifyUnitSignature(publicKey, unit, signature)).toBe(true);
  });

  it('fails for a changed serial, lot, date, signature character, or another key', () => {
    const signature = signUnit(privateKey, unit);
    expect(verifyUnitSignature(publicKey, { ...unit, serial: 'Q7KX9M2P4T6W' }, signature)).toBe(false);
    expect(verifyUnitSignature(publicKey, { ...unit, lot: 'L2' }, signature)).toBe(false);
    expect(verifyUnitSignature(publicKey, { ...unit, attributes: { '17': '271231' } }, signature)).toBe(
      false,
    );
    const flipped = `${signature.slice(0, 10)}${signature[10] === 'A' ? 'B' : 'A'}${signature.slice(11)}`;
    expect(verifyUnitSignature(publicKey, unit, flipped)).toBe(false);
    expect(verifyUnitSignature(other.publicKey, unit, signature)).toBe(false);
    expect(verifyUnitSignature(publicKey, unit, 'short')).toBe(false);
  });

  it('fails for every other spelling of the same signature bytes: a changed last character, padding, a line break', () => {
    const signature = signUnit(privateKey, unit);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = alphabet.indexOf(signature[85]);
    // The last of 86 characters carries 2 bits of the signature and 4 unused bits a lenient decoder ignores.
    const respelt = Array.from({ length: 16 }, (_, spare) => alphabet[(last & 0b110000) | spare])
      .filter((c) => c !== signature[85])
      .map((c) => signature.slice(0, 85) + c);
    expect(respelt).toHaveLength(15);
    for (const altered of respelt) {
      expect(Buffer.from(altered, 'base64url')).toEqual(Buffer.from(signature, 'base64url'));
      expect(verifyUnitSignature(publicKey, unit, altered)).toBe(false);
    }
    expect(verifyUnitSignature(publicKey, unit, `${signature}==`)).toBe(false);
    expect(verifyUnitSignature(publicKey, unit, `${signature.slice(0, 40)}\n${signature.slice(40)}`)).toBe(
      false,
    );
  });
});
