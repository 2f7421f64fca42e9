import { Controller, Get, Header } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '@ocop/auth';
import { UuidParam } from '@ocop/service-kit';
import { ChainExportService } from './chain-export.service';

@ApiTags('epcis')
@ApiBearerAuth()
@Controller('batches/:batchId/epcis')
export class ChainExportController {
  constructor(private readonly chains: ChainExportService) {}

  @Get()
  @Header('content-type', 'application/ld+json')
  @ApiOperation({
    summary:
      'Chuỗi truy xuất của lô (EPCIS 2.0) / the batch’s chain, one step back and one step forward, as an EPCIS document',
  })
  @ApiOkResponse({ description: 'An EPCISDocument' })
  export(
    @CurrentActor() actor: Actor,
    @UuidParam('batchId') batchId: string,
  ): Promise<Record<string, unknown>> {
    return this.chains.export(actor, batchId);
  }
}
