import { Body, Controller, Get, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@ocop/auth';
import { UuidParam } from '@ocop/service-kit';
import type { FastifyReply } from 'fastify';
import { CalendarDate } from '../reports/report-table';
import { send } from '../reports/reports.controller';
import { SetTargetDto, TargetExportQuery, TargetListQuery } from './targets.dto';
import { TargetsService } from './targets.service';

const KIND_NAMES: Record<string, string> = {
  'communes-covered': 'Số xã có sản phẩm OCOP / Communes covered',
  'certified-products': 'Số sản phẩm OCOP / Certified products',
};

/** Annual targets per province, district or commune, and how far each has come. */
@ApiTags('targets')
@ApiBearerAuth()
@Roles('admin', 'officer')
@Controller('targets')
export class TargetsController {
  constructor(private readonly targets: TargetsService) {}

  @Put()
  @ApiOperation({
    summary: 'Đặt hoặc sửa chỉ tiêu năm / Set or change an annual target',
    description:
      'One target per year, unit and kind: setting it again changes its value (kept in its history).',
  })
  set(@CurrentActor() actor: Actor, @Body() dto: SetTargetDto) {
    return this.targets.set(actor, dto);
  }

  @Get()
  @ApiOperation({ summary: 'Chỉ tiêu và tiến độ / Targets and their progress' })
  list(@CurrentActor() actor: Actor, @Query() query: TargetListQuery) {
    return this.targets.list(actor, query);
  }

  @Get('export')
  @ApiOperation({
    summary: 'Chỉ tiêu và tiến độ (CSV, XLSX hoặc PDF) / Targets and progress (CSV, XLSX or PDF)',
  })
  async export(@CurrentActor() actor: Actor, @Query() query: TargetExportQuery, @Res() reply: FastifyReply) {
    const { items } = await this.targets.list(actor, query);
    await send(
      reply,
      `chi-tieu-ocop${query.year ? `-${query.year}` : ''}`,
      {
        title: query.year
          ? `Chỉ tiêu OCOP năm ${query.year} và tiến độ / OCOP targets for ${query.year} and progress`
          : 'Chỉ tiêu OCOP và tiến độ / OCOP targets and progress',
        sheet: 'Chỉ tiêu',
        header: [
          'Năm / Year',
          'Đơn vị / Unit',
          'Mã / Code',
          'Chỉ tiêu / Target kind',
          'Chỉ tiêu / Target',
          'Thực hiện / Actual',
          'Tỷ lệ (%) / Percent',
          'Tính đến / As of',
        ],
        rows: items.map((t) => [
          t.year,
          t.unit.name,
          t.unit.communeCode ?? t.unit.districtCode ?? t.unit.provinceCode,
          KIND_NAMES[t.kind],
          t.value,
          t.progress.actual,
          t.progress.percent,
          new CalendarDate(t.progress.asOf),
        ]),
      },
      query.format,
    );
  }

  @Get(':targetId')
  @ApiOperation({ summary: 'Chỉ tiêu, tiến độ và lịch sử / A target, its progress and history' })
  get(@CurrentActor() actor: Actor, @UuidParam('targetId') targetId: string) {
    return this.targets.get(actor, targetId);
  }
}
