import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Readiness } from '@ocop/service-kit';
import { connect, Events, NatsConnection } from 'nats';
import { pause } from '../internal/pause';
import { MESSAGING_OPTIONS, ResolvedMessagingOptions } from '../messaging.options';

// Short enough that a restarted NATS is back in use within a second, long enough not to hammer a dead one.
const RECONNECT_WAIT_MS = 500;
const DRAIN_TIMEOUT_MS = 5_000;

/**
 * The service's one NATS connection, shared by the relay, the event consumers, the RPC server and the RPC client.
 *
 * The service boots whether or not NATS is up: writes keep committing to the outbox, and everything that needs
 * NATS waits for `whenConnected()`. The first connection is retried here rather than with the client's
 * `waitOnFirstConnect`, because a pending `connect()` cannot be abandoned and would keep a process that is
 * shutting down alive; once connected, the client reconnects by itself forever (`maxReconnectAttempts: -1`).
 */
@Injectable()
export class NatsConnector implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Nats');
  private readonly closing = new AbortController();
  private readonly waiters = new Set<() => void>();
  private readonly reconnectListeners = new Set<() => void>();
  private nc?: NatsConnection;
  private connected = false;
  private started = false;

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: ResolvedMessagingOptions,
    private readonly readiness: Readiness,
  ) {}

  onModuleInit(): void {
    this.readiness.register('nats', async () => {
      const nc = this.current();
      if (!nc) throw new Error('not connected to NATS');
      await nc.flush();
    });
    this.start();
  }

  /** The connection while it is up; undefined before the first connect and during an outage. */
  current(): NatsConnection | undefined {
    return this.connected ? this.nc : undefined;
  }

  /** Resolves with the connection as soon as it is up; rejects if `signal` aborts or the service shuts down. */
  async whenConnected(signal?: AbortSignal): Promise<NatsConnection> {
    this.start();
    for (;;) {
      const nc = this.current();
      if (nc) return nc;
      const stop = signal ? AbortSignal.any([signal, this.closing.signal]) : this.closing.signal;
      stop.throwIfAborted();
      await new Promise<void>((resolve, reject) => {
        const done = () => {
          stop.removeEventListener('abort', aborted);
          this.waiters.delete(done);
          resolve();
        };
        const aborted = () => {
          this.waiters.delete(done);
          reject(stop.reason);
        };
        this.waiters.add(done);
        stop.addEventListener('abort', aborted, { once: true });
      });
    }
  }

  /** Called after every reconnect (not the first connect); returns the unsubscribe function. */
  onReconnect(listener: () => void): () => void {
    this.reconnectListeners.add(listener);
    return () => this.reconnectListeners.delete(listener);
  }

  async onApplicationShutdown(): Promise<void> {
    this.closing.abort(new Error('messaging is shutting down'));
    const nc = this.nc;
    if (!nc || nc.isClosed()) return;
    // Draining flushes what was published (acks included) before closing; it needs a live server to finish.
    if (this.connected) {
      const drained = new AbortController();
      const drain = nc
        .drain()
        .catch((err: Error) => this.logger.warn(`NATS drain failed: ${err.message}`))
        .finally(() => drained.abort());
      await Promise.race([drain, pause(DRAIN_TIMEOUT_MS, drained.signal)]);
    }
    if (!nc.isClosed()) await nc.close();
  }

  private start(): void {
    if (this.started) return;
    this.started = true;
    void this.connectUntilUp();
  }

  private async connectUntilUp(): Promise<void> {
    for (let attempt = 1; !this.closing.signal.aborted; attempt++) {
      try {
        const nc = await connect({
          servers: this.options.natsServers,
          name: this.options.serviceName,
          maxReconnectAttempts: -1,
          reconnectTimeWait: RECONNECT_WAIT_MS,
          // Otherwise every request (each JetStream publish is one) captures a stack trace up front, which costs
          // the relay about a third of its throughput.
          noAsyncTraces: true,
        });
        if (this.closing.signal.aborted) {
          await nc.close();
          return;
        }
        this.nc = nc;
        this.setConnected(true);
        this.logger.log(`connected to NATS ${nc.getServer()}`);
        void this.watch(nc);
        return;
      } catch (err) {
        if (attempt === 1) this.logger.warn(`NATS not reachable yet, retrying: ${(err as Error).message}`);
        await pause(RECONNECT_WAIT_MS, this.closing.signal);
      }
    }
  }

  private async watch(nc: NatsConnection): Promise<void> {
    for await (const status of nc.status()) {
      if (status.type === Events.Disconnect) {
        this.setConnected(false);
        this.logger.warn(`disconnected from NATS ${String(status.data)}`);
      } else if (status.type === Events.Reconnect) {
        this.setConnected(true);
        this.logger.log(`reconnected to NATS ${String(status.data)}`);
        for (const listener of this.reconnectListeners) listener();
      }
    }
    this.setConnected(false);
    // The client reconnects forever, so it only closes by itself on a fatal error (credentials, permissions).
    const err = await nc.closed();
    if (!this.closing.signal.aborted)
      this.logger.error(`NATS connection closed for good: ${err?.message ?? 'no reason'}`);
  }

  private setConnected(connected: boolean): void {
    this.connected = connected;
    if (connected) for (const wake of [...this.waiters]) wake();
  }
}
