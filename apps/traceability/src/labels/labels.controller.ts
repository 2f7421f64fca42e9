import { Body, Controller, Get, HttpCode, Logger, Post, Query, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@ocop/auth';
import { DomainError } from '@ocop/contracts';
import type { FastifyReply } from 'fastify';
import { PassThrough } from 'node:stream';
import { bilingual } from '../common/bilingual';
import { UuidParam } from '@ocop/service-kit';
import { TraceabilityConfig } from '../config';
import { LabelJobView, LabelRequestDto } from './labels.dto';
import { CONTENT_TYPES, LabelsService } from './labels.service';

@ApiTags('labels')
@ApiBearerAuth()
@Roles('producer', 'admin')
@Controller()
export class LabelsController {
  private readonly logger = new Logger(LabelsController.name);

  constructor(
    private readonly labels: LabelsService,
    private readonly config: TraceabilityConfig,
  ) {}

  @Get('batches/:batchId/labels')
  @ApiProduces('application/pdf', 'text/plain', 'text/csv')
  @ApiOperation({
    summary:
      'Tải tem ngay (tối đa LABEL_SYNC_MAX) / download labels now, streamed as they are made (larger runs: label jobs)',
  })
  async download(
    @CurrentActor() actor: Actor,
    @UuidParam('batchId') batchId: string,
    @Query() query: LabelRequestDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const plan = await this.labels.plan(actor, batchId, query);
    if (plan.total > this.config.LABEL_SYNC_MAX) {
      throw new DomainError(
        'label-run-too-large',
        413,
        bilingual('Quá nhiều tem để tải ngay', 'Too many labels for a direct download'),
        bilingual(
          `${plan.total} tem vượt quá ${this.config.LABEL_SYNC_MAX}: hãy tạo lệnh in (POST /batches/${batchId}/label-jobs)`,
          `${plan.total} labels exceed ${this.config.LABEL_SYNC_MAX}: start a label job (POST /batches/${batchId}/label-jobs)`,
        ),
        { total: plan.total, limit: this.config.LABEL_SYNC_MAX },
      );
    }
    const body = new PassThrough();
    void reply
      .header('content-type', CONTENT_TYPES[query.format])
      .header(
        'content-disposition',
        `attachment; filename="labels-${plan.batch.lot.replace(/[^A-Za-z0-9._-]/g, '_')}.${query.format}"`,
      )
      .header('x-label-count', String(plan.total))
      .send(body);
    // The response is under way: a failure now can only cut it short (the client sees a truncated file).
    this.labels
      .write(plan, body, async () => undefined)
      .catch((err: unknown) => {
        this.logger.error({ err, batchId }, 'label stream failed');
        body.destroy(err instanceof Error ? err : new Error(String(err)));
      });
  }

  @Post('batches/:batchId/label-jobs')
  @HttpCode(202)
  @ApiOperation({ summary: 'Lệnh in tem chạy nền / start a background label job (any size), with progress' })
  @ApiAcceptedResponse({ type: LabelJobView, headers: { Location: { description: 'The job’s status URL' } } })
  async startJob(
    @CurrentActor() actor: Actor,
    @UuidParam('batchId') batchId: string,
    @Body() body: LabelRequestDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LabelJobView> {
    const job = await this.labels.startJob(actor, batchId, body);
    void reply.header('location', `/label-jobs/${job.jobId}`);
    return job;
  }

  @Get('label-jobs/:jobId')
  @ApiOkResponse({ type: LabelJobView, description: 'Status and progress (done / total)' })
  job(@CurrentActor() actor: Actor, @UuidParam('jobId') jobId: string): Promise<LabelJobView> {
    return this.labels.job(actor, jobId);
  }

  @Get('label-jobs/:jobId/output')
  @ApiProduces('application/pdf', 'text/plain', 'text/csv')
  @ApiOperation({ summary: 'Tải tệp tem / download the job’s file, streamed' })
  async output(
    @CurrentActor() actor: Actor,
    @UuidParam('jobId') jobId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { stream, contentType, fileName } = await this.labels.output(actor, jobId);
    await reply
      .header('content-type', contentType)
      .header('content-disposition', `attachment; filename="${fileName}"`)
      .send(stream);
  }
}
