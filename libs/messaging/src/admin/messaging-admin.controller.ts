import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@ocop/auth';
import { DomainError, Problems } from '@ocop/contracts';
import { DeadLetters } from '../dead-letter/dead-letters';
import {
  DeadLetterList,
  DeadLetterListQuery,
  DeadLetterView,
  deadLetterView,
  DiscardDeadLetterDto,
  MessagingBacklogView,
  ReplayAllResult,
  ReplayResultView,
} from './messaging-admin.dto';
import { MessagingBacklog } from './messaging-backlog';

/**
 * The operator's side of this service's events over HTTP, for the admins' pages: the backlog, and the dead letters
 * to replay or discard. The same as `main.js dlq`, with who decided kept on the row.
 */
@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@ApiResponse({ status: 401, description: 'unauthenticated, token-expired' })
@ApiResponse({ status: 403, description: 'forbidden: not an admin' })
@Controller('admin')
export class MessagingAdminController {
  constructor(
    private readonly deadLetters: DeadLetters,
    private readonly backlog: MessagingBacklog,
  ) {}

  @Get('messaging')
  @ApiOperation({ summary: 'Events not yet published, not yet taken, and given up on' })
  @ApiOkResponse({ type: MessagingBacklogView })
  messaging(): Promise<MessagingBacklogView> {
    return this.backlog.read();
  }

  @Get('dead-letters')
  @ApiOperation({ summary: 'Dead letters still to decide (oldest first), or the latest settled ones' })
  @ApiOkResponse({ type: DeadLetterList })
  async list(@Query() query: DeadLetterListQuery): Promise<DeadLetterList> {
    const rows = await this.deadLetters.list({ settled: query.state === 'settled', limit: query.limit });
    return { service: this.serviceName(), items: rows.map(deadLetterView) };
  }

  @Get('dead-letters/:id')
  @ApiOkResponse({ type: DeadLetterView })
  @ApiResponse({ status: 404, description: 'not-found' })
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<DeadLetterView> {
    return deadLetterView(await this.deadLetters.get(id));
  }

  @Post('dead-letters/:id/replay')
  @HttpCode(200)
  @ApiOperation({ summary: 'Run the handlers again (once: an event applied meanwhile is not applied twice)' })
  @ApiOkResponse({ type: ReplayResultView })
  @ApiResponse({ status: 404, description: 'not-found' })
  @ApiResponse({
    status: 409,
    description:
      'dead-letter-replay-failed (the handlers failed again; the row stays open with the new error), dead-letter-settled, dead-letter-not-replayable',
  })
  async replay(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<ReplayResultView> {
    try {
      return await this.deadLetters.replay(id, actor.accountId);
    } catch (err) {
      if (err instanceof DomainError) throw err;
      throw Problems.conflict(
        'dead-letter-replay-failed',
        `The handlers failed again: ${firstLine((err as Error).message)}`,
      );
    }
  }

  @Post('dead-letters/replay')
  @HttpCode(200)
  @ApiOperation({ summary: 'Replay every open dead letter, oldest first, carrying on past failures' })
  @ApiOkResponse({ type: ReplayAllResult })
  async replayAll(@CurrentActor() actor: Actor): Promise<ReplayAllResult> {
    const results = (await this.deadLetters.replayAll(actor.accountId)).map((r) =>
      r.error ? { ...r, error: firstLine(r.error) } : r,
    );
    const failed = results.filter((r) => r.error).length;
    return { service: this.serviceName(), replayed: results.length - failed, failed, results };
  }

  @Post('dead-letters/:id/discard')
  @HttpCode(200)
  @ApiOperation({ summary: 'Give an open dead letter up for good, with the reason; the row is kept' })
  @ApiOkResponse({ type: DeadLetterView })
  @ApiResponse({ status: 400, description: 'validation-failed (a reason is required)' })
  @ApiResponse({ status: 404, description: 'not-found' })
  @ApiResponse({ status: 409, description: 'dead-letter-settled' })
  async discard(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: DiscardDeadLetterDto,
  ): Promise<DeadLetterView> {
    return deadLetterView(await this.deadLetters.discard(id, body.reason, actor.accountId));
  }

  private serviceName(): string {
    return this.backlog.serviceName;
  }
}

const firstLine = (message: string) => message.split('\n')[0].slice(0, 500);
