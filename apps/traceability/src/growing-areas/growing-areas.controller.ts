import { Body, Controller, Get, HttpCode, Post, Put, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
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
import { ReviewActionParam } from '../site-codes/review-action.pipe';
import { ExportCodeDto, ReviewDto, SiteHistoryView } from '../site-codes/site.dto';
import { REVIEW_ACTIONS, ReviewAction } from '../site-codes/site-lifecycle';
import { GrowingAreaInput, GrowingAreaListQuery, GrowingAreaView } from './growing-area.dto';
import { GrowingAreasService } from './growing-areas.service';

@ApiTags('growing-areas')
@ApiBearerAuth()
@Controller('growing-areas')
export class GrowingAreasController {
  constructor(
    private readonly areas: GrowingAreasService,
    private readonly idempotency: IdempotencyService,
  ) {}

  @Post()
  @Roles('producer', 'admin')
  @AcceptsIdempotencyKey()
  @ApiOperation({ summary: 'Đăng ký vùng trồng / register a growing area (awaits an officer’s review)' })
  @ApiCreatedResponse({ type: GrowingAreaView })
  async register(
    @CurrentActor() actor: Actor,
    @Body() body: GrowingAreaInput,
    @IdempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<GrowingAreaView> {
    return answer(
      reply,
      await this.idempotency.run(actor, key, 'growing-area.register', body, (manager) =>
        this.areas.register(manager, actor, body),
      ),
    );
  }

  @Get()
  @ApiOperation({
    summary: 'Vùng trồng / growing areas the caller may see (own, or in the officer’s territory)',
  })
  @ApiOkResponse({ description: 'A page of growing areas, newest first' })
  list(@CurrentActor() actor: Actor, @Query() query: GrowingAreaListQuery): Promise<Page<GrowingAreaView>> {
    return this.areas.list(actor, query);
  }

  @Get(':growingAreaId')
  @ApiOkResponse({ type: GrowingAreaView })
  get(@CurrentActor() actor: Actor, @UuidParam('growingAreaId') id: string): Promise<GrowingAreaView> {
    return this.areas.get(actor, id);
  }

  @Put(':growingAreaId')
  @Roles('producer', 'admin')
  @ApiOperation({ summary: 'Sửa hồ sơ trước khi cấp mã / amend the registration before the code is issued' })
  @ApiOkResponse({ type: GrowingAreaView })
  amend(
    @CurrentActor() actor: Actor,
    @UuidParam('growingAreaId') id: string,
    @Body() body: GrowingAreaInput,
  ): Promise<GrowingAreaView> {
    return this.areas.amend(actor, id, body);
  }

  @Get(':growingAreaId/history')
  @ApiOkResponse({ type: SiteHistoryView, isArray: true })
  history(@CurrentActor() actor: Actor, @UuidParam('growingAreaId') id: string): Promise<SiteHistoryView[]> {
    return this.areas.history(actor, id);
  }

  @Post(':growingAreaId/export-codes')
  @Roles('officer', 'admin')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Ghi nhận mã vùng trồng xuất khẩu (PUC) / record an export code (PUC) as a reference',
  })
  @ApiOkResponse({ type: GrowingAreaView })
  addExportCode(
    @CurrentActor() actor: Actor,
    @UuidParam('growingAreaId') id: string,
    @Body() body: ExportCodeDto,
  ): Promise<GrowingAreaView> {
    return this.areas.addExportCode(actor, id, body);
  }

  @Post(':growingAreaId/:action')
  @Roles('officer', 'admin')
  @HttpCode(200)
  @ApiParam({ name: 'action', enum: REVIEW_ACTIONS })
  @ApiOperation({
    summary:
      'Cấp, từ chối, đình chỉ, cấp lại, hủy mã / issue, reject, suspend, re-issue or cancel the code (officer in territory)',
  })
  @ApiOkResponse({ type: GrowingAreaView })
  review(
    @CurrentActor() actor: Actor,
    @UuidParam('growingAreaId') id: string,
    @ReviewActionParam() action: ReviewAction,
    @Body() body: ReviewDto,
  ): Promise<GrowingAreaView> {
    return this.areas.review(actor, id, action, body.reason);
  }
}
