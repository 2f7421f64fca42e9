import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { CloudEvent, isCloudEvent } from '@ocop/contracts';
import { ConsumerMessages, JsMsg } from 'nats';
import { DeadLetters } from '../dead-letter/dead-letters';
import { pause } from '../internal/pause';
import { ResolvedMessagingOptions } from '../messaging.options';
import { NatsConnector } from '../nats/nats-connector';
import { ensureDurableConsumer, ensureStream } from '../streams/streams';
import { EventInbox, EventInvoker } from './event-inbox';
import { eventTypeOfSubject, StreamSubscription, subscriptionsFor, typeMatches } from './event-patterns';
import { JETSTREAM_TRANSPORT } from './on-event.decorator';
import { settle } from './settle';

const RESUBSCRIBE_PAUSE_MS = 1_000;

function parsePayload(data: Uint8Array): unknown {
  const text = Buffer.from(data).toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    return { raw: text };
  }
}

/**
 * The `@OnEvent` handlers of a service, fed by JetStream: one durable pull consumer per stream it reads (named
 * after the service, so that its replicas share the work), each event run through the inbox in its own
 * transaction and acknowledged only after that commits. A failed handler is retried with the configured backoff
 * (`nak` with a delay) and dead-lettered on its last attempt; a message that is not a CloudEvent is dead-lettered
 * at once. Boot does not wait for NATS: consumers are bound whenever the connection comes up.
 */
export class JetStreamServer extends Server implements CustomTransportStrategy {
  override transportId = JETSTREAM_TRANSPORT;
  private readonly closing = new AbortController();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly pulling = new Set<ConsumerMessages>();
  private readonly invokersBySubject = new Map<string, EventInvoker[]>();
  private loops: Promise<void>[] = [];

  constructor(
    private readonly options: ResolvedMessagingOptions,
    private readonly nats: NatsConnector,
    private readonly inbox: EventInbox,
    private readonly deadLetters: DeadLetters,
  ) {
    super();
  }

  listen(callback: (err?: unknown) => void): void {
    let subscriptions: StreamSubscription[];
    try {
      subscriptions = subscriptionsFor(this.options.namespace, this.eventPatterns());
    } catch (err) {
      return callback(err);
    }
    this.loops = subscriptions.map((subscription) => this.consume(subscription));
    callback();
  }

  /** Stops pulling, lets the events in hand finish (commit and ack); the connector drains NATS afterwards. */
  async close(): Promise<void> {
    this.closing.abort();
    for (const messages of this.pulling) messages.stop();
    await Promise.all(this.loops);
    await Promise.all(this.inFlight);
  }

  on(): never {
    throw new Error('JetStreamServer emits no events; watch NatsConnector for connection status');
  }

  unwrap<T>(): T {
    return this.nats.current() as T;
  }

  /** Patterns of event handlers; request handlers registered without a transport belong to the RPC server. */
  private eventPatterns(): string[] {
    return [...this.getHandlers()]
      .filter(([, handler]) => handler.isEventHandler)
      .map(([pattern]) => pattern);
  }

  private async consume(subscription: StreamSubscription): Promise<void> {
    const signal = this.closing.signal;
    const { consumer: settings, serviceName, namespace } = this.options;
    while (!signal.aborted) {
      try {
        const nc = await this.nats.whenConnected(signal);
        const jsm = await nc.jetstreamManager();
        await ensureStream(jsm, namespace, subscription.service, 'consumer');
        await ensureDurableConsumer(jsm, {
          stream: subscription.stream,
          durable: serviceName,
          filterSubjects: subscription.subjects,
          streamSubject: subscription.streamSubject,
          ackWaitMs: settings.ackWaitMs,
          serverVersion: nc.info?.version ?? '0.0.0',
        });
        const consumer = await nc.jetstream().consumers.get(subscription.stream, serviceName);
        // A small pull keeps replicas sharing the work instead of one of them holding a large batch; a consumer
        // or stream deleted under us ends the iteration, and the loop provisions them again.
        const messages = await consumer.consume({
          max_messages: settings.concurrency,
          abort_on_missing_resource: true,
        });
        this.pulling.add(messages);
        try {
          if (signal.aborted) messages.stop();
          for await (const message of messages) {
            if (signal.aborted) {
              // Pulled but not started: hand it straight back, for another replica to take without waiting.
              message.nak();
              continue;
            }
            const task = this.handle(message).finally(() => this.inFlight.delete(task));
            this.inFlight.add(task);
            while (this.inFlight.size >= settings.concurrency) await Promise.race(this.inFlight);
          }
        } finally {
          this.pulling.delete(messages);
        }
      } catch (err) {
        if (signal.aborted) return;
        this.logger.warn(
          `consumer ${serviceName} on ${subscription.stream} stopped: ${(err as Error).message}`,
        );
      }
      await pause(RESUBSCRIBE_PAUSE_MS, signal);
    }
  }

  private async handle(message: JsMsg): Promise<void> {
    const attempt = message.info.deliveryCount;
    let settleMessage: () => void;
    try {
      settleMessage = await this.process(message, attempt);
    } catch (err) {
      // The outcome could not be recorded (e.g. the database is down): nothing was acknowledged, so try later.
      this.logger.error(
        { err, subject: message.subject, attempt },
        'event outcome not recorded; will be redelivered',
      );
      settleMessage = () => message.nak(this.retryDelayMs(attempt));
    }
    try {
      settleMessage();
    } catch (err) {
      // The connection is gone; JetStream redelivers after ack_wait and the inbox absorbs the repeat.
      this.logger.warn(`cannot acknowledge ${message.subject}: ${(err as Error).message}`);
    }
  }

  /** Runs the event and returns how to settle the message once its outcome is durable. */
  private async process(message: JsMsg, attempt: number): Promise<() => void> {
    const payload = parsePayload(message.data);
    if (!isCloudEvent(payload)) {
      const error = new Error('The message is not a CloudEvent');
      await this.deadLetters.record({ subject: message.subject, payload, error, attempts: attempt });
      return () => message.term();
    }
    const handlers = this.invokersFor(message.subject);
    // With a whole-stream filter (NATS < 2.10) events that nobody here handles arrive too.
    if (!handlers.length) return () => message.ack();
    try {
      await this.inbox.process(payload, { subject: message.subject, attempt }, handlers);
      return () => message.ack();
    } catch (err) {
      return this.retryOrGiveUp(message, payload, attempt, err);
    }
  }

  private async retryOrGiveUp(
    message: JsMsg,
    event: CloudEvent,
    attempt: number,
    err: unknown,
  ): Promise<() => void> {
    if (attempt >= this.options.consumer.maxAttempts) {
      await this.deadLetters.record({
        subject: message.subject,
        payload: event,
        error: err,
        attempts: attempt,
      });
      return () => message.term();
    }
    const delayMs = this.retryDelayMs(attempt);
    this.logger.warn(
      { eventId: event.id, type: event.type, attempt, retryInMs: delayMs, err },
      'event handler failed',
    );
    return () => message.nak(delayMs);
  }

  private retryDelayMs(attempt: number): number {
    const { backoffMs } = this.options.consumer;
    return backoffMs[Math.min(attempt, backoffMs.length) - 1];
  }

  private invokersFor(subject: string): EventInvoker[] {
    let invokers = this.invokersBySubject.get(subject);
    if (!invokers) {
      const type = eventTypeOfSubject(this.options.namespace, subject);
      invokers = type
        ? this.eventPatterns()
            .filter((pattern) => typeMatches(pattern, type))
            .map((pattern) => this.invokerFor(pattern))
        : [];
      this.invokersBySubject.set(subject, invokers);
    }
    return invokers;
  }

  /** Nest's handler for the pattern (all methods bound to it, joined), awaited to the end. */
  private invokerFor(pattern: string): EventInvoker {
    return async (event, ctx) => {
      const handler = this.getHandlerByPattern(pattern);
      if (!handler) throw new Error(`no handler registered for ${pattern}`);
      await settle(await handler(event, ctx));
    };
  }
}
