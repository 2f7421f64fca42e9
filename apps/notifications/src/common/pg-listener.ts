import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { listenUntilAborted, pgClientConfig } from '@ocop/persistence';
import { DataSource } from 'typeorm';

type Handler = (payload: string) => void;

/**
 * One dedicated connection per replica that LISTENs for the service's NOTIFY channels (a pooled connection cannot:
 * it is handed to others between queries). NOTIFY is sent in the writing transaction and delivered on commit to
 * every replica on this database, which is how an inbox item written by replica A reaches a stream open on B, and
 * how a planned delivery wakes the dispatchers without waiting for their poll. Reconnects after a drop and then
 * calls `onConnect` listeners, for whatever committed while nobody listened.
 */
@Injectable()
export class PgListener implements OnApplicationShutdown {
  private readonly logger = new Logger('PgListener');
  private readonly handlers = new Map<string, Handler[]>();
  private readonly connectListeners: (() => void)[] = [];
  private readonly closing = new AbortController();
  private running?: Promise<void>;

  constructor(private readonly dataSource: DataSource) {}

  on(channel: string, handler: Handler): void {
    this.handlers.set(channel, [...(this.handlers.get(channel) ?? []), handler]);
  }

  onConnect(listener: () => void): void {
    this.connectListeners.push(listener);
  }

  /** Started by a serving process only; resolves once the first LISTEN is in place (or failed once). */
  start(): Promise<void> {
    let first: () => void = () => undefined;
    const listening = new Promise<void>((resolve) => (first = resolve));
    this.running ??= this.run(() => first());
    return listening;
  }

  async onApplicationShutdown(): Promise<void> {
    this.closing.abort(); // closes the connection
    await this.running;
  }

  private run(firstAttemptDone: () => void): Promise<void> {
    return listenUntilAborted(
      {
        config: pgClientConfig(this.dataSource, 'notifications-listen'),
        channels: [...this.handlers.keys()],
        onNotification: (channel, payload) => {
          for (const handler of this.handlers.get(channel) ?? []) handler(payload);
        },
        onAttempt: firstAttemptDone,
        onListening: () => {
          for (const listener of this.connectListeners) listener();
        },
        warn: (message) => this.logger.warn(message),
      },
      this.closing.signal,
    );
  }
}
