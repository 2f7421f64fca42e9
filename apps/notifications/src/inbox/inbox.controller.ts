import { Controller, Get, Headers, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '@ocop/auth';
import type { FastifyReply } from 'fastify';
import { UuidParam } from '@ocop/service-kit';
import { InboxQuery } from './inbox.dto';
import { InboxService } from './inbox.service';
import { InboxStreams } from './inbox-streams';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@ApiTags('inbox')
@ApiBearerAuth()
@Controller('inbox')
export class InboxController {
  constructor(
    private readonly inbox: InboxService,
    private readonly streams: InboxStreams,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Hộp thư thông báo của tôi / My inbox (newest first, cursor-paginated)' })
  list(@CurrentActor() actor: Actor, @Query() query: InboxQuery) {
    return this.inbox.list(actor.accountId, query);
  }

  @Get('unread-count')
  @ApiOkResponse({ schema: { properties: { unread: { type: 'integer' } } } })
  async unreadCount(@CurrentActor() actor: Actor) {
    return { unread: await this.inbox.unreadCount(actor.accountId) };
  }

  /**
   * Server-sent events: `event: notification` with the item as data, `id` = item id. A client reconnecting with
   * Last-Event-ID gets what it missed first. Authenticated with the bearer token like every route.
   */
  @Get('stream')
  @ApiOperation({ summary: 'Luồng thông báo mới (SSE) / Live stream of new notices (server-sent events)' })
  @ApiProduces('text/event-stream')
  async stream(
    @CurrentActor() actor: Actor,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const backlog =
      lastEventId && UUID.test(lastEventId) ? await this.inbox.since(actor.accountId, lastEventId) : [];
    // The response is ours from here: Fastify must neither serialise nor end it.
    reply.hijack();
    this.streams.open(actor.accountId, reply.raw, backlog);
  }

  @Post('read-all')
  @HttpCode(200)
  markAllRead(@CurrentActor() actor: Actor) {
    return this.inbox.markAllRead(actor.accountId);
  }

  @Post(':itemId/read')
  @HttpCode(200)
  markRead(@CurrentActor() actor: Actor, @UuidParam('itemId') itemId: string) {
    return this.inbox.markRead(actor.accountId, itemId);
  }
}
