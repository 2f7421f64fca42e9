import { DomainError } from '@ocop/contracts';
import { bilingual } from './validation';

/**
 * Keyset cursors: the sort key of the last row of a page, opaque to clients. A page then starts strictly after
 * that row, so rows added or removed meanwhile never make a page repeat or skip one.
 */
export type CursorKey = (string | number)[];

export function encodeCursor(kind: string, key: CursorKey): string {
  return Buffer.from(JSON.stringify([kind, ...key])).toString('base64url');
}

export function decodeCursor(cursor: string, kind: string, shape: ('string' | 'number')[]): CursorKey {
  try {
    const [k, ...key] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (k !== kind || key.length !== shape.length || key.some((v, i) => typeof v !== shape[i]))
      throw new Error('shape');
    return key as CursorKey;
  } catch {
    throw new DomainError(
      'invalid-cursor',
      400,
      'Invalid cursor',
      bilingual(
        'Hãy dùng nguyên nextCursor của trang trước, với cùng truy vấn',
        'Use the nextCursor of the previous page as it is, with the same query',
      ),
      { errors: [{ field: 'cursor', message: bilingual('con trỏ không hợp lệ', 'not a valid cursor') }] },
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

/** The kind a cursor was made for, or undefined when it is not one of ours (decodeCursor then says so). */
export function decodeCursorKind(cursor: string): string | undefined {
  try {
    const [kind] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    return typeof kind === 'string' ? kind : undefined;
  } catch {
    return undefined;
  }
}
