import { Body, Controller, Get, Post, Put, Query, Res } from '@nestjs/common';
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
import { SiteRoutes } from '../site-codes/site-routes';
import { GrowingAreaInput, GrowingAreaListQuery, GrowingAreaView } from './growing-area.dto';
import { GrowingAreasService } from './growing-areas.service';

@ApiTags('growing-areas')
@ApiBearerAuth()
@Controller('growing-areas')
export class GrowingAreasController extends SiteRoutes('growingAreaId', GrowingAreaView, {
  exportCodeSummary: 'Ghi nhận mã vùng trồng xuất khẩu (PUC) / record an export code (PUC) as a reference',
}) {
  constructor(
    readonly sites: GrowingAreasService,
    private readonly idempotency: IdempotencyService,
  ) {
    super();
  }

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
        this.sites.register(manager, actor, body),
      ),
    );
  }

  @Get()
  @ApiOperation({
    summary: 'Vùng trồng / growing areas the caller may see (own, or in the officer’s territory)',
  })
  @ApiOkResponse({ description: 'A page of growing areas, newest first' })
  list(@CurrentActor() actor: Actor, @Query() query: GrowingAreaListQuery): Promise<Page<GrowingAreaView>> {
    return this.sites.list(actor, query);
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
    return this.sites.amend(actor, id, body);
  }
}
