import { Body, Controller, Get, Headers, HttpCode, Options, Post, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiBody,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@ocop/auth';
import { Public, UuidParam } from '@ocop/service-kit';
import type { FastifyReply } from 'fastify';
import { bilingual, invalidField } from '../../common/bilingual';
import { TraceabilityConfig } from '../../config';
import { epcisHeaders } from '../epcis-headers';
import { CaptureErrorBehaviour, CaptureJobView } from './capture.dto';
import { CaptureService } from './capture.service';

const ERROR_BEHAVIOURS: readonly CaptureErrorBehaviour[] = ['rollback', 'proceed'];

@ApiTags('epcis')
@Controller('capture')
export class CaptureController {
  constructor(
    private readonly capture: CaptureService,
    private readonly config: TraceabilityConfig,
  ) {}

  @Public()
  @Options()
  @HttpCode(204)
  @ApiOperation({
    summary: 'Giới hạn ghi nhận / capture settings (GS1-EPCIS-Capture-Limit, …-File-Size-Limit)',
  })
  settings(@Res({ passthrough: true }) reply: FastifyReply): void {
    epcisHeaders(reply, this.config, true);
  }

  @Post()
  @Roles('producer', 'admin')
  @ApiBearerAuth()
  @HttpCode(202)
  @ApiHeader({ name: 'GS1-Capture-Error-Behaviour', required: false, enum: ERROR_BEHAVIOURS })
  @ApiBody({ description: 'EPCIS 2.0 document (JSON-LD), application/ld+json or application/json' })
  @ApiOperation({
    summary:
      'Ghi nhận tài liệu EPCIS 2.0 / capture an EPCIS 2.0 document: 202 and a job to follow (all or nothing by default)',
  })
  @ApiAcceptedResponse({ type: CaptureJobView, headers: { Location: { description: 'The capture job' } } })
  async accept(
    @CurrentActor() actor: Actor,
    @Body() document: Record<string, unknown>,
    @Headers('gs1-capture-error-behaviour') behaviour: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CaptureJobView> {
    const chosen = (behaviour ?? 'rollback').trim().toLowerCase() as CaptureErrorBehaviour;
    if (!ERROR_BEHAVIOURS.includes(chosen)) {
      throw invalidField(
        'GS1-Capture-Error-Behaviour',
        bilingual('rollback hoặc proceed', 'rollback or proceed'),
      );
    }
    epcisHeaders(reply, this.config, true);
    const job = await this.capture.accept(actor, document, chosen);
    void reply.header('location', `/capture/${job.captureID}`);
    return job;
  }

  @Get(':captureId')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Trạng thái lần ghi / capture job status, with the errors naming event and field',
  })
  @ApiOkResponse({ type: CaptureJobView })
  status(
    @CurrentActor() actor: Actor,
    @UuidParam('captureId') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CaptureJobView> {
    epcisHeaders(reply, this.config, true);
    return this.capture.status(actor, id);
  }
}
