import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@ocop/auth';
import { UuidParam } from '@ocop/service-kit';
import { CreateRoundDto, RoundListQuery } from './dto/round.dto';
import { RoundsService } from './rounds.service';

@ApiTags('rounds')
@ApiBearerAuth()
@Controller('rounds')
export class RoundsController {
  constructor(private readonly rounds: RoundsService) {}

  @Post()
  @Roles('admin', 'officer')
  @ApiOperation({ summary: 'Mở đợt đánh giá / Open an evaluation round' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateRoundDto) {
    return this.rounds.create(actor, dto);
  }

  @Get()
  @ApiOperation({ summary: 'Các đợt đánh giá được xem / Rounds the caller may see' })
  list(@CurrentActor() actor: Actor, @Query() query: RoundListQuery) {
    return this.rounds.list(actor, query);
  }

  @Get(':roundId')
  get(@CurrentActor() actor: Actor, @UuidParam('roundId') roundId: string) {
    return this.rounds.get(actor, roundId);
  }

  @Post(':roundId/start-scoring')
  @HttpCode(200)
  @Roles('admin', 'officer')
  @ApiOperation({
    summary: 'Kết thúc nhận hồ sơ, bắt đầu chấm điểm / Stop receiving dossiers, start scoring',
  })
  startScoring(@CurrentActor() actor: Actor, @UuidParam('roundId') roundId: string) {
    return this.rounds.startScoring(actor, roundId);
  }

  @Post(':roundId/close')
  @HttpCode(200)
  @Roles('admin', 'officer')
  @ApiOperation({ summary: 'Đóng đợt đánh giá / Close the round' })
  close(@CurrentActor() actor: Actor, @UuidParam('roundId') roundId: string) {
    return this.rounds.close(actor, roundId);
  }
}
