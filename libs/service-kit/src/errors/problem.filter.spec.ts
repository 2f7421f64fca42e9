import { BadRequestException, NotFoundException } from '@nestjs/common';
import { DomainError } from '@ocop/contracts';
import { toProblem } from './problem.filter';

describe('toProblem', () => {
  it('keeps a domain error as it is, with its extensions', () => {
    const problem = toProblem(
      new DomainError('gtin-check-digit', 400, 'Invalid GTIN', 'check digit should be 3', { field: 'gtin' }),
      '/products',
    );
    expect(problem).toEqual({
      type: 'urn:ocop:problem:gtin-check-digit',
      title: 'Invalid GTIN',
      status: 400,
      code: 'gtin-check-digit',
      detail: 'check digit should be 3',
      instance: '/products',
      field: 'gtin',
    });
  });

  it('gives framework HTTP errors a stable code', () => {
    expect(toProblem(new NotFoundException('Cannot GET /nope')).code).toBe('not-found');
    expect(toProblem(new BadRequestException()).code).toBe('bad-request');
  });

  it('maps Fastify body errors to stable codes', () => {
    const err = Object.assign(new Error('Body is too large'), {
      code: 'FST_ERR_CTP_BODY_TOO_LARGE',
      statusCode: 413,
    });
    expect(toProblem(err)).toMatchObject({ status: 413, code: 'payload-too-large' });
    const bad = Object.assign(new Error('Unexpected token'), {
      code: 'FST_ERR_CTP_INVALID_JSON_BODY',
      statusCode: 400,
    });
    expect(toProblem(bad)).toMatchObject({ status: 400, code: 'malformed-json' });
  });

  it('never leaks an unexpected error message or stack', () => {
    const problem = toProblem(new Error('password=hunter2 at db.ts:12'));
    expect(problem.status).toBe(500);
    expect(problem.code).toBe('internal-error');
    expect(JSON.stringify(problem)).not.toContain('hunter2');
  });

  it('answers 503 when the database cannot be reached (connection refused, server shutting down), 500 otherwise', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    expect(toProblem(refused)).toMatchObject({ status: 503, code: 'service-unavailable' });
    const typeorm = Object.assign(new Error('terminating connection due to administrator command'), {
      driverError: { code: '57P01' },
    });
    expect(toProblem(typeorm).status).toBe(503);
    expect(toProblem(new Error('Connection terminated unexpectedly')).status).toBe(503);
    expect(toProblem(Object.assign(new Error('duplicate key'), { code: '23505' })).status).toBe(500);
    expect(JSON.stringify(toProblem(refused))).not.toContain('5432');
  });
});
