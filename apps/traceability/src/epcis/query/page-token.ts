import { createHash, createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { bilingual, DomainError } from '@ocop/contracts';

/**
 * Where the next page of a query starts, and how many events its earlier pages gave (for eventCountLimit). Opaque
 * to clients and signed (HMAC-SHA-256, a key derived from the service's secret) over the query it belongs to: a
 * token that was altered, cut, or replayed against another query is refused with 400 instead of answering from a
 * position, or under a count, that was never handed out. Decision 0045.
 */
export interface PagePosition {
  /** The order key of the last event given: eventTime or recordTime in microseconds, absent in capture order. */
  at?: string;
  seq: string;
  /** Events given by this page and the ones before it. */
  given: number;
}

const MAC_BYTES = 16;
const MICROS = /^-?\d{1,18}$/;
const SEQ = /^\d{1,19}$/;

export class PageTokens {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = Buffer.from(hkdfSync('sha256', secret, 'ocop-traceability', 'epcis-next-page-token', 32));
  }

  issue(fingerprint: string, position: PagePosition): string {
    const body = Buffer.from(
      JSON.stringify([position.at ?? null, position.seq, position.given, this.digest(fingerprint)]),
    ).toString('base64url');
    return `${body}.${this.mac(body)}`;
  }

  read(fingerprint: string, token: string): PagePosition {
    // invalid-cursor, like every other list of the platform's; the field is EPCIS's own name for it.
    const refuse = () => {
      const message = bilingual(
        'mã trang không hợp lệ hoặc thuộc một truy vấn khác: hãy dùng nguyên nextPageToken của trang trước, với cùng truy vấn',
        'not a page token of this query: use the nextPageToken of the previous page as it is, with the same query',
      );
      return new DomainError(
        'invalid-cursor',
        400,
        bilingual('Mã trang không hợp lệ', 'Invalid page token'),
        message,
        {
          epcisException: 'QueryParameterException',
          parameter: 'nextPageToken',
          errors: [{ field: 'nextPageToken', message }],
        },
      );
    };
    const [body, mac, ...rest] = token.split('.');
    if (!body || !mac || rest.length) throw refuse();
    const expected = Buffer.from(this.mac(body));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw refuse();
    let values: unknown;
    try {
      values = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      throw refuse();
    }
    if (!Array.isArray(values) || values.length !== 4) throw refuse();
    const [at, seq, count, digest] = values as unknown[];
    if (
      (at !== null && !(typeof at === 'string' && MICROS.test(at))) ||
      !(typeof seq === 'string' && SEQ.test(seq)) ||
      !(Number.isSafeInteger(count) && (count as number) >= 0) ||
      digest !== this.digest(fingerprint)
    ) {
      throw refuse();
    }
    return { ...(at !== null ? { at: at as string } : {}), seq: seq as string, given: count as number };
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(body).digest().subarray(0, MAC_BYTES).toString('base64url');
  }

  private digest(fingerprint: string): string {
    return createHash('sha256').update(fingerprint).digest('base64url').slice(0, 22);
  }
}
