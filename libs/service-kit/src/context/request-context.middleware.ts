import { Injectable, NestMiddleware } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { runWithContext } from './request-context';
import { acceptableId } from '../logging/logging';

/**
 * Opens the request's context (request and correlation ids) for everything that runs on its behalf: logs,
 * outbox events, outgoing RPC calls. The correlation id is taken from the caller when it sends a sane one.
 */
@Injectable()
export class RequestContextMiddleware implements NestMiddleware {
  use(req: IncomingMessage & { id?: string }, res: ServerResponse, next: () => void): void {
    const requestId = req.id ?? randomUUID();
    const correlationId = acceptableId(req.headers['x-correlation-id']) ?? requestId;
    res.setHeader('x-correlation-id', correlationId);
    runWithContext({ requestId, correlationId }, next);
  }
}
