import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@ocop/auth';
import { TraceabilityRpc, UnitStatusV1 } from '@ocop/contracts';
import { OnRequest } from '@ocop/messaging';
import type { FastifyReply } from 'fastify';
import {
  AcceptsIdempotencyKey,
  answer,
  IdempotencyKey,
  IdempotencyService,
  Page,
  UuidParam,
} from '@ocop/service-kit';
import {
  GenerateUnitsDto,
  UnitGenerationView,
  UnitListQuery,
  UnitStatusRequestDto,
  UnitView,
} from './serials.dto';
import { SerialsService } from './serials.service';

@ApiTags('serialised units')
@ApiBearerAuth()
@Controller('batches/:batchId/units')
export class SerialsController {
  constructor(
    private readonly serials: SerialsService,
    private readonly idempotency: IdempotencyService,
  ) {}

  @Post()
  @Roles('producer', 'admin')
  @AcceptsIdempotencyKey()
  @ApiOperation({
    summary:
      'Tạo N số sê-ri cho lô / generate N serialised units (unguessable serials, optional AI 8030 signature); one event per request',
  })
  @ApiCreatedResponse({ type: UnitGenerationView })
  async generate(
    @CurrentActor() actor: Actor,
    @UuidParam('batchId') batchId: string,
    @Body() body: GenerateUnitsDto,
    @IdempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<UnitGenerationView> {
    return answer(
      reply,
      await this.idempotency.run(actor, key, `units.generate:${batchId}`, body, (manager) =>
        this.serials.generate(manager, actor, batchId, body),
      ),
    );
  }

  @Get()
  @ApiOperation({ summary: 'Đơn vị của lô / the batch’s units with their Digital Links, by sequence number' })
  list(
    @CurrentActor() actor: Actor,
    @UuidParam('batchId') batchId: string,
    @Query() query: UnitListQuery,
  ): Promise<Page<UnitView>> {
    return this.serials.list(actor, batchId, query);
  }

  @Get(':serial')
  @ApiOkResponse({ type: UnitView })
  get(
    @CurrentActor() actor: Actor,
    @UuidParam('batchId') batchId: string,
    @Param('serial') serial: string,
  ): Promise<UnitView> {
    return this.serials.get(actor, batchId, serial);
  }
}

/** Questions the lookup service asks about a scanned unit. */
@Controller()
export class UnitQuestionsController {
  constructor(private readonly serials: SerialsService) {}

  @OnRequest(TraceabilityRpc.unitStatus)
  status(@Payload() { gtin, serial }: UnitStatusRequestDto): Promise<UnitStatusV1> {
    return this.serials.status(gtin, serial);
  }
}
