import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Problems } from '@ocop/contracts';
import { actorOf } from './request-actor';

/**
 * The verified caller of this request. On a @Public() route there is none, and asking for it is a 401: a public
 * handler that wants an actor has to be authenticated after all.
 */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  const actor = actorOf(context.switchToHttp().getRequest<object>());
  if (!actor) throw Problems.unauthenticated();
  return actor;
});
