import { gtinCheckDigit } from '../gtin';
import {
  AI_TITLES,
  DATA_ATTRIBUTE_AIS,
  DataAttributeAi,
  GTIN_QUALIFIERS,
  MAX_QUALIFIER_LENGTH,
  MAX_SIGNATURE_LENGTH,
  PathAi,
  PREDEFINED_LENGTH_AIS,
} from './application-identifiers';
import { cset82Problem, describeTextProblem, GS1_CSET64 } from './character-sets';
import { gs1DateProblem, Gs1DateProblem, gs1DateToIso } from './gs1-dates';

/**
 * GS1 Digital Link URIs (URI Syntax 1.6) for OCOP labels:
 *
 *   https://{resolver}[/{prefix}]/01/{GTIN-14}[/22/{cpv}][/10/{lot}][/21/{serial}][?{ai}={value}&…]
 *
 * Pure functions, shared by traceability (which prints the URIs) and the lookup service (which resolves them),
 * so that both read a URI the same way.
 */

export interface DigitalLinkData {
  /** GTIN-14. */
  gtin: string;
  cpv?: string;
  lot?: string;
  serial?: string;
  /** Data attributes by AI: dates as YYMMDD, 7007 as YYMMDD or YYMMDDYYMMDD, countries as ISO 3166 numeric. */
  attributes?: Partial<Record<DataAttributeAi, string>>;
}

export interface ParsedDigitalLink extends Required<Pick<DigitalLinkData, 'gtin'>> {
  cpv?: string;
  lot?: string;
  serial?: string;
  attributes: Partial<Record<DataAttributeAi, string>>;
  /** Scheme, host and any path before /01/, e.g. "https://id.ocop.vn". */
  base: string;
  /** Query parameters that are not GS1 AIs (linkType, context…), in order, for a resolver to act on. */
  otherParams: [string, string][];
}

export type DigitalLinkProblemCode =
  | 'not-a-uri'
  | 'scheme'
  | 'no-gtin'
  | 'unknown-path-ai'
  | 'qualifier-order'
  | 'duplicate-ai'
  | 'gtin-format'
  | 'gtin-check-digit'
  | 'percent-encoding'
  | 'value-empty'
  | 'value-too-long'
  | 'value-charset'
  | 'date-format'
  | 'date-invalid'
  | 'date-range-order'
  | 'country-code'
  | 'signature-format'
  | 'signature-needs-serial'
  | 'key-in-query'
  | 'unknown-attribute'
  // Labels without a GTIN (product-code-link.ts).
  | 'product-code'
  | 'no-lot';

export interface DigitalLinkProblem {
  code: DigitalLinkProblemCode;
  /** The AI concerned ("10", "17"…), or "uri" / "path" when it is the URI itself. */
  field: string;
  vi: string;
  en: string;
}

export type DigitalLinkParse =
  | { ok: true; value: ParsedDigitalLink }
  | { ok: false; problem: DigitalLinkProblem };

export class DigitalLinkError extends Error {
  constructor(readonly problem: DigitalLinkProblem) {
    super(`${problem.code} (${problem.field}): ${problem.en}`);
    this.name = 'DigitalLinkError';
  }
}

/** A problem with one field of a scanned code (shared with /t/ label links: product-code-link.ts). */
export const linkProblem = (
  code: DigitalLinkProblemCode,
  field: string,
  vi: string,
  en: string,
): DigitalLinkProblem => ({
  code,
  field,
  vi,
  en,
});

const aiLabel = (ai: PathAi | DataAttributeAi) => ({
  vi: `AI ${ai} (${AI_TITLES[ai].vi})`,
  en: `AI ${ai} (${AI_TITLES[ai].en})`,
});

// ---------------------------------------------------------------------------------------------------------------
// Checks shared by the parser and the builder

function gtinProblem(gtin: string): DigitalLinkProblem | undefined {
  if (!/^\d{14}$/.test(gtin)) {
    return linkProblem(
      'gtin-format',
      '01',
      'GTIN trong Digital Link gồm đúng 14 chữ số (thêm số 0 phía trước GTIN-8/12/13)',
      'a GTIN in a Digital Link has exactly 14 digits (pad GTIN-8/12/13 with leading zeros)',
    );
  }
  const expected = gtinCheckDigit(gtin.slice(0, 13));
  if (expected !== Number(gtin[13])) {
    return linkProblem(
      'gtin-check-digit',
      '01',
      `số kiểm tra của GTIN sai: phải là ${expected}`,
      `wrong GTIN check digit: it should be ${expected}`,
    );
  }
  return undefined;
}

function qualifierProblem(ai: PathAi, value: string): DigitalLinkProblem | undefined {
  const text = cset82Problem(value, MAX_QUALIFIER_LENGTH);
  if (!text) return undefined;
  const label = aiLabel(ai);
  const { vi, en } = describeTextProblem(text);
  const code =
    text.kind === 'empty' ? 'value-empty' : text.kind === 'too-long' ? 'value-too-long' : 'value-charset';
  return linkProblem(code, ai, `${label.vi}: ${vi}`, `${label.en}: ${en}`);
}

const DATE_PROBLEM_TEXT: Record<Gs1DateProblem, { vi: string; en: string }> = {
  format: { vi: 'phải có dạng YYMMDD', en: 'must be YYMMDD' },
  month: { vi: 'tháng phải từ 01 đến 12', en: 'the month must be 01 to 12' },
  day: { vi: 'ngày không có trong tháng đó', en: 'that day does not exist in that month' },
  'outside-window': {
    vi: 'năm nằm ngoài khoảng GS1 biểu diễn được',
    en: 'the year is outside what GS1 can express',
  },
};

function attributeProblem(
  ai: DataAttributeAi,
  value: string,
  currentYear: number,
  hasSerial: boolean,
): DigitalLinkProblem | undefined {
  const label = aiLabel(ai);
  const dateProblem = (v: string) => {
    const p = gs1DateProblem(v, currentYear);
    if (!p) return undefined;
    const t = DATE_PROBLEM_TEXT[p];
    return linkProblem(
      p === 'format' ? 'date-format' : 'date-invalid',
      ai,
      `${label.vi}: ${t.vi}`,
      `${label.en}: ${t.en}`,
    );
  };
  switch (ai) {
    case '11':
    case '13':
    case '15':
    case '17':
      return dateProblem(value);
    case '7007': {
      if (!/^\d{6}(\d{6})?$/.test(value)) {
        return linkProblem(
          'date-format',
          ai,
          `${label.vi}: YYMMDD hoặc YYMMDDYYMMDD`,
          `${label.en}: YYMMDD or YYMMDDYYMMDD`,
        );
      }
      const first = value.slice(0, 6);
      const last = value.length === 12 ? value.slice(6) : undefined;
      const bad = dateProblem(first) ?? (last ? dateProblem(last) : undefined);
      if (bad) return bad;
      if (last && gs1DateToIso(last, currentYear) < gs1DateToIso(first, currentYear)) {
        return linkProblem(
          'date-range-order',
          ai,
          `${label.vi}: ngày cuối trước ngày đầu`,
          `${label.en}: the range ends before it starts`,
        );
      }
      return undefined;
    }
    case '422':
    case '426':
      return /^\d{3}$/.test(value) && value !== '000'
        ? undefined
        : linkProblem(
            'country-code',
            ai,
            `${label.vi}: mã nước ISO 3166 gồm 3 chữ số (Việt Nam: 704)`,
            `${label.en}: a 3-digit ISO 3166 numeric code (Viet Nam: 704)`,
          );
    case '8030':
      if (!hasSerial) {
        return linkProblem(
          'signature-needs-serial',
          ai,
          'chữ ký số (8030) chỉ đi kèm khóa có số sê-ri (GTIN + 21)',
          'a digital signature (8030) needs a serialised key (GTIN + 21)',
        );
      }
      return value.length >= 1 && value.length <= MAX_SIGNATURE_LENGTH && GS1_CSET64.test(value)
        ? undefined
        : linkProblem(
            'signature-format',
            ai,
            `${label.vi}: 1–${MAX_SIGNATURE_LENGTH} ký tự base64url`,
            `${label.en}: 1–${MAX_SIGNATURE_LENGTH} base64url characters`,
          );
  }
}

/** What is wrong with the data for a Digital Link, or undefined. `currentYear` anchors GS1's 2-digit years. */
export function digitalLinkDataProblem(
  data: DigitalLinkData,
  currentYear: number,
): DigitalLinkProblem | undefined {
  const gtin = gtinProblem(data.gtin);
  if (gtin) return gtin;
  for (const [ai, value] of [
    ['22', data.cpv],
    ['10', data.lot],
    ['21', data.serial],
  ] as [PathAi, string | undefined][]) {
    if (value !== undefined) {
      const p = qualifierProblem(ai, value);
      if (p) return p;
    }
  }
  for (const [ai, value] of Object.entries(data.attributes ?? {}) as [DataAttributeAi, string][]) {
    if (!DATA_ATTRIBUTE_AIS.includes(ai)) {
      return linkProblem('unknown-attribute', ai, `AI ${ai} không được hỗ trợ`, `AI ${ai} is not supported`);
    }
    const p = attributeProblem(ai, value, currentYear, data.serial !== undefined);
    if (p) return p;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Building

/**
 * Percent-encodes an AI value for a URI path or query: everything but unreserved characters (RFC 3986), so that
 * set-82 characters with a meaning in URIs ("/", "?", "&", "%", "#"…) can never change the URI's structure.
 */
export function percentEncodeAiValue(value: string): string {
  return value.replace(
    /[^A-Za-z0-9\-._~]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}

const byAiNumber = (a: string, b: string) => Number(a) - Number(b);

/**
 * The Digital Link URI of the data on the resolver at `base` (scheme + host [+ path prefix], no trailing
 * slash). Attributes go in ascending AI order, so a signature (8030) ends the URI. Throws DigitalLinkError
 * rather than ever producing an invalid URI.
 */
export function buildDigitalLink(base: string, data: DigitalLinkData, currentYear: number): string {
  const p = digitalLinkDataProblem(data, currentYear);
  if (p) throw new DigitalLinkError(p);
  if (!/^https?:\/\/[^/?#]+(\/[^?#]*[^/?#])?$/.test(base)) {
    throw new DigitalLinkError(
      linkProblem('scheme', 'uri', 'địa chỉ resolver không hợp lệ', 'not a valid resolver base URI'),
    );
  }
  let uri = `${base}/01/${data.gtin}`;
  if (data.cpv !== undefined) uri += `/22/${percentEncodeAiValue(data.cpv)}`;
  if (data.lot !== undefined) uri += `/10/${percentEncodeAiValue(data.lot)}`;
  if (data.serial !== undefined) uri += `/21/${percentEncodeAiValue(data.serial)}`;
  const attributes = Object.entries(data.attributes ?? {}).sort(([a], [b]) => byAiNumber(a, b));
  if (attributes.length) {
    uri += `?${attributes.map(([ai, value]) => `${ai}=${percentEncodeAiValue(value as string)}`).join('&')}`;
  }
  return uri;
}

/** What a person reads under the QR code: host and path, without scheme and query ("id.ocop.vn/01/…/21/…"). */
export function shortDigitalLink(uri: string): string {
  return uri.replace(/^https?:\/\//, '').replace(/[?#].*$/, '');
}

// ---------------------------------------------------------------------------------------------------------------
// Parsing

/** A percent-encoded part of a URI, decoded, or the problem naming its field. */
export function decodeLinkPart(raw: string, field: string): string | DigitalLinkProblem {
  try {
    return decodeURIComponent(raw);
  } catch {
    return linkProblem(
      'percent-encoding',
      field,
      'mã hóa phần trăm (%XX) không hợp lệ',
      'invalid percent-encoding (%XX)',
    );
  }
}

/**
 * Reads a Digital Link URI, or says precisely what is wrong with it (which AI, why), so that a resolver can
 * answer 400 with a reason. `currentYear` anchors GS1's two-digit years.
 */
export function parseDigitalLink(uri: string, currentYear: number): DigitalLinkParse {
  const fail = (p: DigitalLinkProblem): DigitalLinkParse => ({ ok: false, problem: p });
  const match = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/([^/?#]+)([^?#]*)(?:\?([^#]*))?(?:#.*)?$/.exec(uri.trim());
  if (!match) return fail(linkProblem('not-a-uri', 'uri', 'không phải một địa chỉ URI', 'not a URI'));
  const [, scheme, authority, path, query] = match;
  if (!/^https?$/i.test(scheme)) {
    return fail(
      linkProblem('scheme', 'uri', 'Digital Link dùng http hoặc https', 'a Digital Link uses http or https'),
    );
  }
  const segments = path.split('/').slice(1);
  // The path ends with (AI, value) pairs; the primary key /01/ is the last "01" an even number of segments
  // from the end, so that a resolver path prefix (even one containing "01") stays the prefix.
  let primary = -1;
  for (let i = segments.length - 2; i >= 0; i -= 2) {
    if (segments[i] === '01') {
      primary = i;
      break;
    }
  }
  if (primary < 0) {
    return fail(
      linkProblem('no-gtin', 'path', 'đường dẫn không có /01/{GTIN}', 'the path has no /01/{GTIN}'),
    );
  }
  const base = `${scheme.toLowerCase()}://${authority}${segments
    .slice(0, primary)
    .map((s) => `/${s}`)
    .join('')}`;
  const gtin = decodeLinkPart(segments[primary + 1], '01');
  if (typeof gtin !== 'string') return fail(gtin);
  const gtinBad = gtinProblem(gtin);
  if (gtinBad) return fail(gtinBad);

  const value: ParsedDigitalLink = { base, gtin, attributes: {}, otherParams: [] };
  let lastQualifier = -1;
  for (let i = primary + 2; i < segments.length; i += 2) {
    const ai = segments[i] as PathAi;
    const order = GTIN_QUALIFIERS.indexOf(ai);
    if (order < 0) {
      return fail(
        linkProblem(
          'unknown-path-ai',
          segments[i] || 'path',
          `"${segments[i]}" không phải bộ định danh sau GTIN (chỉ 22, 10, 21)`,
          `"${segments[i]}" is not a key qualifier of a GTIN (only 22, 10, 21)`,
        ),
      );
    }
    if (order <= lastQualifier) {
      return fail(
        linkProblem(
          order === lastQualifier ? 'duplicate-ai' : 'qualifier-order',
          ai,
          'thứ tự phải là /01/…/22/…/10/…/21/…, mỗi AI một lần',
          'the order must be /01/…/22/…/10/…/21/…, each AI once',
        ),
      );
    }
    lastQualifier = order;
    const decoded = decodeLinkPart(segments[i + 1], ai);
    if (typeof decoded !== 'string') return fail(decoded);
    const bad = qualifierProblem(ai, decoded);
    if (bad) return fail(bad);
    if (ai === '22') value.cpv = decoded;
    else if (ai === '10') value.lot = decoded;
    else value.serial = decoded;
  }

  for (const pair of query ? query.split('&') : []) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const rawKey = eq < 0 ? pair : pair.slice(0, eq);
    const key = decodeLinkPart(rawKey, rawKey);
    if (typeof key !== 'string') return fail(key);
    const val = decodeLinkPart(eq < 0 ? '' : pair.slice(eq + 1).replace(/\+/g, '%20'), key);
    if (typeof val !== 'string') return fail(val);
    if (!/^\d{2,4}$/.test(key)) {
      value.otherParams.push([key, val]);
      continue;
    }
    if (key === '01' || GTIN_QUALIFIERS.includes(key as PathAi)) {
      return fail(
        linkProblem(
          'key-in-query',
          key,
          `AI ${key} thuộc đường dẫn, không thuộc tham số`,
          `AI ${key} belongs in the path, not the query`,
        ),
      );
    }
    const ai = key as DataAttributeAi;
    if (!DATA_ATTRIBUTE_AIS.includes(ai)) {
      return fail(
        linkProblem('unknown-attribute', key, `AI ${key} không được hỗ trợ`, `AI ${key} is not supported`),
      );
    }
    if (value.attributes[ai] !== undefined) {
      return fail(linkProblem('duplicate-ai', key, `AI ${key} xuất hiện hai lần`, `AI ${key} appears twice`));
    }
    const bad = attributeProblem(ai, val, currentYear, value.serial !== undefined);
    if (bad) return fail(bad);
    value.attributes[ai] = val;
  }
  return { ok: true, value };
}

// ---------------------------------------------------------------------------------------------------------------
// Element string

/** ASCII 29, the GS1 FNC1 separator as it appears in a decoded barcode. */
export const GS = '\u001d';

/**
 * The GS1 element string of the data (what a GS1 DataMatrix would carry), without AI 8030. This is the message a
 * per-unit digital signature signs:
 *
 *   01 + GTIN-14, then 22, 10, 21 when present, then the other attributes in ascending AI order; each element is
 *   AI + value, and an element whose AI has no predefined length is followed by GS (U+001D) unless it is last.
 *
 * E.g. GTIN 08936047000500, lot L1, serial ABC, expiry 261231 → "0108936047000500" + "10L1" GS "21ABC" GS "17261231".
 * GS cannot occur in a set-82 value, so two different label contents never yield the same string.
 */
export function gs1ElementString(data: DigitalLinkData): string {
  const elements: [string, string][] = [['01', data.gtin]];
  if (data.cpv !== undefined) elements.push(['22', data.cpv]);
  if (data.lot !== undefined) elements.push(['10', data.lot]);
  if (data.serial !== undefined) elements.push(['21', data.serial]);
  const attributes = Object.entries(data.attributes ?? {})
    .filter(([ai]) => ai !== '8030')
    .sort(([a], [b]) => byAiNumber(a, b)) as [string, string][];
  elements.push(...attributes);
  return elements
    .map(
      ([ai, value], i) =>
        `${ai}${value}${i < elements.length - 1 && !PREDEFINED_LENGTH_AIS.has(ai) ? GS : ''}`,
    )
    .join('');
}
