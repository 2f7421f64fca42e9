import { Controller, Get, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '@ocop/auth';
import { UuidParam } from '@ocop/service-kit';
import type { FastifyReply } from 'fastify';
import { ChainExportService } from './chain-export.service';

@ApiTags('epcis')
@ApiBearerAuth()
@Controller('batches/:batchId/epcis')
export class ChainExportController {
  constructor(private readonly chains: ChainExportService) {}

  @Get()
  @ApiOperation({
    summary:
      'Chuỗi truy xuất của lô (EPCIS 2.0) / the batch’s chain, one step back and one step forward, as an EPCIS document with every event, streamed',
  })
  @ApiProduces('application/ld+json')
  @ApiOkResponse({ description: 'An EPCISDocument' })
  async export(
    @CurrentActor() actor: Actor,
    @UuidParam('batchId') batchId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const document = await this.chains.export(actor, batchId);
    void reply.type('application/ld+json').send(document);
  }
}
