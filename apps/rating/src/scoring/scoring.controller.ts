import { Body, Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@ocop/auth';
import { UuidParam } from '@ocop/service-kit';
import { ApproveResultsDto } from '../rounds/dto/round.dto';
import { AmendResultDto, ScoresheetDto, ScoresheetNoteDto } from './scoring.dto';
import { ScoringService } from './scoring.service';

@ApiTags('scoring')
@ApiBearerAuth()
@Controller()
export class ScoringController {
  constructor(private readonly scoring: ScoringService) {}

  @Get('dossiers/:dossierId/scoresheets')
  @Roles('council', 'officer', 'admin')
  @ApiOperation({
    summary:
      'Phiếu chấm: trước khi chốt, mỗi thành viên chỉ thấy phiếu của mình / Scoresheets: before finalisation, members see only their own',
  })
  sheets(@CurrentActor() actor: Actor, @UuidParam('dossierId') dossierId: string) {
    return this.scoring.sheets(actor, dossierId);
  }

  @Put('dossiers/:dossierId/scoresheets/mine')
  @Roles('council')
  @ApiOperation({ summary: 'Lưu phiếu chấm của tôi (nháp) / Save my scoresheet (draft)' })
  save(@CurrentActor() actor: Actor, @UuidParam('dossierId') dossierId: string, @Body() dto: ScoresheetDto) {
    return this.scoring.saveMine(actor, dossierId, dto.choices, false);
  }

  @Post('dossiers/:dossierId/scoresheets/mine/submit')
  @HttpCode(200)
  @Roles('council')
  @ApiOperation({ summary: 'Nộp phiếu chấm của tôi / Submit my scoresheet' })
  submit(
    @CurrentActor() actor: Actor,
    @UuidParam('dossierId') dossierId: string,
    @Body() dto: ScoresheetDto,
  ) {
    return this.scoring.saveMine(actor, dossierId, dto.choices, true);
  }

  @Post('dossiers/:dossierId/scoresheets/mine/note')
  @HttpCode(200)
  @Roles('council')
  @ApiOperation({
    summary:
      'Giải trình phiếu chấm đã nộp (bắt buộc khi phiếu lệch xa các phiếu khác) / Explain a submitted scoresheet (required when it is far apart from the others)',
  })
  note(
    @CurrentActor() actor: Actor,
    @UuidParam('dossierId') dossierId: string,
    @Body() dto: ScoresheetNoteDto,
  ) {
    return this.scoring.noteMine(actor, dossierId, dto.note);
  }

  @Post('dossiers/:dossierId/result/finalise')
  @HttpCode(200)
  @Roles('council', 'admin')
  @ApiOperation({ summary: 'Chủ tịch hội đồng chốt kết quả / The chair finalises the result' })
  finalise(@CurrentActor() actor: Actor, @UuidParam('dossierId') dossierId: string) {
    return this.scoring.finalise(actor, dossierId);
  }

  @Get('dossiers/:dossierId/result')
  result(@CurrentActor() actor: Actor, @UuidParam('dossierId') dossierId: string) {
    return this.scoring.result(actor, dossierId);
  }

  @Post('dossiers/:dossierId/result/amendments')
  @Roles('officer', 'admin')
  @ApiOperation({
    summary: 'Sửa đổi kết quả đã phê duyệt bằng quyết định mới / Amend an approved result by a new decision',
  })
  amend(
    @CurrentActor() actor: Actor,
    @UuidParam('dossierId') dossierId: string,
    @Body() dto: AmendResultDto,
  ) {
    return this.scoring.amend(actor, dossierId, dto);
  }

  @Post('rounds/:roundId/approve-results')
  @HttpCode(200)
  @Roles('officer', 'admin')
  @ApiOperation({
    summary: 'Phê duyệt kết quả của đợt, cấp giấy chứng nhận / Approve the round’s results and certify',
  })
  approve(
    @CurrentActor() actor: Actor,
    @UuidParam('roundId') roundId: string,
    @Body() dto: ApproveResultsDto,
  ) {
    return this.scoring.approveRound(actor, roundId, dto);
  }
}
