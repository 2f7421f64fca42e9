import { DomainError } from '@ocop/contracts';
import {
  CursorField,
  decodeCursor,
  decodeTimeIdCursor,
  encodeCursor,
  queueKeyset,
  timeIdKey,
} from './pagination';

const ID = '0b5c9e9e-6a43-4f3e-9a51-3c4f2f8d1e01';
const raw = (values: unknown) => Buffer.from(JSON.stringify(values)).toString('base64url');

function refusal(run: () => unknown): unknown {
  try {
    run();
  } catch (err) {
    return err instanceof DomainError ? { status: err.status, code: err.code } : err;
  }
  return 'accepted';
}

describe('page cursors', () => {
  it('round-trips what encodeCursor wrote, for every kind of field', () => {
    const at = new Date('2025-03-01T02:03:04.005Z').toISOString();
    const key = ['Kẹo dừa', ID, at, 42, 9_007_199_254_740_991, '9223372036854775807'];
    const fields: CursorField[] = ['text', 'uuid', 'timestamptz', 'int4', 'int8', 'int8-text'];
    expect(decodeCursor(encodeCursor('things', key), 'things', fields)).toEqual(key);
    expect(decodeTimeIdCursor(encodeCursor('audit', [at, ID]), 'audit')).toEqual({
      at: new Date(at),
      id: ID,
    });
  });

  // Each one of the right kind and shape, with one value PostgreSQL would refuse or that no row ever had.
  const hostile: [string, CursorField, unknown][] = [
    ['text with a NUL', 'text', 'Kẹo\u0000'],
    ['text that is a number', 'text', 5],
    ['a uuid that is not one', 'uuid', 'not-a-uuid'],
    ['a uuid with SQL', 'uuid', `${ID}' OR 1=1`],
    ['a timestamp that is not one', 'timestamptz', 'yesterday'],
    ['a date that does not exist', 'timestamptz', '2025-02-30T00:00:00.000Z'],
    ['a year PostgreSQL cannot hold', 'timestamptz', '-271821-04-20T00:00:00.000Z'],
    ['year zero', 'timestamptz', '0000-01-01T00:00:00.000Z'],
    ['a timestamp in another format', 'timestamptz', '2025-03-01 02:03:04'],
    ['a position below zero', 'int4', -1],
    ['a fractional position', 'int4', 1.5],
    ['a position past integer', 'int4', 2_147_483_648],
    ['a score past 2^53', 'int8', 1e20],
    ['a bigint past 2^63', 'int8-text', '9223372036854775808'],
    ['a bigint that is not digits', 'int8-text', '12; DROP TABLE'],
    ['a bigint as a number', 'int8-text', 12],
  ];

  it.each(hostile)('refuses %s with 400 invalid-cursor', (_what, field, value) => {
    expect(refusal(() => decodeCursor(raw(['things', value]), 'things', [field]))).toEqual({
      status: 400,
      code: 'invalid-cursor',
    });
  });

  it('refuses Infinity written as 1e999, another kind, the wrong length and what is not a cursor', () => {
    const infinity = Buffer.from('["things",1e999]').toString('base64url');
    for (const cursor of [
      infinity,
      raw(['other', 1]),
      raw(['things', 1, 2]),
      raw(['things']),
      raw({ kind: 'things' }),
      raw(null),
      'not base64 at all!',
      '',
    ]) {
      expect(refusal(() => decodeCursor(cursor, 'things', ['int8']))).toEqual({
        status: 400,
        code: 'invalid-cursor',
      });
    }
  });

  it('names the query field the cursor came in', () => {
    try {
      decodeCursor('x', 'events', ['int8-text'], 'nextPageToken');
      throw new Error('accepted');
    } catch (err) {
      expect((err as DomainError).extensions['errors']).toEqual([
        { field: 'nextPageToken', message: expect.any(String) },
      ]);
    }
  });
});

describe('the two orders of a queue', () => {
  const at = new Date('2026-03-10T01:00:00.000Z');
  const cursorOf = (kind: string) => encodeCursor(kind, timeIdKey(at, ID));

  it('reads newest first, or longest waiting first, from after the last row of the previous page', () => {
    expect(queueKeyset({ sort: 'newest', cursor: cursorOf('reports') }, 'reports')).toEqual({
      cursorKind: 'reports',
      direction: 'DESC',
      beyond: '<',
      after: { at, id: ID },
    });
    expect(queueKeyset({ sort: 'waiting', cursor: cursorOf('reports:waiting') }, 'reports')).toEqual({
      cursorKind: 'reports:waiting',
      direction: 'ASC',
      beyond: '>',
      after: { at, id: ID },
    });
    expect(queueKeyset({ sort: 'waiting' }, 'reports')).not.toHaveProperty('after');
  });

  it("refuses one order's cursor in the other, where it would point to a position the list never had", () => {
    expect(
      refusal(() => queueKeyset({ sort: 'newest', cursor: cursorOf('reports:waiting') }, 'reports')),
    ).toEqual({ status: 400, code: 'invalid-cursor' });
    expect(refusal(() => queueKeyset({ sort: 'waiting', cursor: cursorOf('reports') }, 'reports'))).toEqual({
      status: 400,
      code: 'invalid-cursor',
    });
  });
});
