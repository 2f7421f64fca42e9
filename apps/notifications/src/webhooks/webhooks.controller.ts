import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@ocop/auth';
import { PageQuery, UuidParam } from '@ocop/service-kit';
import { WEBHOOK_EVENT_TYPES } from '../workflows/workflow-registry';
import { CreateSubscriptionDto, UpdateSubscriptionDto } from './webhook.dto';
import { WebhooksService } from './webhooks.service';

@ApiTags('webhooks')
@ApiBearerAuth()
@Roles('retailer', 'admin')
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Get('event-types')
  @ApiOperation({ summary: 'Loại sự kiện có thể đăng ký / Event types a subscription may ask for' })
  eventTypes() {
    return { eventTypes: WEBHOOK_EVENT_TYPES };
  }

  @Post('subscriptions')
  @ApiOperation({
    summary:
      'Đăng ký webhook / Create a webhook subscription (the signing secret is shown in this answer only)',
  })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateSubscriptionDto) {
    return this.webhooks.create(actor, dto);
  }

  @Get('subscriptions')
  list(@CurrentActor() actor: Actor, @Query() query: PageQuery) {
    return this.webhooks.list(actor, query);
  }

  @Get('subscriptions/:subscriptionId')
  get(@CurrentActor() actor: Actor, @UuidParam('subscriptionId') id: string) {
    return this.webhooks.get(actor, id);
  }

  @Patch('subscriptions/:subscriptionId')
  update(
    @CurrentActor() actor: Actor,
    @UuidParam('subscriptionId') id: string,
    @Body() dto: UpdateSubscriptionDto,
  ) {
    return this.webhooks.update(actor, id, dto);
  }

  @Delete('subscriptions/:subscriptionId')
  @HttpCode(204)
  async remove(@CurrentActor() actor: Actor, @UuidParam('subscriptionId') id: string): Promise<void> {
    await this.webhooks.remove(actor, id);
  }

  @Get('subscriptions/:subscriptionId/deliveries')
  @ApiOperation({ summary: 'Nhật ký gửi / Delivery log of a subscription' })
  deliveries(
    @CurrentActor() actor: Actor,
    @UuidParam('subscriptionId') id: string,
    @Query() query: PageQuery,
  ) {
    return this.webhooks.deliveries(actor, id, query);
  }

  @Post('subscriptions/:subscriptionId/deliveries/:deliveryId/replay')
  @HttpCode(202)
  @ApiOperation({ summary: 'Gửi lại / Send a delivery again' })
  replay(
    @CurrentActor() actor: Actor,
    @UuidParam('subscriptionId') id: string,
    @UuidParam('deliveryId') deliveryId: string,
  ) {
    return this.webhooks.replay(actor, id, deliveryId);
  }
}
