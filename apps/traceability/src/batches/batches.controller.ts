import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@ocop/auth';
import type { FastifyReply } from 'fastify';
import {
  AcceptsIdempotencyKey,
  answer,
  IdempotencyKey,
  IdempotencyService,
  Page,
  UuidParam,
} from '@ocop/service-kit';
import { BatchListQuery, BatchView, CreateBatchDto, RecallDto } from './batch.dto';
import { BatchesService } from './batches.service';

@ApiTags('batches')
@ApiBearerAuth()
@Controller('batches')
export class BatchesController {
  constructor(
    private readonly batches: BatchesService,
    private readonly idempotency: IdempotencyService,
  ) {}

  @Post()
  @Roles('producer', 'admin')
  @AcceptsIdempotencyKey()
  @ApiOperation({
    summary: 'Mở lô hàng cho sản phẩm của mình / open a batch (lot) of one of your active products',
  })
  @ApiCreatedResponse({ type: BatchView })
  async create(
    @CurrentActor() actor: Actor,
    @Body() body: CreateBatchDto,
    @IdempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<BatchView> {
    return answer(
      reply,
      await this.idempotency.run(actor, key, 'batch.create', body, (manager) =>
        this.batches.create(manager, actor, body),
      ),
    );
  }

  @Get()
  @ApiOperation({ summary: 'Lô hàng / batches the caller may see, newest first' })
  list(@CurrentActor() actor: Actor, @Query() query: BatchListQuery): Promise<Page<BatchView>> {
    return this.batches.list(actor, query);
  }

  @Get(':batchId')
  @ApiOkResponse({ type: BatchView })
  get(@CurrentActor() actor: Actor, @UuidParam('batchId') id: string): Promise<BatchView> {
    return this.batches.get(actor, id);
  }

  @Post(':batchId/release')
  @Roles('producer', 'admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Phát hành lô ra thị trường / release the batch to the market' })
  @ApiOkResponse({ type: BatchView })
  release(@CurrentActor() actor: Actor, @UuidParam('batchId') id: string): Promise<BatchView> {
    return this.batches.release(actor, id);
  }

  @Post(':batchId/recall')
  @Roles('producer', 'admin', 'officer')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Thu hồi lô, có lý do / recall the batch with a reason: every unit shows as recalled at once',
  })
  @ApiOkResponse({ type: BatchView })
  recall(
    @CurrentActor() actor: Actor,
    @UuidParam('batchId') id: string,
    @Body() body: RecallDto,
  ): Promise<BatchView> {
    return this.batches.recall(actor, id, body.reason);
  }
}
