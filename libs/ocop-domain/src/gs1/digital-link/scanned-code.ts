import { parseGtin } from '../gtin';
import {
  DATA_ATTRIBUTE_AIS,
  DataAttributeAi,
  MAX_QUALIFIER_LENGTH,
  MAX_SIGNATURE_LENGTH,
} from './application-identifiers';
import {
  DigitalLinkData,
  digitalLinkDataProblem,
  DigitalLinkProblem,
  GS,
  parseDigitalLink,
} from './digital-link';

/**
 * What a retailer's scanner or spreadsheet hands over for one label, read into the data of a GS1 Digital Link:
 *
 *   - a Digital Link URI on any resolver's domain, or its path (`/01/…`);
 *   - a bracketed element string, `(01)08936047000500(10)L1(21)ABC`, as printed under a barcode;
 *   - a raw element string as a scanner decodes a GS1 DataMatrix, GS1 QR or GS1-128: AI after AI, a variable-length
 *     value ended by FNC1 (transmitted as GS, U+001D) unless it is last, optionally after the AIM symbology
 *     identifier the scanner prefixes (`]d2` GS1 DataMatrix, `]Q3` GS1 QR Code, `]C1` GS1-128, `]e0` GS1 DataBar);
 *   - a bare GTIN (EAN-8, UPC-A, EAN-13, GTIN-14), which identifies the product only.
 *
 * Pure; the lookup service verifies what this reads. Only the AIs OCOP labels use are understood (a value's length
 * in a raw string depends on its AI, so an unknown AI cannot even be skipped): any other is a specific problem.
 */

export type ScannedCodeFormat = 'digital-link' | 'element-string' | 'gtin';

export type ScannedCodeProblemCode =
  | DigitalLinkProblem['code']
  | 'empty'
  | 'not-recognised'
  | 'symbology'
  | 'unknown-ai'
  | 'truncated'
  | 'missing-separator';

export interface ScannedCodeProblem {
  code: ScannedCodeProblemCode;
  /** The AI concerned, or "code" for the code as a whole. */
  field: string;
  vi: string;
  en: string;
}

export type ScannedCodeParse =
  | { ok: true; format: ScannedCodeFormat; data: DigitalLinkData }
  | { ok: false; problem: ScannedCodeProblem };

const fail = (code: ScannedCodeProblemCode, field: string, vi: string, en: string): ScannedCodeParse => ({
  ok: false,
  problem: { code, field, vi, en },
});

/** AIM symbology identifiers whose data is a GS1 element string (ISO/IEC 15424; GS1 General Specifications 5.1.2). */
const GS1_SYMBOLOGIES = new Set([']d2', ']Q3', ']C1', ']e0']);
/** EAN-13 / UPC-A and EAN-8: their data is the GTIN itself. */
const GTIN_SYMBOLOGIES = new Set([']E0', ']E4']);

/** The AIs read from element strings, with their value lengths: [fixed, digits only] or [max, variable]. */
const ELEMENT_AIS: Record<string, { length: number; fixed: boolean }> = {
  '01': { length: 14, fixed: true },
  '11': { length: 6, fixed: true },
  '13': { length: 6, fixed: true },
  '15': { length: 6, fixed: true },
  '17': { length: 6, fixed: true },
  '10': { length: MAX_QUALIFIER_LENGTH, fixed: false },
  '21': { length: MAX_QUALIFIER_LENGTH, fixed: false },
  '22': { length: MAX_QUALIFIER_LENGTH, fixed: false },
  '422': { length: 3, fixed: false },
  '426': { length: 3, fixed: false },
  '7007': { length: 12, fixed: false },
  '8030': { length: MAX_SIGNATURE_LENGTH, fixed: false },
};

/**
 * The canonical form of a Digital Link path (with its query): one trailing slash dropped, and a GTIN-8, -12 or -13
 * left-padded to the GTIN-14 a Digital Link carries (the same item, the same check digit: GS1's own padding).
 * Nothing else is forgiven: the strict parser reads the result.
 */
export function canonicalDigitalLinkPath(target: string): string {
  const q = target.indexOf('?');
  let path = q < 0 ? target : target.slice(0, q);
  const query = q < 0 ? '' : target.slice(q);
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  const gtin = /^(.*?\/01\/)(\d{8}|\d{12}|\d{13})(?=\/|$)/.exec(path);
  if (gtin) path = `${gtin[1]}${gtin[2].padStart(14, '0')}${path.slice(gtin[0].length)}`;
  return path + query;
}

/** Reads one scanned or typed code; `currentYear` anchors GS1's two-digit years. */
export function parseScannedCode(input: string, currentYear: number): ScannedCodeParse {
  const code = input.trim();
  if (!code) return fail('empty', 'code', 'mã trống', 'the code is empty');
  let body = code;
  const aim = /^\][A-Za-z][0-9A-Za-z]/.exec(code);
  if (aim) {
    body = code.slice(3);
    if (GTIN_SYMBOLOGIES.has(aim[0]) && /^\d+$/.test(body) && [8, 12, 13, 14].includes(body.length)) {
      return bareGtin(body);
    }
    // A plain QR Code (]Q1) or DataMatrix (]d1) of a URI is how a Digital Link label scans.
    if (!GS1_SYMBOLOGIES.has(aim[0]) && !/^https?:\/\//i.test(body)) {
      return fail(
        'symbology',
        'code',
        `mã quét "${aim[0]}" không phải mã vạch GS1 (]d2, ]Q3, ]C1, ]e0, ]E0, ]E4) hay Digital Link`,
        `symbology "${aim[0]}" is not a GS1 barcode (]d2, ]Q3, ]C1, ]e0, ]E0, ]E4) nor a Digital Link`,
      );
    }
  }
  if (/^https?:\/\//i.test(body) || body.startsWith('/')) return digitalLink(body, currentYear);
  if (aim && GS1_SYMBOLOGIES.has(aim[0])) return elementString(raw(body), 'element-string', currentYear);
  if (body.startsWith('(')) return elementString(bracketed(body), 'element-string', currentYear);
  if (/^\d+$/.test(body) && [8, 12, 13, 14].includes(body.length)) return bareGtin(body);
  if ((/^\d/.test(body) || body.startsWith(GS)) && body.length > 14) {
    return elementString(raw(body), 'element-string', currentYear);
  }
  return fail(
    'not-recognised',
    'code',
    'không nhận ra mã: cần Digital Link, chuỗi GS1 (01)…, chuỗi quét có GS, hoặc GTIN',
    'not a recognised code: a Digital Link, a GS1 element string (01)…, a scanned string with GS, or a GTIN',
  );
}

function digitalLink(uri: string, currentYear: number): ScannedCodeParse {
  const match = /^([a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#]+)?(.*)$/.exec(uri) as RegExpExecArray;
  const base = match[1] ?? 'https://resolver.invalid';
  const parsed = parseDigitalLink(`${base}${canonicalDigitalLinkPath(match[2])}`, currentYear);
  if (!parsed.ok) return { ok: false, problem: parsed.problem };
  const { gtin, cpv, lot, serial, attributes } = parsed.value;
  return { ok: true, format: 'digital-link', data: { gtin, cpv, lot, serial, attributes } };
}

function bareGtin(digits: string): ScannedCodeParse {
  const gtin = parseGtin(digits);
  if (!gtin.ok) {
    return fail(
      'gtin-check-digit',
      '01',
      `số kiểm tra của GTIN sai: phải là ${gtin.expectedCheckDigit}`,
      `wrong GTIN check digit: it should be ${gtin.expectedCheckDigit}`,
    );
  }
  return { ok: true, format: 'gtin', data: { gtin: gtin.gtin14 } };
}

type Elements = [string, string][] | ScannedCodeParse;

/** (AI)value(AI)value… — the brackets delimit every element, so no separator is needed. */
function bracketed(body: string): Elements {
  const elements: [string, string][] = [];
  const re = /\((\d{2,4})\)([^()]*)/y;
  let at = 0;
  while (at < body.length) {
    re.lastIndex = at;
    const m = re.exec(body);
    if (!m) {
      return fail(
        'not-recognised',
        'code',
        `chuỗi (AI)giá trị sai từ ký tự ${at + 1}`,
        `the (AI)value string is malformed from character ${at + 1}`,
      );
    }
    const spec = ELEMENT_AIS[m[1]];
    if (!spec) return unknownAi(m[1]);
    if (spec.fixed && m[2].length !== spec.length) return fixedLength(m[1], spec.length, m[2].length);
    elements.push([m[1], m[2]]);
    at = re.lastIndex;
  }
  return elements;
}

/** AI after AI; a variable-length value runs to the next GS or to the end. A leading FNC1 (GS) is dropped. */
function raw(body: string): Elements {
  const elements: [string, string][] = [];
  let at = body.startsWith(GS) ? 1 : 0;
  while (at < body.length) {
    const ai = [2, 3, 4].map((n) => body.slice(at, at + n)).find((a) => ELEMENT_AIS[a] && /^\d+$/.test(a));
    if (!ai) return unknownAi(body.slice(at, at + 2).replace(GS, ''));
    const spec = ELEMENT_AIS[ai];
    const start = at + ai.length;
    if (spec.fixed) {
      const value = body.slice(start, start + spec.length);
      if (value.length < spec.length || value.includes(GS)) {
        return fixedLength(ai, spec.length, value.split(GS)[0].length);
      }
      elements.push([ai, value]);
      at = start + spec.length;
      // Some encoders put FNC1 after a fixed-length element too; it is harmless.
      if (body[at] === GS) at++;
    } else {
      const end = body.indexOf(GS, start);
      const value = body.slice(start, end < 0 ? body.length : end);
      if (!value) {
        return fail('truncated', ai, `AI ${ai} không có giá trị`, `AI ${ai} has no value`);
      }
      if (value.length > spec.length) {
        return fail(
          ai === '10' || ai === '21' || ai === '22' ? 'value-too-long' : 'missing-separator',
          ai,
          `AI ${ai} dài quá ${spec.length} ký tự (thiếu ký tự GS sau giá trị?)`,
          `AI ${ai} is longer than ${spec.length} characters (a GS separator missing after the value?)`,
        );
      }
      elements.push([ai, value]);
      at = end < 0 ? body.length : end + 1;
    }
  }
  return elements;
}

function fixedLength(ai: string, length: number, found: number): ScannedCodeParse {
  return found < length
    ? fail(
        'truncated',
        ai,
        `AI ${ai} cần đúng ${length} ký tự, chỉ có ${found} (mã bị cắt?)`,
        `AI ${ai} needs exactly ${length} characters, only ${found} are there (a cut-off code?)`,
      )
    : fail(
        'value-too-long',
        ai,
        `AI ${ai} cần đúng ${length} ký tự, có ${found}`,
        `AI ${ai} needs exactly ${length} characters, there are ${found}`,
      );
}

function unknownAi(ai: string): ScannedCodeParse {
  return fail(
    'unknown-ai',
    ai || 'code',
    `AI ${ai}… không thuộc các AI của tem OCOP (01, 10, 21, 22, 11, 13, 15, 17, 7007, 422, 426, 8030)`,
    `AI ${ai}… is not one OCOP labels use (01, 10, 21, 22, 11, 13, 15, 17, 7007, 422, 426, 8030)`,
  );
}

function elementString(elements: Elements, format: ScannedCodeFormat, currentYear: number): ScannedCodeParse {
  if (!Array.isArray(elements)) return elements;
  const seen = new Map<string, string>();
  for (const [ai, value] of elements) {
    if (seen.has(ai)) {
      return fail('duplicate-ai', ai, `AI ${ai} xuất hiện hai lần`, `AI ${ai} appears twice`);
    }
    seen.set(ai, value);
  }
  const gtin = seen.get('01');
  if (gtin === undefined) {
    return fail('no-gtin', '01', 'chuỗi không có AI 01 (GTIN)', 'the string has no AI 01 (GTIN)');
  }
  const attributes: Partial<Record<DataAttributeAi, string>> = {};
  for (const ai of DATA_ATTRIBUTE_AIS) {
    const value = seen.get(ai);
    if (value !== undefined) attributes[ai] = value;
  }
  const data: DigitalLinkData = {
    gtin,
    ...(seen.has('22') ? { cpv: seen.get('22') } : {}),
    ...(seen.has('10') ? { lot: seen.get('10') } : {}),
    ...(seen.has('21') ? { serial: seen.get('21') } : {}),
    attributes,
  };
  const problem = digitalLinkDataProblem(data, currentYear);
  if (problem) return { ok: false, problem };
  return { ok: true, format, data };
}
