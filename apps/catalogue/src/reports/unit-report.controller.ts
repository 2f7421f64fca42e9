import { Controller, Get, Query } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@ocop/auth';
import { DataSource } from 'typeorm';
import { adminUnits } from '@ocop/ocop-domain';
import { bilingual, invalidField } from '../common/validation';
import { Producer } from '../producers/producer.entity';
import { ProducersService } from '../producers/producers.service';
import { Product } from '../products/product.entity';
import { UnitReportQuery } from './dto/unit-report.query';

interface CountRow {
  code: string | null;
  producers: string;
  verified_producers: string;
  active_products: string;
  certified_products: string;
}

/**
 * Producers and products per unit under either map, whatever map each record was made in; the province's goal
 * ("every commune has a 3★+ product") is the share of units with a certified product.
 */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class UnitReportController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly producers: ProducersService,
  ) {}

  @Get('units')
  @Roles('admin', 'officer', 'council')
  @ApiOperation({
    summary:
      'Thống kê theo đơn vị hành chính, theo bản đồ nào cũng được / counts per administrative unit, under either map',
  })
  async units(@CurrentActor() actor: Actor, @Query() query: UnitReportQuery) {
    if (query.unitMap === 'vl-2025-07' && query.level === 'district') {
      throw invalidField(
        'level',
        bilingual('bản đồ 2025 không còn cấp huyện', 'the 2025 map has no districts'),
      );
    }
    const column =
      query.unitMap === 'vl-2025-07'
        ? 'r.vl2025_commune_code'
        : query.level === 'district'
          ? 'r.bt2022_district_code'
          : 'r.bt2022_commune_code';
    const qb = this.dataSource
      .createQueryBuilder()
      .select(`${column}`, 'code')
      .addSelect('count(DISTINCT r.id)', 'producers')
      .addSelect(
        `count(DISTINCT r.id) FILTER (WHERE r.status IN ('verified', 'pending-reverification'))`,
        'verified_producers',
      )
      .addSelect(`count(p.id) FILTER (WHERE p.status = 'active')`, 'active_products')
      .addSelect(
        `count(p.id) FILTER (WHERE p.ocop_stars IS NOT NULL AND p.ocop_expires_at > now())`,
        'certified_products',
      )
      .from(Producer, 'r')
      .leftJoin(Product, 'p', 'p.producer_id = r.id')
      .groupBy(column);
    this.producers.restrictToReadable(actor, qb, 'r');
    const counts = new Map(((await qb.getRawMany()) as CountRow[]).map((row) => [row.code, row]));
    const view = (row: CountRow | undefined) => ({
      producers: Number(row?.producers ?? 0),
      verifiedProducers: Number(row?.verified_producers ?? 0),
      activeProducts: Number(row?.active_products ?? 0),
      certifiedProducts: Number(row?.certified_products ?? 0),
    });
    const units = adminUnits().units(query.unitMap, { level: query.level });
    const rows = units.map((u) => ({ code: u.code, name: u.name, ...view(counts.get(u.code)) }));
    const withCertified = rows.filter((r) => r.certifiedProducts > 0).length;
    return {
      unitMap: query.unitMap,
      level: query.level,
      units: rows,
      // Records whose place cannot be placed under this map with certainty (see the map's notes).
      unassigned: view(counts.get(null)),
      coverage: {
        units: rows.length,
        withCertifiedProduct: withCertified,
        share: rows.length ? withCertified / rows.length : 0,
      },
    };
  }
}
