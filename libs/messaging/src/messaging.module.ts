import { DynamicModule, Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { MessagingAdminController } from './admin/messaging-admin.controller';
import { MessagingBacklog } from './admin/messaging-backlog';
import { EventInbox } from './consumer/event-inbox';
import { DeadLetters } from './dead-letter/dead-letters';
import { EventHandlerCatalog } from './dead-letter/event-handler-catalog';
import { MessagingMetrics } from './messaging.metrics';
import { MESSAGING_OPTIONS, MessagingOptions, resolveMessagingOptions } from './messaging.options';
import { NatsConnector } from './nats/nats-connector';
import { EventOutbox } from './outbox/event-outbox';
import { OutboxRelay } from './outbox/outbox-relay';
import { RpcClient } from './rpc/rpc-client';

/**
 * The event bus and RPC for one service. Import once, after ServiceKitModule (which provides the DataSource,
 * Readiness and Metrics used here). The module alone gives EventOutbox, RpcClient and DeadLetters, which is what
 * operator commands need; `connectMessaging(app)` then starts what moves messages in a serving process. Its admin
 * routes are checked by the service's AuthModule guard (APP_GUARD), as every other route is.
 */
@Global()
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions): DynamicModule {
    return {
      module: MessagingModule,
      imports: [DiscoveryModule],
      // Every service with events answers its admins about them (backlog, dead letters) on the same routes.
      controllers: [MessagingAdminController],
      providers: [
        MessagingBacklog,
        { provide: MESSAGING_OPTIONS, useValue: resolveMessagingOptions(options) },
        NatsConnector,
        MessagingMetrics,
        EventOutbox,
        OutboxRelay,
        EventInbox,
        EventHandlerCatalog,
        DeadLetters,
        RpcClient,
      ],
      exports: [
        MESSAGING_OPTIONS,
        NatsConnector,
        EventOutbox,
        OutboxRelay,
        EventInbox,
        DeadLetters,
        RpcClient,
      ],
    };
  }
}
