import { INestApplication } from '@nestjs/common';
import { JetStreamServer } from './consumer/jetstream.server';
import { EventInbox } from './consumer/event-inbox';
import { DeadLetters } from './dead-letter/dead-letters';
import { MESSAGING_OPTIONS, ResolvedMessagingOptions } from './messaging.options';
import { NatsConnector } from './nats/nats-connector';
import { OutboxRelay } from './outbox/outbox-relay';
import { RpcServer } from './rpc/rpc.server';

/**
 * Starts what moves messages in a serving process (the `connectMicroservices` hook of the service's AppSpec):
 * the JetStream consumer for `@OnEvent` handlers, the NATS RPC server for `@OnRequest` handlers, and the outbox
 * relay. Both transports inherit the app's global pipes, interceptors and guards, so handlers see the same
 * validation as HTTP; a global guard must therefore let `rpc` contexts through. Nothing here waits for NATS.
 */
export function connectMessaging(app: INestApplication): void {
  const options = app.get<ResolvedMessagingOptions>(MESSAGING_OPTIONS);
  const nats = app.get(NatsConnector);
  app.connectMicroservice(
    { strategy: new JetStreamServer(options, nats, app.get(EventInbox), app.get(DeadLetters)) },
    { inheritAppConfig: true },
  );
  app.connectMicroservice({ strategy: new RpcServer(options, nats) }, { inheritAppConfig: true });
  if (options.relay.enabled) app.get(OutboxRelay).start();
}
