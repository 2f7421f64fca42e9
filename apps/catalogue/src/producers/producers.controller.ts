import { Body, Controller, Get, HttpCode, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@ocop/auth';
import type { FastifyReply } from 'fastify';
import {
  AcceptsIdempotencyKey,
  answer,
  IdempotencyKey,
  IdempotencyService,
  UuidParam,
} from '@ocop/service-kit';
import { CreateProducerDto, StatusReasonDto, UpdateProducerDto, VerifyProducerDto } from './dto/producer.dto';
import { ProducerListQuery } from './dto/producer-list.query';
import { ProducerPage, ProducerView } from './producer-views';
import { ProducersService } from './producers.service';

@ApiTags('producers')
@ApiBearerAuth()
@Controller('producers')
export class ProducersController {
  constructor(
    private readonly producers: ProducersService,
    private readonly idempotency: IdempotencyService,
  ) {}

  @Post()
  @Roles('admin', 'officer', 'producer')
  @AcceptsIdempotencyKey()
  @ApiOperation({
    summary: 'Đăng ký chủ thể / register a producer',
    description:
      'Tài khoản chủ thể tự đăng ký (theo producerId của tài khoản); cán bộ đăng ký chủ thể trong địa bàn / a producer account registers itself; officers register producers of their territory. Status starts as pending.',
  })
  @ApiCreatedResponse({ type: ProducerView })
  async register(
    @CurrentActor() actor: Actor,
    @Body() dto: CreateProducerDto,
    @IdempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ProducerView> {
    return answer(
      reply,
      await this.idempotency.run(actor, key, 'POST /producers', dto, (manager) =>
        this.producers.register(actor, dto, manager),
      ),
    );
  }

  @Get()
  @ApiOperation({
    summary: 'Danh sách chủ thể / list producers',
    description:
      'Quản trị: tất cả; cán bộ, hội đồng: trong địa bàn; chủ thể: của mình / admin: all; staff: their territory; producer: its own',
  })
  @ApiOkResponse({ type: ProducerPage })
  list(@CurrentActor() actor: Actor, @Query() query: ProducerListQuery) {
    return this.producers.list(actor, query);
  }

  @Get(':producerId')
  @ApiOkResponse({ type: ProducerView })
  get(@CurrentActor() actor: Actor, @UuidParam('producerId') id: string) {
    return this.producers.get(actor, id);
  }

  @Patch(':producerId')
  @ApiOperation({
    summary: 'Sửa thông tin chủ thể / update a producer',
    description:
      'Trạng thái không sửa ở đây. Chủ thể đã xác minh đổi tên, loại hình, mã số thuế, người đại diện hoặc địa chỉ thì chờ cán bộ xác minh lại (pendingChange) / status is not changed here. Once verified, a change of names, type, tax code, legal representative or address waits for an officer (pendingChange) while the public keeps the verified values',
  })
  @ApiOkResponse({ type: ProducerView })
  update(@CurrentActor() actor: Actor, @UuidParam('producerId') id: string, @Body() dto: UpdateProducerDto) {
    return this.producers.update(actor, id, dto);
  }

  @Post(':producerId/verify')
  @HttpCode(200)
  @Roles('admin', 'officer')
  @ApiOperation({
    summary: 'Xác minh chủ thể / verify a producer (officers in territory)',
    description:
      'Cũng là cách chấp nhận thay đổi danh tính đang chờ / also accepts a waiting identity change, which then becomes public',
  })
  @ApiOkResponse({ type: ProducerView })
  verify(@CurrentActor() actor: Actor, @UuidParam('producerId') id: string, @Body() dto: VerifyProducerDto) {
    return this.producers.verify(actor, id, dto.note);
  }

  @Post(':producerId/reject-change')
  @HttpCode(200)
  @Roles('admin', 'officer')
  @ApiOperation({
    summary: 'Từ chối thay đổi danh tính / reject a producer’s identity change (officers in territory)',
    description:
      'Chủ thể giữ thông tin đã xác minh; muốn nhận thay đổi thì dùng verify / the producer keeps its verified identity; to accept the change, verify',
  })
  @ApiOkResponse({ type: ProducerView })
  rejectChange(
    @CurrentActor() actor: Actor,
    @UuidParam('producerId') id: string,
    @Body() dto: StatusReasonDto,
  ) {
    return this.producers.rejectChange(actor, id, dto.reason);
  }

  @Post(':producerId/suspend')
  @HttpCode(200)
  @Roles('admin', 'officer')
  @ApiOperation({ summary: 'Tạm ngưng chủ thể / suspend a producer (officers in territory)' })
  @ApiOkResponse({ type: ProducerView })
  suspend(@CurrentActor() actor: Actor, @UuidParam('producerId') id: string, @Body() dto: StatusReasonDto) {
    return this.producers.suspend(actor, id, dto.reason);
  }
}
