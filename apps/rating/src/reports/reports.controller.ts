import { contentDisposition } from '@ocop/service-kit';
import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@ocop/auth';
import { certificateValidThrough, formatVietnameseDate, vietnamDateOf } from '@ocop/ocop-domain';
import type { FastifyReply } from 'fastify';
import { CommuneDirectory } from './commune-directory';
import { ExpiringQuery, ExportQuery, ReportQuery } from './report.dto';
import { tableToPdf } from './report-pdf';
import {
  CalendarDate,
  REPORT_CONTENT_TYPES,
  ReportFormat,
  ReportTable,
  tableToCsv,
  tableToXlsx,
} from './report-table';
import { ReportsService } from './reports.service';

const COMMUNE_TYPES_VI_EN: Record<string, string> = {
  Xã: 'xã / commune',
  Phường: 'phường / ward',
  'Thị trấn': 'thị trấn / township',
  'Đặc khu': 'đặc khu / special zone',
};

/**
 * Province-wide figures for the coordination office; CSV or XLSX for the spreadsheets its reports are made in, PDF
 * for the file.
 */
@ApiTags('reports')
@ApiBearerAuth()
@Roles('admin', 'officer')
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly directory: CommuneDirectory,
  ) {}

  @Get('kpis')
  @ApiOperation({ summary: 'Chỉ tiêu OCOP và độ phủ xã / OCOP figures and commune coverage' })
  kpis(@Query() query: ReportQuery) {
    return this.reports.kpis(query.map, query.at);
  }

  @Get('kpis/export')
  @ApiOperation({ summary: 'Chỉ tiêu OCOP (CSV, XLSX hoặc PDF) / OCOP figures (CSV, XLSX or PDF)' })
  async kpisExport(@Query() query: ExportQuery, @Res() reply: FastifyReply) {
    const k = await this.reports.kpis(query.map, query.at);
    const table: ReportTable = {
      title: `Chỉ tiêu OCOP ngày ${formatVietnameseDate(k.at)} / OCOP figures as of ${k.at}`,
      sheet: `Chỉ tiêu ${k.at}`,
      header: ['Chỉ tiêu / Figure', 'Số / Count', 'Trên tổng / Of', 'Tỷ lệ (%) / Percent'],
      rows: [
        ['Ngày / As of', new CalendarDate(k.at), null, null],
        ['Bản đồ hành chính / Administrative map', k.map, null, null],
        [
          'Xã có sản phẩm OCOP từ 3 sao / Communes with a 3★+ OCOP product',
          k.coverage.covered,
          k.coverage.total,
          k.coverage.percent,
        ],
        ...k.coverage.byType.map((t) => [
          `trong đó / of which: ${COMMUNE_TYPES_VI_EN[t.type] ?? t.type}`,
          t.covered,
          t.total,
          t.percent,
        ]),
        ['Sản phẩm OCOP còn hiệu lực / Certified products', k.certifiedProducts, null, null],
        ...([3, 4, 5] as const).map((stars) => [
          `trong đó / of which: ${stars} sao / ${stars}★`,
          k.byStars[stars],
          null,
          null,
        ]),
        ['Chủ thể / Producers', k.producers, null, null],
      ],
    };
    await send(reply, `chi-tieu-ocop-${k.map}-${k.at}`, table, query.format);
  }

  @Get('expiring')
  @ApiOperation({ summary: 'Giấy chứng nhận sắp hết hạn / Certificates about to expire' })
  expiring(@Query() query: ExpiringQuery) {
    return this.reports.expiring(query.days);
  }

  @Get('coverage')
  @ApiOperation({ summary: 'Độ phủ theo xã (CSV, XLSX hoặc PDF) / Coverage by commune (CSV, XLSX or PDF)' })
  async coverage(@Query() query: ExportQuery, @Res() reply: FastifyReply) {
    const at = this.reports.asOf(query.at);
    const map = this.reports.mapOn(at, query.map);
    const rows = await this.reports.certified(map, at);
    const districts = new Map(this.directory.districts(map).map((d) => [d.code, d.name]));
    const table: ReportTable = {
      title: `Độ phủ OCOP theo xã ngày ${formatVietnameseDate(at)} / OCOP coverage by commune as of ${at}`,
      sheet: `Độ phủ ${at}`,
      header: [
        'Mã xã / Commune code',
        'Tên xã / Commune',
        'Mã huyện / District code',
        'Huyện / District',
        'Số sản phẩm OCOP / OCOP products',
        'Đạt / Covered',
        // Last, so that spreadsheets reading the earlier columns by position keep working.
        'Loại / Type',
      ],
      rows: this.directory.communes(map).map((c) => {
        const n = rows.filter((r) => r.commune_code === c.code).length;
        return [
          c.code,
          c.name,
          c.districtCode,
          c.districtCode ? districts.get(c.districtCode) : '',
          n,
          n > 0 ? 'có / yes' : 'không / no',
          COMMUNE_TYPES_VI_EN[c.type] ?? c.type,
        ];
      }),
    };
    await send(reply, `do-phu-ocop-${map}-${at}`, table, query.format);
  }

  @Get('coverage.csv')
  @ApiOperation({ summary: 'Độ phủ theo xã (CSV) / Coverage by commune (CSV)' })
  coverageCsv(@Query() query: ReportQuery, @Res() reply: FastifyReply) {
    return this.coverage(Object.assign(new ExportQuery(), query, { format: 'csv' }), reply);
  }

  @Get('certified-products')
  @ApiOperation({
    summary: 'Sản phẩm OCOP còn hiệu lực (CSV, XLSX hoặc PDF) / Certified products (CSV, XLSX or PDF)',
  })
  async certifiedProducts(@Query() query: ExportQuery, @Res() reply: FastifyReply) {
    const at = this.reports.asOf(query.at);
    const map = this.reports.mapOn(at, query.map);
    const rows = await this.reports.certified(map, at);
    const table: ReportTable = {
      title: `Sản phẩm OCOP còn hiệu lực ngày ${formatVietnameseDate(at)} / Certified OCOP products as of ${at}`,
      sheet: `Sản phẩm OCOP ${at}`,
      header: [
        'Số GCN / Certificate no.',
        'Sản phẩm / Product',
        'Chủ thể / Producer',
        'Loại chủ thể / Producer type',
        'Sao / Stars',
        'Nhóm / Group',
        'Bộ / Set',
        'Mã huyện / District code',
        'Mã xã / Commune code',
        'Quyết định / Decision',
        'Ngày cấp / Issued',
        'Hiệu lực đến hết ngày / Valid through',
      ],
      rows: rows.map((r) => [
        r.number,
        r.product_name,
        r.producer_name,
        r.producer_type,
        r.stars,
        r.product_group,
        r.product_set,
        r.district_code,
        r.commune_code,
        r.decision_ref,
        new CalendarDate(vietnamDateOf(r.issued_at)),
        new CalendarDate(certificateValidThrough(r.expires_at)),
      ]),
    };
    await send(reply, `san-pham-ocop-${map}-${at}`, table, query.format);
  }

  @Get('certified-products.csv')
  @ApiOperation({ summary: 'Sản phẩm OCOP còn hiệu lực (CSV) / Certified products (CSV)' })
  certifiedCsv(@Query() query: ReportQuery, @Res() reply: FastifyReply) {
    return this.certifiedProducts(Object.assign(new ExportQuery(), query, { format: 'csv' }), reply);
  }
}

export async function send(
  reply: FastifyReply,
  baseName: string,
  table: ReportTable,
  format: ReportFormat,
): Promise<void> {
  const body =
    format === 'xlsx'
      ? await tableToXlsx(table)
      : format === 'pdf'
        ? await tableToPdf(table)
        : tableToCsv(table);
  await reply
    .header('content-type', REPORT_CONTENT_TYPES[format])
    .header('content-disposition', contentDisposition('attachment', `${baseName}.${format}`))
    .send(body);
}
