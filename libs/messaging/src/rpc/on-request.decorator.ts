import { applyDecorators, UseFilters } from '@nestjs/common';
import { MessagePattern, Transport } from '@nestjs/microservices';
import { RpcProblemFilter } from './rpc-problem.filter';
import { assertRpcName } from './rpc-wire';

/**
 * A request-reply handler on core NATS (at most once: for questions, never for facts), answering
 * `<namespace>.rpc.<name>` in the service's queue group. Its return value is the answer; a thrown DomainError
 * reaches the caller as the same DomainError.
 */
export function OnRequest(name: string): MethodDecorator {
  assertRpcName(name);
  return applyDecorators(MessagePattern(name, Transport.NATS), UseFilters(RpcProblemFilter));
}
