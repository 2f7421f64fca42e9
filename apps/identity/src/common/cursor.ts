import { DomainError } from '@ocop/contracts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Position after the last row of a page, ordered by (time desc, id desc). Opaque to clients. */
export interface CursorPosition {
  at: Date;
  id: string;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.at.toISOString(), position.id])).toString('base64url');
}

export function decodeCursor(cursor: string): CursorPosition {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    const date = new Date(String(at));
    if (typeof id !== 'string' || !UUID.test(id) || Number.isNaN(date.getTime()))
      throw new Error('bad cursor');
    return { at: date, id };
  } catch {
    throw new DomainError(
      'invalid-cursor',
      400,
      'Invalid cursor',
      'Use the nextCursor of the previous page as it is.',
    );
  }
}

export interface Page<T> {
  items: T[];
  /** Absent on the last page. */
  nextCursor?: string;
}

/** Callers fetch limit + 1 rows: the extra row only tells whether another page exists. */
export function toPage<R, T>(
  rows: R[],
  limit: number,
  position: (row: R) => CursorPosition,
  view: (row: R) => T,
): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items: items.map(view),
    ...(rows.length > limit && last ? { nextCursor: encodeCursor(position(last)) } : {}),
  };
}
