import { Body, Controller, Delete, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@ocop/auth';
import { UuidParam } from '@ocop/service-kit';
import { CouncilMemberDto, DeclareTieDto, TiesQuery } from './council.dto';
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
  @ApiOperation({ summary: 'Khai báo quan hệ với chủ thể / Declare a tie to a producer' })
  declareTie(@CurrentActor() actor: Actor, @Body() dto: DeclareTieDto) {
    return this.councils.declareTie(actor, dto);
  }

  @Get('council/ties')
  @Roles('admin', 'officer', 'council')
  ties(@CurrentActor() actor: Actor, @Query() query: TiesQuery) {
    return this.councils.ties(actor, query.accountId);
  }

  @Delete('council/ties/:accountId/:producerId')
  @HttpCode(204)
  @Roles('admin', 'officer')
  removeTie(
    @CurrentActor() actor: Actor,
    @UuidParam('accountId') accountId: string,
    @UuidParam('producerId') producerId: string,
  ) {
    return this.councils.removeTie(actor, accountId, producerId);
  }
}
