import { KeyObject } from 'node:crypto';
import { cset82Problem, describeTextProblem } from './digital-link/character-sets';
import {
  decodeLinkPart,
  DigitalLinkProblem,
  GS,
  linkProblem,
  percentEncodeAiValue,
} from './digital-link/digital-link';
import { signLabelMessage, verifyLabelSignature } from './unit-signature';

/**
 * Labels of products without a GTIN (decision 0048): the same resolver, serials, signatures and verdicts as a GS1
 * Digital Link, under an identifier that does not pretend to be GS1:
 *
 *   https://{resolver}/t/{product code}/{lot}[/{serial}][?sig={signature}]
 *
 * The product code is the catalogue's product id (a random UUID) written in Crockford base 32: 26 characters,
 * unique and stable by construction, nothing to assign, store or send, and not sequential. Lots and serials are
 * GS1 set 82, as on GS1 labels, so that a lot reads the same whatever form its label has.
 */

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const PRODUCT_CODE_LENGTH = 26;
/** 128 bits in 26 characters of 5 bits: the first character carries 3, so it is 0–7. */
const PRODUCT_CODE = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The public product code of a catalogue product id. */
export function productCodeOf(productId: string): string {
  if (!UUID.test(productId)) throw new Error(`Not a product id: ${productId}`);
  let n = BigInt(`0x${productId.replace(/-/g, '')}`);
  let code = '';
  for (let i = 0; i < PRODUCT_CODE_LENGTH; i++) {
    code = CROCKFORD[Number(n & 31n)] + code;
    n >>= 5n;
  }
  return code;
}

/** The product id a code stands for, or undefined unless `code` is a product code in its one spelling. */
export function productIdOfCode(code: string): string | undefined {
  if (!PRODUCT_CODE.test(code)) return undefined;
  let n = 0n;
  for (const c of code) n = (n << 5n) | BigInt(CROCKFORD.indexOf(c));
  const hex = n.toString(16).padStart(32, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The query parameter that carries a /t/ label's signature, as AI 8030 does on a GS1 label. */
export const PRODUCT_CODE_SIGNATURE_PARAM = 'sig';

export interface ProductCodeLinkData {
  code: string;
  lot: string;
  serial?: string;
}

export interface ParsedProductCodeLink extends ProductCodeLinkData {
  /** Scheme and host, e.g. "https://id.ocop.vn". */
  base: string;
  signature?: string;
  /** Other query parameters (linkType, lang, context…), in order, for the resolver to act on. */
  otherParams: [string, string][];
}

export type ProductCodeLinkParse =
  | { ok: true; value: ParsedProductCodeLink }
  | { ok: false; problem: DigitalLinkProblem };

/** The path of the identifier: /t/{code}/{lot}[/{serial}], values percent-encoded. */
export function productCodePath(data: ProductCodeLinkData): string {
  let path = `/t/${data.code}/${percentEncodeAiValue(data.lot)}`;
  if (data.serial !== undefined) path += `/${percentEncodeAiValue(data.serial)}`;
  return path;
}

/** The label's URI on the resolver at `base`; throws rather than produce an identifier nobody can resolve. */
export function buildProductCodeLink(
  base: string,
  data: ProductCodeLinkData,
  signature?: string | null,
): string {
  const problem = productCodeDataProblem(data);
  if (problem) throw new Error(`${problem.code}: ${problem.en}`);
  const uri = `${base}${productCodePath(data)}`;
  return signature ? `${uri}?${PRODUCT_CODE_SIGNATURE_PARAM}=${signature}` : uri;
}

function productCodeDataProblem(data: ProductCodeLinkData): DigitalLinkProblem | undefined {
  if (productIdOfCode(data.code) === undefined) {
    return linkProblem(
      'product-code',
      'code',
      `mã sản phẩm gồm ${PRODUCT_CODE_LENGTH} ký tự (chữ hoa, số)`,
      `a product code has ${PRODUCT_CODE_LENGTH} characters (capitals and digits)`,
    );
  }
  for (const [field, value, vi, en] of [
    ['lot', data.lot, 'số lô', 'lot'],
    ['serial', data.serial, 'số sê-ri', 'serial'],
  ] as const) {
    if (value === undefined) continue;
    const text = cset82Problem(value);
    if (!text) continue;
    const described = describeTextProblem(text);
    return linkProblem(
      text.kind === 'empty' ? 'value-empty' : text.kind === 'too-long' ? 'value-too-long' : 'value-charset',
      field,
      `${vi}: ${described.vi}`,
      `${en}: ${described.en}`,
    );
  }
  return undefined;
}

/** Reads a /t/ label URI strictly, or says what is wrong with it (answered 400 like a bad Digital Link). */
export function parseProductCodeLink(uri: string): ProductCodeLinkParse {
  const fail = (p: DigitalLinkProblem): ProductCodeLinkParse => ({ ok: false, problem: p });
  const match = /^(https?):\/\/([^/?#]+)\/t\/([^?#]*)(?:\?([^#]*))?(?:#.*)?$/i.exec(uri.trim());
  if (!match) {
    return fail(
      linkProblem(
        'not-a-uri',
        'uri',
        'không phải địa chỉ tem dạng /t/{mã sản phẩm}/{lô}[/{sê-ri}]',
        'not a label URI of the form /t/{product code}/{lot}[/{serial}]',
      ),
    );
  }
  const [, scheme, authority, path, query] = match;
  const segments = path.split('/');
  if (segments.length < 2 || segments.length > 3) {
    return fail(
      linkProblem(
        'no-lot',
        'path',
        'đường dẫn phải là /t/{mã sản phẩm}/{lô}[/{sê-ri}]',
        'the path must be /t/{product code}/{lot}[/{serial}]',
      ),
    );
  }
  const values: string[] = [];
  for (const [i, raw] of segments.entries()) {
    const value = decodeLinkPart(raw, ['code', 'lot', 'serial'][i]);
    if (typeof value !== 'string') return fail(value);
    values.push(value);
  }
  const [code, lot, serial] = values;
  const data: ProductCodeLinkData = { code, lot, ...(serial !== undefined ? { serial } : {}) };
  const bad = productCodeDataProblem(data);
  if (bad) return fail(bad);
  const value: ParsedProductCodeLink = {
    ...data,
    base: `${scheme.toLowerCase()}://${authority}`,
    otherParams: [],
  };
  for (const pair of query ? query.split('&') : []) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const key = decodeLinkPart(eq < 0 ? pair : pair.slice(0, eq), 'query');
    if (typeof key !== 'string') return fail(key);
    const val = decodeLinkPart(eq < 0 ? '' : pair.slice(eq + 1).replace(/\+/g, '%20'), key);
    if (typeof val !== 'string') return fail(val);
    if (key !== PRODUCT_CODE_SIGNATURE_PARAM) {
      value.otherParams.push([key, val]);
      continue;
    }
    if (value.signature !== undefined) {
      return fail(
        linkProblem('duplicate-ai', key, 'chữ ký xuất hiện hai lần', 'the signature appears twice'),
      );
    }
    if (serial === undefined) {
      return fail(
        linkProblem(
          'signature-needs-serial',
          key,
          'chữ ký số chỉ đi kèm mã có số sê-ri',
          'a digital signature needs a serialised identifier',
        ),
      );
    }
    if (!/^[A-Za-z0-9_-]{1,90}$/.test(val)) {
      return fail(
        linkProblem(
          'signature-format',
          key,
          'chữ ký: 1–90 ký tự base64url',
          'signature: 1–90 base64url characters',
        ),
      );
    }
    value.signature = val;
  }
  return { ok: true, value };
}

/**
 * What a /t/ label's signature signs: "OCOP-T" GS code GS lot GS serial, in UTF-8. A GS1 element string starts with
 * an AI's digits, so no /t/ message is ever a GS1 label's message (or the other way round): a signature cannot be
 * moved between the two forms. GS cannot occur in set 82, so two labels never share a message.
 */
export function productCodeSignedMessage(data: Required<ProductCodeLinkData>): Buffer {
  return Buffer.from(['OCOP-T', data.code, data.lot, data.serial].join(GS), 'utf8');
}

export function signProductCodeUnit(privateKey: KeyObject, data: Required<ProductCodeLinkData>): string {
  return signLabelMessage(privateKey, productCodeSignedMessage(data));
}

export function verifyProductCodeUnitSignature(
  publicKey: KeyObject,
  data: Required<ProductCodeLinkData>,
  signature: string,
): boolean {
  return verifyLabelSignature(publicKey, productCodeSignedMessage(data), signature);
}
