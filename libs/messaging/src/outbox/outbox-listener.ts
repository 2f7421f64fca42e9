import { Logger } from '@nestjs/common';
import { listenUntilAborted } from '@ocop/persistence';
import { ClientConfig } from 'pg';
import { OUTBOX_CHANNEL } from './outbox-channel';

/**
 * Listens on the outbox channel and calls `onNotify` for each commit that wrote events. It also calls `onNotify` on
 * every (re)connect, for commits made while nobody was listening.
 */
export class OutboxListener {
  private readonly logger = new Logger('OutboxListener');

  constructor(
    private readonly config: ClientConfig,
    private readonly onNotify: () => void,
  ) {}

  /** Listens until `signal` aborts; the promise settles once the connection is closed. */
  run(signal: AbortSignal): Promise<void> {
    return listenUntilAborted(
      {
        config: this.config,
        channels: [OUTBOX_CHANNEL],
        onNotification: () => this.onNotify(),
        onListening: () => this.onNotify(),
        warn: (message) => this.logger.warn(`outbox: ${message}`),
      },
      signal,
    );
  }
}
