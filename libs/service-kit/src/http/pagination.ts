import { ApiPropertyOptional } from '@nestjs/swagger';
import { bilingual, DomainError } from '@ocop/contracts';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export const MAX_PAGE_SIZE = 100;

/** `?cursor=&limit=` of every list: a page size cap, and the opaque cursor of the previous page. */
export class PageQuery {
  @ApiPropertyOptional({ description: 'nextCursor của trang trước / nextCursor of the previous page' })
  @IsOptional()
  @IsString({ message: bilingual('phải là chuỗi ký tự', 'must be a string') })
  @MaxLength(500, { message: bilingual('tối đa 500 ký tự', 'at most 500 characters') })
  cursor?: string;

  // The annotation below is what reflect-metadata reads: without it the property's design type is Object.
  // eslint-disable-next-line @typescript-eslint/no-inferrable-types
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: bilingual('phải là số nguyên', 'must be an integer') })
  @Min(1, { message: bilingual('ít nhất 1', 'at least 1') })
  @Max(MAX_PAGE_SIZE, { message: bilingual(`tối đa ${MAX_PAGE_SIZE}`, `at most ${MAX_PAGE_SIZE}`) })
  limit: number = 20;
}

/**
 * Keyset cursors: the sort key of the last row of a page, opaque to clients. A page starts strictly after that
 * row, so rows added or removed meanwhile never make a page repeat or skip one. The kind stops a cursor of one
 * list being replayed against another.
 */
export type CursorKey = (string | number)[];

export function encodeCursor(kind: string, key: CursorKey): string {
  return Buffer.from(JSON.stringify([kind, ...key])).toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const INT4_MAX = 2_147_483_647;
const INT8_MAX = 9_223_372_036_854_775_807n;

/**
 * What each value of a cursor must be, named by the PostgreSQL type it is compared with. A client can send any
 * base64url it likes, so each value is held to exactly what encodeCursor wrote for that column; anything else
 * would reach the query as a value PostgreSQL refuses (a 500) or as a position that was never a row.
 *
 *   text         a string without U+0000 (PostgreSQL cannot hold it)
 *   uuid         a UUID
 *   timestamptz  an instant as Date.toISOString() writes it, a real date, year 1–9999
 *   int4         a whole number 0–2,147,483,647 (an integer column, a list position)
 *   int8         a whole number 0–2^53−1 (a bigint computed in JavaScript, such as a search score)
 *   int8-text    a bigint as PostgreSQL returns it, decimal digits 0–2^63−1 (an identity column)
 */
export type CursorField = 'text' | 'uuid' | 'timestamptz' | 'int4' | 'int8' | 'int8-text';

const FIELD_CHECKS: Record<CursorField, (value: unknown) => boolean> = {
  text: (v) => typeof v === 'string' && !v.includes('\u0000'),
  uuid: (v) => typeof v === 'string' && UUID.test(v),
  timestamptz: (v) => {
    if (typeof v !== 'string' || !ISO_INSTANT.test(v) || v.startsWith('0000')) return false;
    const date = new Date(v);
    // 2025-02-30T… parses (to March 2nd): only a date that writes back the same is the one encoded.
    return !Number.isNaN(date.getTime()) && date.toISOString() === v;
  },
  int4: (v) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= INT4_MAX,
  int8: (v) => Number.isSafeInteger(v) && (v as number) >= 0,
  'int8-text': (v) => typeof v === 'string' && /^\d{1,19}$/.test(v) && BigInt(v) <= INT8_MAX,
};

const invalidCursor = (field: string) =>
  new DomainError(
    'invalid-cursor',
    400,
    bilingual('Con trỏ trang không hợp lệ', 'Invalid cursor'),
    bilingual(
      'Hãy dùng nguyên con trỏ của trang trước, với cùng truy vấn',
      'Use the cursor of the previous page as it is, with the same query',
    ),
    { errors: [{ field, message: bilingual('con trỏ trang không hợp lệ', 'not a valid page cursor') }] },
  );

function decodedValues(cursor: string): unknown[] | undefined {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(values) ? values : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The key of a cursor made by encodeCursor(kind, …), each value checked against its field (see CursorField);
 * `400 invalid-cursor` naming `field` for anything else: another list's cursor, a tampered or truncated one.
 */
export function decodeCursor(
  cursor: string,
  kind: string,
  fields: CursorField[],
  field = 'cursor',
): CursorKey {
  const values = decodedValues(cursor);
  if (
    !values ||
    values[0] !== kind ||
    values.length !== fields.length + 1 ||
    fields.some((f, i) => !FIELD_CHECKS[f](values[i + 1]))
  ) {
    throw invalidCursor(field);
  }
  return values.slice(1) as CursorKey;
}

/** The kind a cursor was made for, or undefined when it is not one of ours (decodeCursor then says so). */
export function decodeCursorKind(cursor: string): string | undefined {
  const kind = decodedValues(cursor)?.[0];
  return typeof kind === 'string' ? kind : undefined;
}

/** The most common order, newest first: (time desc, id desc). */
export interface TimeIdPosition {
  at: Date;
  id: string;
}

export const timeIdKey = (at: Date, id: string): CursorKey => [at.toISOString(), id];

/** A cursor of a (time, uuid) list. */
export function decodeTimeIdCursor(cursor: string, kind: string): TimeIdPosition {
  const [at, id] = decodeCursor(cursor, kind, ['timestamptz', 'uuid']) as [string, string];
  return { at: new Date(at), id };
}

/** The two orders of a list that is also an officer's queue. */
export const QUEUE_ORDERS = ['newest', 'waiting'] as const;
export type QueueOrder = (typeof QUEUE_ORDERS)[number];

/**
 * `?sort=` of a (time, id) list that a person reads from the newest and an officer's desk works through from what
 * has waited longest. What "waiting since" means is the list's own (a submission, a registration).
 */
export class QueuePageQuery extends PageQuery {
  @ApiPropertyOptional({
    enum: QUEUE_ORDERS,
    default: 'newest',
    description:
      'newest: mới nhất trước / newest first; waiting: chờ lâu nhất trước (hàng chờ của cán bộ) / longest waiting first (an officer’s queue)',
  })
  @IsOptional()
  @IsIn(QUEUE_ORDERS, {
    message: bilingual(
      `phải là một trong: ${QUEUE_ORDERS.join(', ')}`,
      `must be one of: ${QUEUE_ORDERS.join(', ')}`,
    ),
  })
  sort: QueueOrder = 'newest';
}

/** Where a page of a QueuePageQuery list starts, and which way it reads. */
export interface QueueKeyset {
  /** Each order has its own cursors: one order's cursor replayed against the other is `400 invalid-cursor`. */
  cursorKind: string;
  direction: 'ASC' | 'DESC';
  /** How a row's (time, id) compares with `after` to lie on the next page. */
  beyond: '>' | '<';
  /** The last row of the previous page. */
  after?: TimeIdPosition;
}

export function queueKeyset(query: { sort: QueueOrder; cursor?: string }, kind: string): QueueKeyset {
  const waiting = query.sort === 'waiting';
  const cursorKind = waiting ? `${kind}:waiting` : kind;
  return {
    cursorKind,
    direction: waiting ? 'ASC' : 'DESC',
    beyond: waiting ? '>' : '<',
    ...(query.cursor ? { after: decodeTimeIdCursor(query.cursor, cursorKind) } : {}),
  };
}

export interface Page<T> {
  items: T[];
  /** Absent on the last page. */
  nextCursor?: string;
}

/** Callers fetch limit + 1 rows: the extra row only says whether another page exists. */
export function toPage<R, T>(
  rows: R[],
  limit: number,
  kind: string,
  keyOf: (row: R) => CursorKey,
  view: (row: R) => T,
): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items: items.map(view),
    ...(rows.length > limit && last ? { nextCursor: encodeCursor(kind, keyOf(last)) } : {}),
  };
}
