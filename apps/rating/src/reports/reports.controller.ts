import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@ocop/auth';
import { writeCsv } from '@ocop/service-kit';
import type { FastifyReply } from 'fastify';
import { contentDisposition } from '../common/http';
import { CommuneDirectory } from './commune-directory';
import { ExpiringQuery, ReportQuery } from './report.dto';
import { ReportsService } from './reports.service';

/** Province-wide figures for the coordination office; CSV for the spreadsheets its reports are made in. */
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

  @Get('expiring')
  @ApiOperation({ summary: 'Giấy chứng nhận sắp hết hạn / Certificates about to expire' })
  expiring(@Query() query: ExpiringQuery) {
    return this.reports.expiring(query.days);
  }

  @Get('coverage.csv')
  @ApiOperation({ summary: 'Độ phủ theo xã (CSV) / Coverage by commune (CSV)' })
  async coverageCsv(@Query() query: ReportQuery, @Res() reply: FastifyReply) {
    const at = this.reports.asOf(query.at);
    const rows = await this.reports.certified(query.map, at);
    const districts = new Map(this.directory.districts(query.map).map((d) => [d.code, d.name]));
    const csv = writeCsv([
      [
        'Mã xã / Commune code',
        'Tên xã / Commune',
        'Mã huyện / District code',
        'Huyện / District',
        'Số sản phẩm OCOP / OCOP products',
        'Đạt / Covered',
      ],
      ...this.directory.communes(query.map).map((c) => {
        const n = rows.filter((r) => r.commune_code === c.code).length;
        return [
          c.code,
          c.name,
          c.districtCode,
          c.districtCode ? districts.get(c.districtCode) : '',
          n,
          n > 0 ? 'có / yes' : 'không / no',
        ];
      }),
    ]);
    await send(reply, `do-phu-ocop-${query.map}-${at}.csv`, csv);
  }

  @Get('certified-products.csv')
  @ApiOperation({ summary: 'Sản phẩm OCOP còn hiệu lực (CSV) / Certified products (CSV)' })
  async certifiedCsv(@Query() query: ReportQuery, @Res() reply: FastifyReply) {
    const at = this.reports.asOf(query.at);
    const rows = await this.reports.certified(query.map, at);
    const csv = writeCsv([
      [
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
        'Hết hạn / Expires',
      ],
      ...rows.map((r) => [
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
        r.issued_at.toISOString(),
        r.expires_at.toISOString(),
      ]),
    ]);
    await send(reply, `san-pham-ocop-${query.map}-${at}.csv`, csv);
  }
}

async function send(reply: FastifyReply, fileName: string, csv: string): Promise<void> {
  await reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', contentDisposition('attachment', fileName))
    .send(csv);
}
