import {
  applyDecorators,
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  SetMetadata,
  UseFilters,
} from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { PARAM_ARGS_METADATA } from '@nestjs/microservices/constants';
import { throwError } from 'rxjs';
import { EntityManager } from 'typeorm';

/** Transport id of the JetStream consumer: handlers tagged with it are bound by no other server. */
export const JETSTREAM_TRANSPORT = Symbol('ocop:jetstream');

/** Metadata that lets dead-letter replay find handlers outside a running transport. */
export const ON_EVENT_METADATA = 'ocop:on-event';

/** What a durable event handler gets besides the event. */
export interface EventContext {
  /** The handler's transaction: write through it, so the change commits together with the inbox entry. */
  manager: EntityManager;
  /** 1 on first delivery. */
  attempt: number;
  /** The NATS subject the event arrived on. */
  subject: string;
}

/**
 * Nest's default RPC exception handling replaces an unknown error with "Internal server error"; the consumer
 * needs the error itself, to log it, to dead-letter it with its stack, and to decide on a retry.
 */
@Catch()
class RethrowToConsumer implements ExceptionFilter {
  catch(exception: unknown, _host: ArgumentsHost) {
    return throwError(() => exception);
  }
}

/**
 * Nest hands an RPC handler only its payload unless parameters are decorated; bind `(event, ctx)` by position,
 * unless the method declares its own @Payload/@Ctx (parameter decorators are applied before this one).
 */
const bindEventAndContext: MethodDecorator = (target, key) => {
  if (Reflect.getMetadata(PARAM_ARGS_METADATA, target.constructor, key)) return;
  Payload()(target, key, 0);
  Ctx()(target, key, 1);
};

/**
 * A durable event handler: `(event: CloudEvent<T>, ctx: EventContext)`, run at least once per event and, thanks
 * to the inbox, applied once. `type` is an event type such as 'ocop.identity.account.registered'; `*` matches one
 * token and `>` the rest, but the producing service (second token) must be named.
 */
export function OnEvent(type: string): MethodDecorator {
  return applyDecorators(
    EventPattern(type, JETSTREAM_TRANSPORT),
    SetMetadata(ON_EVENT_METADATA, type),
    UseFilters(RethrowToConsumer),
    bindEventAndContext,
  );
}
