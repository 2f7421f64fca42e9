import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '@ocop/auth';
import { UuidParam } from '@ocop/service-kit';
import { BatchView } from '../batches/batch.dto';
import { BatchesService } from '../batches/batches.service';
import { SerialsService } from '../serials/serials.service';
import { qrPng, qrSvg } from './qr-images';
import { QrQuery } from './qr.dto';

@ApiTags('qr')
@ApiBearerAuth()
@Controller('batches/:batchId')
export class QrController {
  constructor(
    private readonly batches: BatchesService,
    private readonly serials: SerialsService,
  ) {}

  @Get('qr.svg')
  @Header('content-type', 'image/svg+xml; charset=utf-8')
  @ApiProduces('image/svg+xml')
  @ApiOperation({ summary: 'Mã QR của lô (SVG) / QR code of the batch-level Digital Link' })
  async batchSvg(
    @CurrentActor() actor: Actor,
    @UuidParam('batchId') id: string,
    @Query() q: QrQuery,
  ): Promise<string> {
    return qrSvg((await this.printable(actor, id)).digitalLink, q);
  }

  @Get('qr.png')
  @Header('content-type', 'image/png')
  @ApiProduces('image/png')
  @ApiOperation({ summary: 'Mã QR của lô (PNG) / QR code of the batch-level Digital Link' })
  async batchPng(
    @CurrentActor() actor: Actor,
    @UuidParam('batchId') id: string,
    @Query() q: QrQuery,
  ): Promise<Buffer> {
    return qrPng((await this.printable(actor, id)).digitalLink, q);
  }

  @Get('units/:serial/qr.svg')
  @Header('content-type', 'image/svg+xml; charset=utf-8')
  @ApiProduces('image/svg+xml')
  @ApiOperation({ summary: 'Mã QR của một đơn vị (SVG) / QR code of a serialised unit' })
  async unitSvg(
    @CurrentActor() actor: Actor,
    @UuidParam('batchId') id: string,
    @Param('serial') serial: string,
    @Query() q: QrQuery,
  ): Promise<string> {
    await this.printable(actor, id);
    return qrSvg((await this.serials.get(actor, id, serial)).digitalLink, q);
  }

  @Get('units/:serial/qr.png')
  @Header('content-type', 'image/png')
  @ApiProduces('image/png')
  @ApiOperation({ summary: 'Mã QR của một đơn vị (PNG) / QR code of a serialised unit' })
  async unitPng(
    @CurrentActor() actor: Actor,
    @UuidParam('batchId') id: string,
    @Param('serial') serial: string,
    @Query() q: QrQuery,
  ): Promise<Buffer> {
    await this.printable(actor, id);
    return qrPng((await this.serials.get(actor, id, serial)).digitalLink, q);
  }

  /** A QR code is a label: none for a suspended producer or a product no longer on sale (labellingRefusal). */
  private async printable(actor: Actor, batchId: string): Promise<BatchView> {
    const batch = await this.batches.get(actor, batchId);
    await this.batches.assertMayLabel(batch);
    return batch;
  }
}
