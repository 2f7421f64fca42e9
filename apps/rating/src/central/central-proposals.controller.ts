import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@ocop/auth';
import { UuidParam, contentDisposition } from '@ocop/service-kit';
import type { FastifyReply } from 'fastify';
import { CentralProposalQuery, MinistryDecisionDto } from './central.dto';
import { CentralProposalsService } from './central-proposals.service';

@ApiTags('central-proposals')
@ApiBearerAuth()
@Controller('central-proposals')
export class CentralProposalsController {
  constructor(private readonly proposals: CentralProposalsService) {}

  @Get()
  @Roles('officer', 'admin')
  @ApiOperation({
    summary:
      'Sản phẩm tỉnh đề xuất Bộ đánh giá 5 sao / Products the province proposes to the ministry for 5★',
  })
  list(@CurrentActor() actor: Actor, @Query() query: CentralProposalQuery) {
    return this.proposals.list(actor, query);
  }

  @Get(':resultId')
  @Roles('officer', 'admin')
  get(@CurrentActor() actor: Actor, @UuidParam('resultId') resultId: string) {
    return this.proposals.get(actor, resultId);
  }

  @Get(':resultId/package.pdf')
  @Roles('officer', 'admin')
  @ApiOperation({
    summary: 'Hồ sơ đề xuất (PDF: tóm tắt và phiếu chấm) / Proposal package (PDF: summary and scoresheets)',
  })
  async pdf(
    @CurrentActor() actor: Actor,
    @UuidParam('resultId') resultId: string,
    @Res() reply: FastifyReply,
  ) {
    const { fileName, pdf } = await this.proposals.packagePdf(actor, resultId);
    await reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', contentDisposition('attachment', fileName))
      .header('cache-control', 'private, no-store')
      .send(pdf);
  }

  @Get(':resultId/package.zip')
  @Roles('officer', 'admin')
  @ApiOperation({
    summary:
      'Hồ sơ đề xuất đầy đủ (ZIP: PDF và tài liệu minh chứng) / Full proposal package (ZIP: PDF and evidence files)',
  })
  async zip(
    @CurrentActor() actor: Actor,
    @UuidParam('resultId') resultId: string,
    @Res() reply: FastifyReply,
  ) {
    const { fileName, zip } = await this.proposals.packageZip(actor, resultId);
    await reply
      .header('content-type', 'application/zip')
      .header('content-disposition', contentDisposition('attachment', fileName))
      .header('cache-control', 'private, no-store')
      .send(zip);
  }

  @Post(':resultId/ministry-decision')
  @Roles('officer', 'admin')
  @ApiOperation({
    summary:
      'Ghi nhận quyết định của Bộ (số, ngày, hạng sao) và cấp/giữ giấy chứng nhận / Record the ministry’s decision and issue or keep the certificate',
  })
  record(
    @CurrentActor() actor: Actor,
    @UuidParam('resultId') resultId: string,
    @Body() dto: MinistryDecisionDto,
  ) {
    return this.proposals.recordDecision(actor, resultId, dto);
  }
}
