import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { PgListener } from '../common/pg-listener';
import { NotificationsConfig } from '../config';
import { INBOX_CHANNEL } from '../planning/channels';
import { InboxItemView, InboxService } from './inbox.service';

interface Stream {
  accountId: string;
  res: ServerResponse;
  heartbeat: NodeJS.Timeout;
}

/**
 * The server-sent-event streams open on this replica, by account. New inbox items arrive as NOTIFY from whichever
 * replica planned them (see PgListener); each is read once and written to that account's open streams here.
 */
@Injectable()
export class InboxStreams implements BeforeApplicationShutdown {
  private readonly logger = new Logger(InboxStreams.name);
  private readonly byAccount = new Map<string, Set<Stream>>();
  private closed = false;

  constructor(
    private readonly inbox: InboxService,
    private readonly config: NotificationsConfig,
    listener: PgListener,
  ) {
    listener.on(INBOX_CHANNEL, (payload) => void this.onNotify(payload));
  }

  get size(): number {
    let n = 0;
    for (const set of this.byAccount.values()) n += set.size;
    return n;
  }

  /** Takes over a response: SSE headers, a retry hint, then items as they come and a comment line as heartbeat. */
  open(accountId: string, res: ServerResponse, backlog: InboxItemView[]): void {
    if (this.closed) {
      res.writeHead(503, { 'content-type': 'text/plain' }).end();
      return;
    }
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // Proxies (nginx) buffer responses by default; a stream must not be.
      'x-accel-buffering': 'no',
    });
    res.write(`retry: 3000\n: connected\n\n`);
    const stream: Stream = {
      accountId,
      res,
      heartbeat: setInterval(() => res.write(`: heartbeat\n\n`), this.config.SSE_HEARTBEAT_MS),
    };
    stream.heartbeat.unref();
    let set = this.byAccount.get(accountId);
    if (!set) this.byAccount.set(accountId, (set = new Set()));
    set.add(stream);
    res.on('close', () => this.remove(stream));
    for (const item of backlog) this.write(stream, item);
  }

  /** Ends every stream before the HTTP server closes (it would otherwise wait for them forever). */
  beforeApplicationShutdown(): void {
    this.closed = true;
    for (const set of this.byAccount.values())
      for (const stream of set) {
        clearInterval(stream.heartbeat);
        stream.res.end();
      }
    this.byAccount.clear();
  }

  private remove(stream: Stream): void {
    clearInterval(stream.heartbeat);
    const set = this.byAccount.get(stream.accountId);
    set?.delete(stream);
    if (set && !set.size) this.byAccount.delete(stream.accountId);
  }

  private write(stream: Stream, item: InboxItemView): void {
    stream.res.write(`id: ${item.id}\nevent: notification\ndata: ${JSON.stringify(item)}\n\n`);
  }

  private async onNotify(payload: string): Promise<void> {
    try {
      const { accountId, itemId } = JSON.parse(payload) as { accountId: string; itemId: string };
      const streams = this.byAccount.get(accountId);
      if (!streams?.size) return;
      const item = await this.inbox.item(itemId);
      if (!item || item.accountId !== accountId) return;
      const { accountId: _owner, ...view } = item;
      for (const stream of this.byAccount.get(accountId) ?? []) this.write(stream, view);
    } catch (err) {
      this.logger.warn({ err }, 'inbox notification not delivered to streams');
    }
  }
}
