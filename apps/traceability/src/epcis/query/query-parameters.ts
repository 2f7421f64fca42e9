import { bilingual, DomainError } from '@ocop/contracts';
import { CLASS_ROLES, EpcRole, INSTANCE_ROLES } from '../epc-identifiers';

/**
 * The EPCIS 2.0 SimpleEventQuery parameters this repository answers, read from a REST query string. A parameter it
 * does not know, or a value it cannot read, is a QueryParameterException (400) naming the parameter: silently
 * ignoring a filter would answer a different question than the one asked.
 */
export const MAX_PER_PAGE = 1000;
export const DEFAULT_PER_PAGE = 30;

export const EVENT_TYPES = [
  'ObjectEvent',
  'AggregationEvent',
  'TransactionEvent',
  'TransformationEvent',
  'AssociationEvent',
] as const;

/** Which roles (epc-identifiers: EpcRole) each MATCH_ parameter looks at. */
export const MATCH_ROLES = {
  MATCH_epc: ['epc'],
  MATCH_parentID: ['parent'],
  MATCH_inputEPC: ['input'],
  MATCH_outputEPC: ['output'],
  MATCH_anyEPC: INSTANCE_ROLES,
  MATCH_epcClass: ['class'],
  MATCH_inputEPCClass: ['inputClass'],
  MATCH_outputEPCClass: ['outputClass'],
  MATCH_anyEPCClass: CLASS_ROLES,
} as const satisfies Record<string, readonly EpcRole[]>;

export type MatchParameter = keyof typeof MATCH_ROLES;

type Kind =
  | { list: 'words' | 'uris' }
  | { list: 'words'; values: readonly string[] }
  | { time: true }
  | { one: readonly string[] }
  | { int: [number, number] }
  | { token: true };

const WORDS = { list: 'words' } as const;
const URIS = { list: 'uris' } as const;
const TIME = { time: true } as const;

/** Each parameter, how its value is read, and what the OpenAPI document says of it. */
export const QUERY_PARAMETERS: Record<string, { kind: Kind; doc: string }> = {
  eventType: { kind: { list: 'words', values: EVENT_TYPES }, doc: 'ObjectEvent|TransformationEvent …' },
  GE_eventTime: { kind: TIME, doc: 'eventTime ≥, ISO 8601 with offset' },
  LT_eventTime: { kind: TIME, doc: 'eventTime <' },
  GE_recordTime: { kind: TIME, doc: 'recordTime ≥ (when the repository stored the event)' },
  LT_recordTime: { kind: TIME, doc: 'recordTime <' },
  EQ_action: { kind: { list: 'words', values: ['ADD', 'OBSERVE', 'DELETE'] }, doc: 'ADD|OBSERVE|DELETE' },
  EQ_bizStep: { kind: WORDS, doc: 'CBV word, Web URI or URN; several: a|b' },
  EQ_disposition: { kind: WORDS, doc: 'CBV word, Web URI or URN; several: a|b' },
  EQ_readPoint: { kind: URIS, doc: 'readPoint id (e.g. urn:epc:id:sgln:…)' },
  EQ_bizLocation: { kind: URIS, doc: 'bizLocation id' },
  EQ_eventID: { kind: URIS, doc: 'eventID' },
  MATCH_epc: { kind: URIS, doc: 'EPC (URN or Digital Link, or a GTIN pattern) in epcList or childEPCs' },
  MATCH_parentID: { kind: URIS, doc: 'EPC as parentID' },
  MATCH_inputEPC: { kind: URIS, doc: 'EPC in inputEPCList' },
  MATCH_outputEPC: { kind: URIS, doc: 'EPC in outputEPCList' },
  MATCH_anyEPC: { kind: URIS, doc: 'EPC in any of the above' },
  MATCH_epcClass: { kind: URIS, doc: 'class (LGTIN, or a GTIN) in quantityList or childQuantityList' },
  MATCH_inputEPCClass: { kind: URIS, doc: 'class in inputQuantityList' },
  MATCH_outputEPCClass: { kind: URIS, doc: 'class in outputQuantityList' },
  MATCH_anyEPCClass: { kind: URIS, doc: 'class in any quantity list (a lot: its Digital Link or LGTIN URN)' },
  orderBy: {
    kind: { one: ['eventTime', 'recordTime'] },
    doc: 'eventTime|recordTime (default: capture order)',
  },
  orderDirection: { kind: { one: ['ASC', 'DESC'] }, doc: 'ASC|DESC with orderBy (default DESC)' },
  eventCountLimit: { kind: { int: [1, 2_000_000_000] }, doc: 'at most this many events in all, in order' },
  perPage: { kind: { int: [1, MAX_PER_PAGE] }, doc: `events per page (default ${DEFAULT_PER_PAGE})` },
  nextPageToken: { kind: { token: true }, doc: 'from the Link header (rel="next") of the previous page' },
};

export interface EventQuery {
  eventType?: string[];
  GE_eventTime?: string;
  LT_eventTime?: string;
  GE_recordTime?: string;
  LT_recordTime?: string;
  EQ_action?: string[];
  EQ_bizStep?: string[];
  EQ_disposition?: string[];
  EQ_readPoint?: string[];
  EQ_bizLocation?: string[];
  EQ_eventID?: string[];
  match: Partial<Record<MatchParameter, string[]>>;
  orderBy?: 'eventTime' | 'recordTime';
  orderDirection?: 'ASC' | 'DESC';
  eventCountLimit?: number;
  perPage: number;
  nextPageToken?: string;
}

const problem = (code: string, field: string, vi: string, en: string) => {
  const message = bilingual(vi, en);
  return new DomainError(
    code,
    400,
    bilingual('Tham số truy vấn không hợp lệ', 'Invalid query parameter'),
    `${field}: ${message}`,
    { epcisException: 'QueryParameterException', parameter: field, errors: [{ field, message }] },
  );
};

export const unknownParameter = (name: string) =>
  problem(
    'unknown-query-parameter',
    name,
    'không phải tham số truy vấn EPCIS mà kho này hỗ trợ',
    'not an EPCIS query parameter this repository supports',
  );

export const invalidParameter = (name: string, vi: string, en: string) =>
  problem('invalid-query-parameter', name, vi, en);

/** An instant with its offset, as EPCIS writes times; a '+' sent unencoded arrives as a space and is put back. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

function instant(name: string, raw: string): string {
  const value = raw.replace(/ (\d{2}:\d{2})$/, '+$1');
  const [, y, m, d] = /^(\d{4})-(\d{2})-(\d{2})/.exec(value) ?? [];
  const calendar = y ? new Date(Date.UTC(Number(y), Number(m) - 1, Number(d))) : undefined;
  if (
    !INSTANT.test(value) ||
    Number.isNaN(Date.parse(value)) ||
    // 2026-02-30 parses (as March 2nd): only a real calendar date is that date.
    calendar?.getUTCDate() !== Number(d) ||
    calendar.getUTCMonth() !== Number(m) - 1
  ) {
    throw invalidParameter(
      name,
      'phải là thời điểm ISO 8601 kèm múi giờ, ví dụ 2026-09-01T00:00:00+07:00',
      'must be an ISO 8601 date-time with its offset, e.g. 2026-09-01T00:00:00+07:00',
    );
  }
  return value;
}

/**
 * Several values, repeated (?EQ_bizStep=a&EQ_bizStep=b) or pipe-separated (?EQ_bizStep=a|b); commas also separate
 * vocabulary words, which never contain one. A URI list splits on '|' only.
 */
function list(name: string, values: string[], separators: RegExp, allowed?: readonly string[]): string[] {
  const items = values
    .flatMap((v) => v.split(separators))
    .map((v) => v.trim())
    .filter(Boolean);
  if (!items.length) throw invalidParameter(name, 'cần ít nhất một giá trị', 'needs at least one value');
  const unknown = allowed ? items.find((v) => !allowed.includes(v)) : undefined;
  if (unknown !== undefined) {
    throw invalidParameter(
      name,
      `"${unknown}" không phải một trong: ${allowed?.join(', ')}`,
      `"${unknown}" is not one of: ${allowed?.join(', ')}`,
    );
  }
  if (items.some((v) => v.length > 2000)) {
    throw invalidParameter(name, 'giá trị dài quá 2000 ký tự', 'a value is longer than 2000 characters');
  }
  return [...new Set(items)];
}

/** Reads a parsed query string (Fastify's: a string, or an array when repeated) into an EventQuery. */
export function readEventQuery(raw: Record<string, unknown>): EventQuery {
  const query: EventQuery = { match: {}, perPage: DEFAULT_PER_PAGE };
  const target = query as unknown as Record<string, unknown>;
  for (const [name, given] of Object.entries(raw)) {
    const spec = QUERY_PARAMETERS[name];
    if (!spec) throw unknownParameter(name);
    const values = (Array.isArray(given) ? given : [given]).map(String);
    const kind = spec.kind;
    if ('list' in kind) {
      const read = list(
        name,
        values,
        kind.list === 'words' ? /[|,]/ : /\|/,
        'values' in kind ? kind.values : undefined,
      );
      if (name in MATCH_ROLES) query.match[name as MatchParameter] = read;
      else target[name] = read;
      continue;
    }
    if (values.length !== 1) {
      throw invalidParameter(name, 'chỉ được nêu một lần', 'may be given only once');
    }
    const value = values[0];
    if ('time' in kind) target[name] = instant(name, value);
    else if ('one' in kind) {
      if (!kind.one.includes(value)) {
        throw invalidParameter(
          name,
          `phải là một trong: ${kind.one.join(', ')}`,
          `must be one of: ${kind.one.join(', ')}`,
        );
      }
      target[name] = value;
    } else if ('int' in kind) {
      const [min, max] = kind.int;
      const n = /^\d{1,10}$/.test(value) ? Number(value) : NaN;
      if (!(n >= min && n <= max)) {
        throw invalidParameter(
          name,
          `phải là số nguyên từ ${min} đến ${max}`,
          `must be a whole number from ${min} to ${max}`,
        );
      }
      target[name] = n;
    } else {
      // Checked, with its signature, when it is used (page-token.ts).
      target[name] = value;
    }
  }
  return query;
}

/**
 * The query without its paging (perPage, nextPageToken), in a fixed order: what a page token is bound to, so that
 * a token is only ever used to continue the query it came from.
 */
export function queryFingerprint(query: EventQuery): string {
  const { perPage: _p, nextPageToken: _t, match, ...rest } = query;
  const sorted = (o: Record<string, unknown>) =>
    Object.keys(o)
      .sort()
      .map((k) => [k, o[k]]);
  return JSON.stringify([sorted(rest), sorted(match)]);
}
