import { createPublicKey, KeyObject, sign, verify } from 'node:crypto';
import { decodeCanonicalBase64url } from './canonical-base64url';
import { DigitalLinkData, gs1ElementString } from './digital-link';

/**
 * Per-unit signatures carried in AI 8030 (GS1 Digital Signatures, 2024): Ed25519 over the UTF-8 bytes of the
 * unit's GS1 element string without AI 8030 (see gs1ElementString):
 *
 *   "01" GTIN-14  "10" lot GS  "21" serial [GS]  then the label's other AIs in ascending order ("17" YYMMDD …)
 *
 * with GS = U+001D after every variable-length element that is not last. The 64-byte signature is written in
 * base64url without padding: 86 characters, within the 90 that AI 8030 allows. Anyone holding the published
 * public keys can check a label offline. Here, not in traceability, because the signer (traceability) and the
 * verifier (lookup) must agree on every byte of the message.
 */
export function unitSignedMessage(data: DigitalLinkData): Buffer {
  return Buffer.from(gs1ElementString(data), 'utf8');
}

export function signUnit(privateKey: KeyObject, data: DigitalLinkData): string {
  return signLabelMessage(privateKey, unitSignedMessage(data));
}

/** A label's signature of its message (a GS1 element string, or a /t/ label's message: product-code-link.ts). */
export function signLabelMessage(privateKey: KeyObject, message: Buffer): string {
  return sign(null, message, privateKey).toString('base64url');
}

const ED25519_SIGNATURE_BYTES = 64;

/**
 * Whether `signature` (AI 8030 as scanned) is the key's signature of the unit. Only the canonical spelling counts:
 * a label whose last character was changed must not verify, although a lenient decoder reads the same bytes.
 */
export function verifyUnitSignature(publicKey: KeyObject, data: DigitalLinkData, signature: string): boolean {
  return verifyLabelSignature(publicKey, unitSignedMessage(data), signature);
}

export function verifyLabelSignature(publicKey: KeyObject, message: Buffer, signature: string): boolean {
  const bytes = decodeCanonicalBase64url(signature);
  if (bytes?.length !== ED25519_SIGNATURE_BYTES) return false;
  return verify(null, message, publicKey, bytes);
}

/** An Ed25519 public key from its raw 32 bytes (the JWK "x"). */
export function ed25519PublicKey(raw: Buffer): KeyObject {
  return createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') },
    format: 'jwk',
  });
}
