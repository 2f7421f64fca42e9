import { Client, ClientConfig } from 'pg';
import { DataSource } from 'typeorm';
import { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';

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

export interface ListenOptions {
  config: ClientConfig;
  channels: readonly string[];
  onNotification: (channel: string, payload: string) => void;
  /** After every (re)connect, once LISTEN is in place: for whatever committed while nobody listened. */
  onListening?: () => void;
  /** After each attempt, whether it got to LISTEN or failed (a caller waiting for the first one). */
  onAttempt?: () => void;
  warn: (message: string) => void;
}

/**
 * Holds one dedicated connection that LISTENs on `channels` until `signal` aborts (a pooled connection cannot
 * LISTEN: it is handed to others between queries). A dropped connection is made again after a second. Settles
 * once the connection is closed.
 */
export async function listenUntilAborted(options: ListenOptions, signal: AbortSignal): Promise<void> {
  while (!signal.aborted) {
    const client = new Client(options.config);
    const lost = new Promise<Error | undefined>((resolve) => {
      client.on('error', resolve);
      client.on('end', () => resolve(undefined));
    });
    const close = () => void client.end().catch(() => undefined);
    signal.addEventListener('abort', close, { once: true });
    try {
      // Stopping while the connection is still being made: end() does not settle a pending connect(), so the
      // wait ends on the abort instead (the abandoned attempt's failure is of no interest).
      const connecting = client.connect();
      connecting.catch(() => undefined);
      await Promise.race([connecting, whenAborted(signal)]);
      if (signal.aborted) break;
      client.on('notification', (n) => options.onNotification(n.channel, n.payload ?? ''));
      for (const channel of options.channels) await client.query(`LISTEN ${channel}`);
      options.onAttempt?.();
      options.onListening?.();
      const err = await lost;
      if (!signal.aborted)
        options.warn(`LISTEN connection lost${err ? `: ${err.message}` : ''}; reconnecting`);
    } catch (err) {
      options.onAttempt?.();
      if (!signal.aborted) options.warn(`cannot LISTEN: ${(err as Error).message}`);
    } finally {
      signal.removeEventListener('abort', close);
      close();
    }
    await whenAborted(signal, RETRY_MS);
  }
}

/** Resolves when `signal` aborts, or after `ms` when given. */
function whenAborted(signal: AbortSignal, ms?: number): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = ms === undefined ? undefined : setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
