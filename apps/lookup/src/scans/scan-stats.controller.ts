import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor, assertOwnsProducer, CurrentActor, Roles } from '@ocop/auth';
import { Problems } from '@ocop/contracts';
import { IsISO8601, IsOptional, IsUUID, Matches } from 'class-validator';
import { DataSource } from 'typeorm';

export class ScanStatsQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  producerId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  productId?: string;

  @ApiPropertyOptional({ example: '832', description: 'Mã huyện (bản đồ 2022) / district code (2022 map)' })
  @IsOptional()
  @Matches(/^\d{3}$/)
  districtCode?: string;

  @ApiPropertyOptional({
    example: '2026-11-01',
    description: 'Từ ngày (giờ Việt Nam) / first day (Viet Nam)',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ example: '2026-11-30', description: 'Đến ngày / last day' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

/**
 * Scans per product, day (Vietnam time) and district — the district of the producer (2022 map), since clients
 * are not geolocated. A producer sees only its own products; an officer its territory; an admin everything.
 */
@Controller('stats')
export class ScanStatsController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get('scans')
  @Roles('producer', 'officer', 'admin')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Scan counts per product, day and district' })
  async scans(@Query() q: ScanStatsQuery, @CurrentActor() actor: Actor) {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (actor.roles.includes('admin')) {
      // everything
    } else if (actor.roles.includes('officer') && actor.scope) {
      add('province_code = ?', actor.scope.provinceCode);
      if (actor.scope.districtCode) add('district_code = ?', actor.scope.districtCode);
      if (actor.scope.communeCode) add('commune_code = ?', actor.scope.communeCode);
    } else if (actor.roles.includes('producer') && actor.producerId) {
      // Another producer's figures answer 404, as if they did not exist (see assertOwnsProducer).
      if (q.producerId) assertOwnsProducer(actor, q.producerId, 'Producer');
      add('producer_id = ?', actor.producerId);
    } else {
      throw Problems.forbidden('Scan statistics are for producers, officers and admins.');
    }
    if (q.producerId) add('producer_id = ?', q.producerId);
    if (q.productId) add('product_id = ?', q.productId);
    if (q.districtCode) add('district_code = ?', q.districtCode);
    if (q.from) add('day >= ?', q.from.slice(0, 10));
    if (q.to) add('day <= ?', q.to.slice(0, 10));
    const rows = (await this.dataSource.query(
      `SELECT product_id, to_char(day, 'YYYY-MM-DD') AS day, district_code, sum(scans)::int AS scans
         FROM scan_daily ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        GROUP BY product_id, day, district_code ORDER BY day, product_id, district_code LIMIT 5000`,
      params,
    )) as { product_id: string; day: string; district_code: string; scans: number }[];
    return {
      rows: rows.map((r) => ({
        productId: r.product_id,
        day: r.day,
        districtCode: r.district_code || null,
        scans: r.scans,
      })),
      total: rows.reduce((n, r) => n + r.scans, 0),
    };
  }
}
