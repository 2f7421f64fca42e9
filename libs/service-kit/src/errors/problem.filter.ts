import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { DomainError, Problem, problemTypeFor } from '@ocop/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';

const CODE_BY_STATUS: Record<number, [string, string]> = {
  400: ['bad-request', 'Bad request'],
  401: ['unauthenticated', 'Authentication required'],
  403: ['forbidden', 'Forbidden'],
  404: ['not-found', 'Not found'],
  405: ['method-not-allowed', 'Method not allowed'],
  406: ['not-acceptable', 'Not acceptable'],
  409: ['conflict', 'Conflict'],
  413: ['payload-too-large', 'Payload too large'],
  415: ['unsupported-media-type', 'Unsupported media type'],
  429: ['too-many-requests', 'Too many requests'],
};

// Fastify's own errors arrive before Nest sees the body; give them stable codes too.
const FASTIFY_CODES: Record<string, [string, string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: ['malformed-json', 'The request body is not valid JSON'],
  FST_ERR_CTP_EMPTY_JSON_BODY: ['malformed-json', 'The request body is empty but declared as JSON'],
  FST_ERR_CTP_BODY_TOO_LARGE: ['payload-too-large', 'Payload too large'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ['unsupported-media-type', 'Unsupported media type'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ['bad-request', 'Content-Length does not match the body'],
};

/**
 * Errors that mean "the database cannot be reached right now" (server restarting or gone, connection refused or
 * cut, pool exhausted), from node-postgres and TypeORM. The request did nothing; trying again soon may work.
 */
const DATABASE_UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
]);
const DATABASE_UNAVAILABLE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/;

export const DATABASE_RETRY_AFTER_SECONDS = 5;

export function isDatabaseUnavailable(exception: unknown): boolean {
  for (
    let e = exception as
        | { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown }
        | undefined,
      depth = 0;
    e && depth < 4;
    depth++
  ) {
    if (typeof e.code === 'string' && DATABASE_UNAVAILABLE_CODES.has(e.code)) return true;
    if (typeof e.message === 'string' && DATABASE_UNAVAILABLE_MESSAGES.test(e.message)) return true;
    e = (e.driverError ?? e.cause) as typeof e;
  }
  return false;
}

export function toProblem(exception: unknown, instance?: string): Problem {
  if (exception instanceof DomainError) return exception.toProblem(instance);
  if (isDatabaseUnavailable(exception)) {
    return {
      type: problemTypeFor('service-unavailable'),
      title: 'Service unavailable',
      status: HttpStatus.SERVICE_UNAVAILABLE,
      code: 'service-unavailable',
      detail: `Our database cannot be reached at the moment; nothing was changed. Try again in ${DATABASE_RETRY_AFTER_SECONDS} seconds.`,
      instance,
    };
  }
  const fastifyCode = (exception as { code?: string })?.code;
  const statusCode = (exception as { statusCode?: number })?.statusCode;
  if (fastifyCode && FASTIFY_CODES[fastifyCode] && statusCode) {
    const [code, title] = FASTIFY_CODES[fastifyCode];
    return { type: problemTypeFor(code), title, status: statusCode, code, instance };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const [code, title] = CODE_BY_STATUS[status] ?? [`http-${status}`, exception.message];
    const body = exception.getResponse();
    const detail =
      typeof body === 'object' && body && 'message' in body
        ? String((body as { message: unknown }).message)
        : exception.message;
    return { type: problemTypeFor(code), title, status, code, detail, instance };
  }
  return {
    type: problemTypeFor('internal-error'),
    title: 'Internal error',
    status: HttpStatus.INTERNAL_SERVER_ERROR,
    code: 'internal-error',
    detail: 'Something went wrong on our side. The request id identifies it in our logs.',
    instance,
  };
}

/** Every error leaves as RFC 9457 problem+json; stack traces stay in the logs. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception; // RPC and event errors have their own handling
    const ctx = host.switchToHttp();
    const request = ctx.getRequest<FastifyRequest>();
    const reply = ctx.getResponse<FastifyReply>();
    const problem = toProblem(exception, request.url?.split('?')[0]);
    if (problem.status >= 500) {
      this.logger.error({ err: exception, requestId: request.id }, 'Unhandled error');
    }
    const retryAfter =
      problem.code === 'service-unavailable'
        ? DATABASE_RETRY_AFTER_SECONDS
        : (exception as DomainError)?.extensions?.['retryAfterSeconds'];
    if (typeof retryAfter === 'number') void reply.header('retry-after', String(retryAfter));
    void reply.status(problem.status).type('application/problem+json').send(problem);
  }
}
