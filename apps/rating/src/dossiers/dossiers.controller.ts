import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@ocop/auth';
import type { FastifyReply } from 'fastify';
import { sendDocument, UuidParam } from '@ocop/service-kit';
import { ApproveResultsDto } from '../rounds/dto/round.dto';
import { AttachmentsService } from './attachments.service';
import { DossiersService } from './dossiers.service';
import {
  AcceptDossierDto,
  CreateDossierDto,
  DossierListQuery,
  IntakeDto,
  ReasonDto,
  ReturnDossierDto,
  UpdateDossierDto,
} from './dto/dossier.dto';

@ApiTags('dossiers')
@ApiBearerAuth()
@Controller()
export class DossiersController {
  constructor(
    private readonly dossiers: DossiersService,
    private readonly attachments: AttachmentsService,
  ) {}

  @Post('rounds/:roundId/dossiers')
  @Roles('producer', 'officer', 'admin')
  @ApiOperation({ summary: 'Đăng ký sản phẩm vào đợt đánh giá / Apply for a product in a round' })
  create(@CurrentActor() actor: Actor, @UuidParam('roundId') roundId: string, @Body() dto: CreateDossierDto) {
    return this.dossiers.create(actor, roundId, dto);
  }

  @Post('rounds/:roundId/intake')
  @Roles('officer', 'admin')
  @ApiOperation({
    summary: 'Nhận sản phẩm cấp dưới chuyển lên / Take in products forwarded by the level below',
  })
  intake(@CurrentActor() actor: Actor, @UuidParam('roundId') roundId: string, @Body() dto: IntakeDto) {
    return this.dossiers.intake(actor, roundId, dto);
  }

  @Post('rounds/:roundId/propose')
  @HttpCode(200)
  @Roles('officer', 'admin')
  @ApiOperation({
    summary:
      'Cấp xã đề xuất các hồ sơ đã kiểm tra lên tỉnh (QĐ 1489, không chấm điểm) / A review-only level proposes its checked dossiers to the province',
  })
  propose(
    @CurrentActor() actor: Actor,
    @UuidParam('roundId') roundId: string,
    @Body() dto: ApproveResultsDto,
  ) {
    return this.dossiers.propose(actor, roundId, dto);
  }

  @Get('dossiers')
  list(@CurrentActor() actor: Actor, @Query() query: DossierListQuery) {
    return this.dossiers.list(actor, query);
  }

  @Get('dossiers/:dossierId')
  get(@CurrentActor() actor: Actor, @UuidParam('dossierId') dossierId: string) {
    return this.dossiers.get(actor, dossierId);
  }

  @Get('dossiers/:dossierId/history')
  history(@CurrentActor() actor: Actor, @UuidParam('dossierId') dossierId: string) {
    return this.dossiers.history(actor, dossierId);
  }

  @Patch('dossiers/:dossierId')
  @Roles('producer', 'officer', 'admin')
  update(
    @CurrentActor() actor: Actor,
    @UuidParam('dossierId') dossierId: string,
    @Body() dto: UpdateDossierDto,
  ) {
    return this.dossiers.update(actor, dossierId, dto);
  }

  @Post('dossiers/:dossierId/submit')
  @HttpCode(200)
  @Roles('producer', 'officer', 'admin')
  @ApiOperation({ summary: 'Nộp (hoặc nộp lại) hồ sơ / Submit or resubmit the dossier' })
  submit(@CurrentActor() actor: Actor, @UuidParam('dossierId') dossierId: string) {
    return this.dossiers.submit(actor, dossierId);
  }

  @Post('dossiers/:dossierId/return')
  @HttpCode(200)
  @Roles('officer', 'admin')
  @ApiOperation({ summary: 'Trả hồ sơ kèm ý kiến / Return the dossier with comments' })
  return(
    @CurrentActor() actor: Actor,
    @UuidParam('dossierId') dossierId: string,
    @Body() dto: ReturnDossierDto,
  ) {
    return this.dossiers.return(actor, dossierId, dto);
  }

  @Post('dossiers/:dossierId/accept')
  @HttpCode(200)
  @Roles('officer', 'admin')
  @ApiOperation({ summary: 'Xác nhận hồ sơ đầy đủ / Accept the dossier as complete' })
  accept(
    @CurrentActor() actor: Actor,
    @UuidParam('dossierId') dossierId: string,
    @Body() dto: AcceptDossierDto,
  ) {
    return this.dossiers.accept(actor, dossierId, dto);
  }

  @Post('dossiers/:dossierId/reject')
  @HttpCode(200)
  @Roles('officer', 'admin')
  reject(@CurrentActor() actor: Actor, @UuidParam('dossierId') dossierId: string, @Body() dto: ReasonDto) {
    return this.dossiers.reject(actor, dossierId, dto);
  }

  @Post('dossiers/:dossierId/withdraw')
  @HttpCode(200)
  @Roles('producer', 'officer', 'admin')
  withdraw(@CurrentActor() actor: Actor, @UuidParam('dossierId') dossierId: string) {
    return this.dossiers.withdraw(actor, dossierId);
  }

  @Post('dossiers/:dossierId/attachments/:itemCode')
  @Roles('producer', 'officer', 'admin')
  @ApiConsumes('application/pdf', 'image/png', 'image/jpeg')
  @ApiQuery({ name: 'fileName', required: false })
  @ApiOperation({
    summary: 'Nộp tài liệu cho một mục hồ sơ (thân yêu cầu là tệp) / File a document (the body is the file)',
  })
  upload(
    @CurrentActor() actor: Actor,
    @UuidParam('dossierId') dossierId: string,
    @Param('itemCode') itemCode: string,
    @Headers('content-type') contentType: string | undefined,
    @Query('fileName') fileName: string | undefined,
    @Body() content: Buffer,
  ) {
    return this.attachments.upload(actor, dossierId, itemCode, contentType, fileName, content);
  }

  @Get('dossiers/:dossierId/attachments/:attachmentId')
  async download(
    @CurrentActor() actor: Actor,
    @UuidParam('dossierId') dossierId: string,
    @UuidParam('attachmentId') attachmentId: string,
    @Res() reply: FastifyReply,
  ) {
    await sendDocument(reply, await this.attachments.download(actor, dossierId, attachmentId));
  }

  @Delete('dossiers/:dossierId/attachments/:attachmentId')
  @HttpCode(204)
  @Roles('producer', 'officer', 'admin')
  remove(
    @CurrentActor() actor: Actor,
    @UuidParam('dossierId') dossierId: string,
    @UuidParam('attachmentId') attachmentId: string,
  ) {
    return this.attachments.remove(actor, dossierId, attachmentId);
  }
}
