import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@ocop/auth';
import { DomainError } from '@ocop/contracts';
import type { FastifyReply } from 'fastify';
import { bilingual } from '../common/validation';
import {
  AcceptsIdempotencyKey,
  answer,
  IdempotencyKey,
  IdempotencyService,
  uploadStream,
} from '@ocop/service-kit';
import type { Readable } from 'node:stream';
import { CatalogueExportService } from './catalogue-export.service';
import { CatalogueImportService, ImportReport } from './catalogue-import.service';
import { ExportQuery } from './dto/export.query';

/** The file as it arrives (service.ts makes these routes stream text/csv and text/plain). */
function csvBody(body: unknown): Readable {
  const stream = uploadStream(body);
  if (!stream) {
    throw new DomainError(
      'unsupported-media-type',
      415,
      bilingual('Cần tệp CSV', 'A CSV file is expected'),
      bilingual('Gửi nội dung tệp với Content-Type: text/csv', 'Send the file with Content-Type: text/csv'),
    );
  }
  return stream;
}

const CSV_BODY = { schema: { type: 'string', example: 'tên chủ thể,loại chủ thể,mã số thuế,...' } };

@ApiTags('import and export')
@ApiBearerAuth()
@Controller()
export class ImportExportController {
  constructor(
    private readonly imports: CatalogueImportService,
    private readonly exports: CatalogueExportService,
    private readonly idempotency: IdempotencyService,
  ) {}

  @Post('imports/producers/dry-run')
  @HttpCode(200)
  @Roles('admin', 'officer')
  @ApiConsumes('text/csv')
  @ApiBody(CSV_BODY)
  @ApiOperation({
    summary: 'Kiểm tra tệp chủ thể, không lưu / check a producers file, store nothing',
    description: 'Báo mọi dòng lỗi kèm lý do / reports every bad row with the reason',
  })
  async checkProducers(@CurrentActor() actor: Actor, @Body() body: unknown): Promise<ImportReport> {
    return this.imports.importProducers(actor, await this.imports.readFile(csvBody(body)), true);
  }

  @Post('imports/producers')
  @Roles('admin', 'officer')
  @AcceptsIdempotencyKey()
  @ApiConsumes('text/csv')
  @ApiBody(CSV_BODY)
  @ApiOperation({
    summary: 'Nhập chủ thể từ CSV / import producers from CSV',
    description: 'Lưu tất cả các dòng hoặc không lưu gì / stores every row or none',
  })
  async importProducers(
    @CurrentActor() actor: Actor,
    @Body() body: unknown,
    @IdempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ImportReport> {
    const file = await this.imports.readFile(csvBody(body));
    return answer(
      reply,
      await this.idempotency.run(actor, key, 'POST /imports/producers', file.digest, (m) =>
        this.imports.importProducers(actor, file, false, m),
      ),
    );
  }

  @Post('imports/products/dry-run')
  @HttpCode(200)
  @Roles('admin', 'officer', 'producer')
  @ApiConsumes('text/csv')
  @ApiBody(CSV_BODY)
  @ApiOperation({
    summary: 'Kiểm tra tệp sản phẩm, không lưu / check a products file, store nothing',
    description: 'Báo mọi dòng lỗi kèm lý do / reports every bad row with the reason',
  })
  async checkProducts(@CurrentActor() actor: Actor, @Body() body: unknown): Promise<ImportReport> {
    return this.imports.importProducts(actor, await this.imports.readFile(csvBody(body)), true);
  }

  @Post('imports/products')
  @Roles('admin', 'officer', 'producer')
  @AcceptsIdempotencyKey()
  @ApiConsumes('text/csv')
  @ApiBody(CSV_BODY)
  @ApiOperation({
    summary: 'Nhập sản phẩm từ CSV / import products from CSV',
    description:
      'Mỗi dòng chỉ rõ chủ thể bằng mã, mã số thuế hoặc tên; sao OCOP trong tệp bị bỏ qua; lưu tất cả hoặc không lưu gì / each row names its producer by id, tax code or name; OCOP stars in the file are ignored; stores every row or none',
  })
  async importProducts(
    @CurrentActor() actor: Actor,
    @Body() body: unknown,
    @IdempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ImportReport> {
    const file = await this.imports.readFile(csvBody(body));
    return answer(
      reply,
      await this.idempotency.run(actor, key, 'POST /imports/products', file.digest, (m) =>
        this.imports.importProducts(actor, file, false, m),
      ),
    );
  }

  @Get('exports/products.csv')
  @Roles('admin', 'officer', 'council')
  @ApiProduces('text/csv')
  @ApiOperation({
    summary:
      'Xuất danh mục sản phẩm theo huyện (CSV mở được bằng Excel) / export products by district (Excel-ready CSV)',
  })
  async exportProducts(
    @CurrentActor() actor: Actor,
    @Query() query: ExportQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const csv = await this.exports.products(actor, {
      unitMap: query.unitMap,
      district: query.district,
      commune: query.commune,
      delimiter: query.delimiter === 'semicolon' ? ';' : ',',
    });
    const scope = query.district ?? query.commune ?? 'all';
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="ocop-products-${query.unitMap}-${scope}.csv"`);
    return csv;
  }
}
