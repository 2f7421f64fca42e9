import { ApiPropertyOptional } from '@nestjs/swagger';
import { bilingual, DomainError } from '@ocop/contracts';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export const MAX_PAGE_SIZE = 100;

/** `?cursor=&limit=` of every list: a page size cap, and the opaque cursor of the previous page. */
export class PageQuery {
  @ApiPropertyOptional({ description: 'nextCursor của trang trước / nextCursor of the previous page' })
  @IsOptional()
  @IsString({ message: bilingual('phải là chuỗi ký tự', 'must be a string') })
  @MaxLength(500, { message: bilingual('tối đa 500 ký tự', 'at most 500 characters') })
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: bilingual('phải là số nguyên', 'must be an integer') })
  @Min(1, { message: bilingual('ít nhất 1', 'at least 1') })
  @Max(MAX_PAGE_SIZE, { message: bilingual(`tối đa ${MAX_PAGE_SIZE}`, `at most ${MAX_PAGE_SIZE}`) })
  limit = 20;
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

export function decodeCursor(
  cursor: string,
  kind: string,
  shape: ('string' | 'number')[],
  field = 'cursor',
): CursorKey {
  try {
    const [k, ...key] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (k !== kind || key.length !== shape.length || key.some((v, i) => typeof v !== shape[i]))
      throw new Error('shape');
    return key as CursorKey;
  } catch {
    throw invalidCursor(field);
  }
}

/** The kind a cursor was made for, or undefined when it is not one of ours (decodeCursor then says so). */
export function decodeCursorKind(cursor: string): string | undefined {
  try {
    const [kind] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    return typeof kind === 'string' ? kind : undefined;
  } catch {
    return undefined;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The most common order, newest first: (time desc, id desc). */
export interface TimeIdPosition {
  at: Date;
  id: string;
}

export const timeIdKey = (at: Date, id: string): CursorKey => [at.toISOString(), id];

/** A cursor of a (time, uuid) list, checked so that a crafted one is a 400, not a SQL error. */
export function decodeTimeIdCursor(cursor: string, kind: string): TimeIdPosition {
  const [at, id] = decodeCursor(cursor, kind, ['string', 'string']) as [string, string];
  const date = new Date(at);
  if (!UUID.test(id) || Number.isNaN(date.getTime())) throw invalidCursor('cursor');
  return { at: date, id };
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
