import { ApiPropertyOptional } from '@nestjs/swagger';
import { DomainError } from '@ocop/contracts';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { bilingual } from './problems';

export const MAX_PAGE_SIZE = 100;

export class PageQuery {
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit = 20;
}

/** Position after the last row of a page, ordered by (created_at desc, id desc). Opaque to clients. */
export interface CursorPosition {
  at: Date;
  id: string;
}

export function decodeCursor(cursor: string): CursorPosition {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    const date = new Date(String(at));
    if (typeof id !== 'string' || Number.isNaN(date.getTime())) throw new Error('bad cursor');
    return { at: date, id };
  } catch {
    throw new DomainError(
      'invalid-cursor',
      400,
      bilingual('Con trỏ không hợp lệ', 'Invalid cursor'),
      bilingual(
        'Hãy dùng nguyên nextCursor của trang trước',
        'Use the nextCursor of the previous page as it is',
      ),
    );
  }
}

export interface Page<T> {
  items: T[];
  /** Absent on the last page. */
  nextCursor?: string;
}

/** Callers fetch limit + 1 rows: the extra row only tells whether another page exists. */
export function toPage<R extends { createdAt: Date; id: string }, T>(
  rows: R[],
  limit: number,
  view: (row: R) => T,
): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items: items.map(view),
    ...(rows.length > limit && last
      ? {
          nextCursor: Buffer.from(JSON.stringify([last.createdAt.toISOString(), last.id])).toString(
            'base64url',
          ),
        }
      : {}),
  };
}
