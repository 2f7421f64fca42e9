import { ServerNats } from '@nestjs/microservices';
import { rpcSubjectFor } from '@ocop/contracts';
import { acceptableId, runWithContext, toProblem } from '@ocop/service-kit';
import { randomUUID } from 'node:crypto';
import { JSONCodec, Msg, NatsConnection, Subscription } from 'nats';
import { ResolvedMessagingOptions } from '../messaging.options';
import { NatsConnector } from '../nats/nats-connector';
import { CORRELATION_HEADER, RpcResponsePacket } from './rpc-wire';

const codec = JSONCodec<RpcResponsePacket<never>>();

/**
 * Nest's NATS transport for `@OnRequest` handlers, with three changes: subjects live under `<namespace>.rpc.`
 * (so that no event stream captures a question), it answers on the service's shared connection instead of opening
 * its own, and each request runs in a context carrying the caller's correlation id.
 */
export class RpcServer extends ServerNats {
  private readonly stopping = new AbortController();
  private readonly rpcSubscriptions: Subscription[] = [];
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly messaging: ResolvedMessagingOptions,
    private readonly nats: NatsConnector,
  ) {
    super({ queue: messaging.serviceName });
  }

  /** Reports ready at once; the subscriptions are made when NATS is (or comes) up. */
  override async listen(callback: (err?: unknown) => void): Promise<void> {
    callback();
    await super.listen((err) => {
      if (err && !this.stopping.signal.aborted) this.logger.error(`RPC server not started: ${String(err)}`);
    });
  }

  override createNatsClient(): Promise<NatsConnection> {
    return this.nats.whenConnected(this.stopping.signal);
  }

  override bindEvents(client: NatsConnection): void {
    for (const pattern of this.messageHandlers.keys()) {
      const subscription = client.subscribe(rpcSubjectFor(this.messaging.namespace, pattern), {
        queue: this.messaging.serviceName,
        callback: (err, msg) => {
          if (err) return this.logger.error(`RPC subscription ${pattern} failed: ${err.message}`);
          const task = this.handleMessage(pattern, msg).finally(() => this.inFlight.delete(task));
          this.inFlight.add(task);
        },
      });
      this.rpcSubscriptions.push(subscription);
    }
  }

  override async handleMessage(channel: string, msg: Msg): Promise<void> {
    const correlationId = acceptableId(msg.headers?.get(CORRELATION_HEADER)) ?? randomUUID();
    try {
      await runWithContext({ requestId: randomUUID(), correlationId }, () =>
        super.handleMessage(channel, msg),
      );
    } catch (err) {
      // Only reached when the request could not be decoded or a filter rethrew: answer rather than let it time out.
      this.logger.error({ err, subject: msg.subject }, 'RPC request failed');
      try {
        if (msg.reply) msg.respond(codec.encode({ err: toProblem(err), isDisposed: true }));
      } catch {
        // The connection is gone; the caller times out.
      }
    }
  }

  /** The shared connection's status is watched and logged by NatsConnector. */
  override async handleStatusUpdates(): Promise<void> {
    return;
  }

  /** Stops taking requests and lets those in hand answer; the connection itself is the connector's to close. */
  override async close(): Promise<void> {
    this.stopping.abort();
    for (const subscription of this.rpcSubscriptions) subscription.unsubscribe();
    await Promise.allSettled(this.inFlight);
  }
}
