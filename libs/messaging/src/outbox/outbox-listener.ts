import { Logger } from '@nestjs/common';
import { Client, ClientConfig } from 'pg';
import { DataSource } from 'typeorm';
import { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { pause } from '../internal/pause';
import { OUTBOX_CHANNEL } from './outbox-channel';

const RETRY_MS = 1000;

/** Connection settings of the service's own database, for a connection outside TypeORM's pool. */
export function pgClientConfig(dataSource: DataSource, applicationName: string): ClientConfig {
  const o = dataSource.options as PostgresConnectionOptions;
  const password = typeof o.password === 'string' ? o.password : undefined;
  const base: ClientConfig = o.url
    ? { connectionString: o.url }
    : { host: o.host, port: o.port, user: o.username, password, database: o.database };
  // TypeORM types its TLS settings as server-side TlsOptions; the client-side fields they carry are what pg reads.
  return { ...base, ssl: o.ssl as ClientConfig['ssl'], application_name: applicationName };
}

/**
 * Holds a dedicated connection that LISTENs on the outbox channel and calls `onNotify` for each commit that wrote
 * events (a pooled connection cannot LISTEN: it is handed to others between queries). If the connection drops,
 * it reconnects; it also calls `onNotify` on every (re)connect, for commits made while nobody was listening.
 */
export class OutboxListener {
  private readonly logger = new Logger('OutboxListener');

  constructor(
    private readonly config: ClientConfig,
    private readonly onNotify: () => void,
  ) {}

  /** Listens until `signal` aborts; the promise settles once the connection is closed. */
  async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const client = new Client(this.config);
      const lost = new Promise<Error | undefined>((resolve) => {
        client.on('error', resolve);
        client.on('end', () => resolve(undefined));
      });
      const close = () => void client.end().catch(() => undefined);
      signal.addEventListener('abort', close, { once: true });
      try {
        // Stopping while the connection is still being made: end() does not settle a pending connect(), so
        // the wait ends on the abort instead (the abandoned attempt's failure is of no interest).
        const connecting = client.connect();
        connecting.catch(() => undefined);
        await Promise.race([connecting, whenAborted(signal)]);
        if (signal.aborted) break;
        client.on('notification', () => this.onNotify());
        await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
        this.onNotify();
        const err = await lost;
        if (!signal.aborted)
          this.logger.warn(`LISTEN connection lost${err ? `: ${err.message}` : ''}; reconnecting`);
      } catch (err) {
        if (!signal.aborted) this.logger.warn(`cannot LISTEN for outbox writes: ${(err as Error).message}`);
      } finally {
        signal.removeEventListener('abort', close);
        close();
      }
      await pause(RETRY_MS, signal);
    }
  }
}

function whenAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) =>
    signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true }),
  );
}
