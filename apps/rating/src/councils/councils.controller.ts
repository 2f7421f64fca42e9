import { Body, Controller, Delete, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@ocop/auth';
import { UuidParam } from '@ocop/service-kit';
import { CouncilMemberDto, LiftTieDto, RecordTieDto, TiesQuery } from './council.dto';
import { CouncilsService } from './councils.service';

@ApiTags('councils')
@ApiBearerAuth()
@Controller()
export class CouncilsController {
  constructor(private readonly councils: CouncilsService) {}

  @Get('rounds/:roundId/council')
  @Roles('admin', 'officer', 'council')
  members(@CurrentActor() actor: Actor, @UuidParam('roundId') roundId: string) {
    return this.councils.members(actor, roundId);
  }

  @Get('council/candidates')
  @Roles('admin', 'officer')
  @ApiOperation({
    summary:
      'Tài khoản có thể mời vào hội đồng (vai trò hội đồng, đang hoạt động) / Accounts that may be seated on a council',
  })
  candidates() {
    return this.councils.candidates();
  }

  @Put('rounds/:roundId/council/:accountId')
  @Roles('admin', 'officer')
  @ApiOperation({
    summary: 'Thêm/đổi vai trò thành viên hội đồng / Add a council member or change their role',
  })
  setMember(
    @CurrentActor() actor: Actor,
    @UuidParam('roundId') roundId: string,
    @UuidParam('accountId') accountId: string,
    @Body() dto: CouncilMemberDto,
  ) {
    return this.councils.setMember(actor, roundId, accountId, dto);
  }

  @Delete('rounds/:roundId/council/:accountId')
  @HttpCode(204)
  @Roles('admin', 'officer')
  removeMember(
    @CurrentActor() actor: Actor,
    @UuidParam('roundId') roundId: string,
    @UuidParam('accountId') accountId: string,
  ) {
    return this.councils.removeMember(actor, roundId, accountId);
  }

  @Post('council/ties')
  @Roles('admin', 'officer', 'council')
  @ApiOperation({
    summary:
      'Khai báo quan hệ với chủ thể (thành viên tự khai, hoặc cán bộ phụ trách địa bàn của chủ thể) / Record a tie to a producer (the member themself, or an officer covering the producer)',
  })
  recordTie(@CurrentActor() actor: Actor, @Body() dto: RecordTieDto) {
    return this.councils.recordTie(actor, dto);
  }

  @Get('council/ties')
  @Roles('admin', 'officer', 'council')
  ties(@CurrentActor() actor: Actor, @Query() query: TiesQuery) {
    return this.councils.ties(actor, query.accountId);
  }

  @Get('council/ties/history')
  @Roles('admin', 'officer', 'council')
  @ApiOperation({
    summary:
      'Nhật ký khai báo và gỡ quan hệ: ai, khi nào, vì sao / The ties’ trail: who recorded or lifted which tie, when and why',
  })
  tieHistory(@CurrentActor() actor: Actor, @Query() query: TiesQuery) {
    return this.councils.tieHistory(actor, query.accountId);
  }

  @Post('council/ties/:accountId/:producerId/lift')
  @HttpCode(204)
  @Roles('admin', 'officer')
  @ApiOperation({
    summary:
      'Gỡ khai báo quan hệ, nêu lý do (cán bộ phụ trách địa bàn của chủ thể) / Lift a tie, with the reason (officers covering the producer)',
  })
  liftTie(
    @CurrentActor() actor: Actor,
    @UuidParam('accountId') accountId: string,
    @UuidParam('producerId') producerId: string,
    @Body() dto: LiftTieDto,
  ) {
    return this.councils.liftTie(actor, accountId, producerId, dto);
  }
}
