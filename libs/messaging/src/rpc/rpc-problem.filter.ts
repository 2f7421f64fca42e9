import { Catch, Logger, RpcExceptionFilter } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import { DomainError, Problem } from '@ocop/contracts';
import { toProblem } from '@ocop/service-kit';
import { Observable, throwError } from 'rxjs';

/**
 * Sends a failed RPC handler's error across the wire as a problem document, so that the caller re-throws the same
 * DomainError (code, status, title, detail). Anything that is not a domain or HTTP error becomes `internal-error`;
 * its stack stays in this service's log.
 */
@Catch()
export class RpcProblemFilter implements RpcExceptionFilter<unknown> {
  private readonly logger = new Logger('Rpc');

  catch(exception: unknown): Observable<never> {
    const carried = exception instanceof RpcException ? exception.getError() : undefined;
    const problem: Problem = DomainError.isProblem(carried) ? carried : toProblem(exception);
    if (problem.status >= 500) this.logger.error({ err: exception }, 'RPC handler failed');
    return throwError(() => problem);
  }
}
