import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Client, ClientConfig } from 'pg';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';

const RETRY_MS = 1000;

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
  private client?: Client;

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
    this.closing.abort();
    await this.client?.end().catch(() => undefined);
    await this.running;
  }

  private async run(firstAttemptDone: () => void): Promise<void> {
    const signal = this.closing.signal;
    while (!signal.aborted) {
      const client = new Client(this.clientConfig());
      this.client = client;
      const lost = new Promise<Error | undefined>((resolve) => {
        client.on('error', resolve);
        client.on('end', () => resolve(undefined));
      });
      try {
        await client.connect();
        client.on('notification', (n) => {
          for (const handler of this.handlers.get(n.channel) ?? []) handler(n.payload ?? '');
        });
        for (const channel of this.handlers.keys()) await client.query(`LISTEN ${channel}`);
        firstAttemptDone();
        for (const listener of this.connectListeners) listener();
        const err = await lost;
        if (!signal.aborted)
          this.logger.warn(`LISTEN connection lost${err ? `: ${err.message}` : ''}; reconnecting`);
      } catch (err) {
        firstAttemptDone();
        if (!signal.aborted) this.logger.warn(`cannot LISTEN: ${(err as Error).message}`);
      } finally {
        await client.end().catch(() => undefined);
      }
      if (!signal.aborted) await sleep(RETRY_MS, undefined, { signal }).catch(() => undefined);
    }
  }

  private clientConfig(): ClientConfig {
    const o = this.dataSource.options as PostgresConnectionOptions;
    const password = typeof o.password === 'string' ? o.password : undefined;
    const base: ClientConfig = o.url
      ? { connectionString: o.url }
      : { host: o.host, port: o.port, user: o.username, password, database: o.database };
    return { ...base, ssl: o.ssl as ClientConfig['ssl'], application_name: 'notifications-listen' };
  }
}
