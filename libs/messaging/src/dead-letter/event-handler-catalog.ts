import { Injectable } from '@nestjs/common';
import { DiscoveryService, ExternalContextCreator, MetadataScanner, Reflector } from '@nestjs/core';
import type { ParamsFactory } from '@nestjs/core/helpers/external-context-creator';
import { PARAM_ARGS_METADATA } from '@nestjs/microservices/constants';
import { RpcParamsFactory } from '@nestjs/microservices/factories/rpc-params-factory';
import { EventInvoker } from '../consumer/event-inbox';
import { settle } from '../consumer/settle';
import { typeMatches } from '../consumer/event-patterns';
import { ON_EVENT_METADATA } from '../consumer/on-event.decorator';

interface CatalogEntry {
  pattern: string;
  invoke: EventInvoker;
}

/**
 * The `@OnEvent` handlers of the application, found without a transport. Operator commands boot the service as
 * a plain application context, where no microservice registers handlers, yet dead-letter replay must run the same
 * handler; it is called through Nest's external context, so guards, interceptors and pipes apply as they do live.
 */
@Injectable()
export class EventHandlerCatalog {
  private entries?: CatalogEntry[];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly contextCreator: ExternalContextCreator,
  ) {}

  /** Every handler whose pattern matches `type`, in discovery order. */
  invokersFor(type: string): EventInvoker[] {
    return this.all()
      .filter((entry) => typeMatches(entry.pattern, type))
      .map((entry) => entry.invoke);
  }

  private all(): CatalogEntry[] {
    if (this.entries) return this.entries;
    const entries: CatalogEntry[] = [];
    for (const wrapper of this.discovery.getControllers()) {
      const instance = wrapper.instance as Record<string, (...args: unknown[]) => unknown> | undefined;
      if (!instance || !wrapper.isDependencyTreeStatic()) continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const pattern = this.reflector.get<string | undefined>(ON_EVENT_METADATA, instance[method]);
        if (!pattern) continue;
        const call = this.contextCreator.create(
          instance,
          instance[method],
          method,
          PARAM_ARGS_METADATA,
          // Same parameter decorators as live (@Payload, @Ctx); its narrower `data` type is all RPC params use.
          new RpcParamsFactory() as ParamsFactory,
          undefined,
          undefined,
          undefined,
          'rpc',
        );
        entries.push({ pattern, invoke: async (event, ctx) => settle(await call(event, ctx)) });
      }
    }
    this.entries = entries;
    return entries;
  }
}
