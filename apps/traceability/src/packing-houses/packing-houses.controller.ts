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
import { PackingHouseInput, PackingHouseListQuery, PackingHouseView } from './packing-house.dto';
import { PackingHousesService } from './packing-houses.service';

@ApiTags('packing-houses')
@ApiBearerAuth()
@Controller('packing-houses')
export class PackingHousesController extends SiteRoutes('packingHouseId', PackingHouseView, {
  exportCodeSummary:
    'Ghi nhận mã cơ sở đóng gói xuất khẩu (PHC) / record an export code (PHC) as a reference',
}) {
  constructor(
    readonly sites: PackingHousesService,
    private readonly idempotency: IdempotencyService,
  ) {
    super();
  }

  @Post()
  @Roles('producer', 'admin')
  @AcceptsIdempotencyKey()
  @ApiOperation({ summary: 'Đăng ký cơ sở đóng gói / register a packing house (awaits an officer’s review)' })
  @ApiCreatedResponse({ type: PackingHouseView })
  async register(
    @CurrentActor() actor: Actor,
    @Body() body: PackingHouseInput,
    @IdempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PackingHouseView> {
    return answer(
      reply,
      await this.idempotency.run(actor, key, 'packing-house.register', body, (manager) =>
        this.sites.register(manager, actor, body),
      ),
    );
  }

  @Get()
  @ApiOperation({
    summary: 'Cơ sở đóng gói / packing houses the caller may see (own, or in the officer’s territory)',
  })
  @ApiOkResponse({ description: 'A page of packing houses, newest first' })
  list(@CurrentActor() actor: Actor, @Query() query: PackingHouseListQuery): Promise<Page<PackingHouseView>> {
    return this.sites.list(actor, query);
  }

  @Put(':packingHouseId')
  @Roles('producer', 'admin')
  @ApiOperation({ summary: 'Sửa hồ sơ trước khi cấp mã / amend the registration before the code is issued' })
  @ApiOkResponse({ type: PackingHouseView })
  amend(
    @CurrentActor() actor: Actor,
    @UuidParam('packingHouseId') id: string,
    @Body() body: PackingHouseInput,
  ): Promise<PackingHouseView> {
    return this.sites.amend(actor, id, body);
  }
}
