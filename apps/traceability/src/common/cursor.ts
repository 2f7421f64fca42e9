import { DomainError } from '@ocop/contracts';
import { bilingual } from './bilingual';

/**
 * Keyset cursors: the sort key of the last row of a page, opaque to clients. A page starts strictly after that
 * row, so rows added or removed meanwhile never make a page repeat or skip one. The kind stops a cursor of one
 * list being replayed against another.
 */
export type CursorKey = (string | number)[];

export function encodeCursor(kind: string, key: CursorKey): string {
  return Buffer.from(JSON.stringify([kind, ...key])).toString('base64url');
}

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
    const message = bilingual('con trỏ trang không hợp lệ', 'not a valid page cursor');
    throw new DomainError(
      'invalid-cursor',
      400,
      bilingual('Con trỏ trang không hợp lệ', 'Invalid cursor'),
      bilingual(
        'Hãy dùng nguyên con trỏ của trang trước, với cùng truy vấn',
        'Use the cursor of the previous page as it is, with the same query',
      ),
      { errors: [{ field, message }] },
    );
  }
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
