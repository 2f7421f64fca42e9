import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor, assertOwnsProducer, CurrentActor, Roles } from '@ocop/auth';
import { Problems } from '@ocop/contracts';
import { unitMapOfProvince } from '@ocop/ocop-domain';
import { IsISO8601, IsOptional, IsUUID, Matches } from 'class-validator';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';

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

export class ScanSummaryQuery {
  @ApiPropertyOptional({
    example: '2026-11-01',
    description:
      'Từ ngày (giờ Việt Nam; mặc định 29 ngày trước ngày cuối) / first day (default: 29 days before the last)',
  })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'from must be a date like 2026-11-01' })
  from?: string;

  @ApiPropertyOptional({
    example: '2026-11-30',
    description: 'Đến ngày (mặc định hôm nay) / last day (default: today)',
  })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'to must be a date like 2026-11-30' })
  to?: string;
}

/** Outcome of scans counted before outcomes were (migration 1765400000000). */
const NOT_RECORDED = 'not-recorded';
const DAY_MS = 86_400_000;
/** A year and a day: the Department's reports are annual at most. */
const MAX_PERIOD_DAYS = 366;

type Where = { clauses: string[]; params: unknown[]; add(sql: string, value: unknown): void };

function where(): Where {
  const w: Where = {
    clauses: [],
    params: [],
    add(sql, value) {
      w.params.push(value);
      w.clauses.push(sql.replaceAll('?', `$${w.params.length}`));
    },
  };
  return w;
}

/**
 * Whose scans the actor sees: a producer its own products; an officer those of producers in its territory, judged
 * by the producer's place under the map the officer's scope is written in (as the catalogue judges it: province 83
 * is Ben Tre 2022, 86 Vinh Long 2025); an admin everything. Anyone else: 403.
 */
function scopeOf(actor: Actor, w: Where, askedProducerId?: string): void {
  if (actor.roles.includes('admin')) return;
  if (actor.roles.includes('officer') && actor.scope) {
    const map = unitMapOfProvince(actor.scope?.provinceCode);
    if (!map) {
      w.clauses.push('false');
      return;
    }
    const place = (field: string, value: string) => {
      w.params.push(value);
      return `places->'${map}'->>'${field}' = $${w.params.length}`;
    };
    const conditions = [place('provinceCode', actor.scope.provinceCode)];
    if (actor.scope.districtCode) conditions.push(place('districtCode', actor.scope.districtCode));
    if (actor.scope.communeCode) conditions.push(place('communeCode', actor.scope.communeCode));
    w.clauses.push(`producer_id IN (SELECT id FROM rm_producers WHERE ${conditions.join(' AND ')})`);
    return;
  }
  if (actor.roles.includes('producer') && actor.producerId) {
    // Another producer's figures answer 404, as if they did not exist (see assertOwnsProducer).
    if (askedProducerId) assertOwnsProducer(actor, askedProducerId, 'Producer');
    w.add('producer_id = ?', actor.producerId);
    return;
  }
  throw Problems.forbidden('Scan statistics are for producers, officers and admins.');
}

const sqlWhere = (w: Where) => (w.clauses.length ? `WHERE ${w.clauses.join(' AND ')}` : '');

interface Tally {
  scans: number;
  outcomes: Record<string, number>;
}

function tally(map: Map<string, Tally>, key: string, outcome: string, n: number): void {
  let t = map.get(key);
  if (!t) map.set(key, (t = { scans: 0, outcomes: {} }));
  t.scans += n;
  t.outcomes[outcome] = (t.outcomes[outcome] ?? 0) + n;
}

/**
 * Scans per product, day, district and outcome (what the scan answered: genuine, unknown, recalled…). The district
 * is the producer's on the 2022 map at the time of the scan, since clients are not geolocated.
 */
@Controller('stats')
export class ScanStatsController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  @Get('scans')
  @Roles('producer', 'officer', 'admin')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Scan counts per product, day, district and outcome' })
  async scans(@Query() q: ScanStatsQuery, @CurrentActor() actor: Actor) {
    const w = where();
    scopeOf(actor, w, q.producerId);
    if (q.producerId) w.add('producer_id = ?', q.producerId);
    if (q.productId) w.add('product_id = ?', q.productId);
    if (q.districtCode) w.add('district_code = ?', q.districtCode);
    if (q.from) w.add('day >= ?', q.from.slice(0, 10));
    if (q.to) w.add('day <= ?', q.to.slice(0, 10));
    const rows = (await this.dataSource.query(
      `SELECT product_id, to_char(day, 'YYYY-MM-DD') AS day, district_code, outcome, sum(scans)::int AS scans
         FROM scan_daily ${sqlWhere(w)}
        GROUP BY product_id, day, district_code, outcome ORDER BY day, product_id, district_code, outcome
        LIMIT 5000`,
      w.params,
    )) as { product_id: string; day: string; district_code: string; outcome: string; scans: number }[];
    return {
      rows: rows.map((r) => ({
        productId: r.product_id,
        day: r.day,
        districtCode: r.district_code || null,
        outcome: r.outcome || NOT_RECORDED,
        scans: r.scans,
      })),
      total: rows.reduce((n, r) => n + r.scans, 0),
    };
  }

  /**
   * The dashboard's view of a period (30 days up to today by default): scans by outcome, by product (with its
   * name and producer, most scanned first) and by district, each with its outcomes.
   */
  @Get('scans/summary')
  @Roles('producer', 'officer', 'admin')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Scans of a period by outcome, by product and by district (the officers’ dashboard)',
  })
  async summary(@Query() q: ScanSummaryQuery, @CurrentActor() actor: Actor) {
    const to = q.to ?? this.clock.vietnamToday();
    const toMs = Date.parse(`${to}T00:00:00Z`);
    const from = q.from ?? new Date(toMs - 29 * DAY_MS).toISOString().slice(0, 10);
    const fromMs = Date.parse(`${from}T00:00:00Z`);
    // The pattern lets 2026-02-31 through; Date.parse does not round-trip it.
    if (Number.isNaN(toMs) || new Date(toMs).toISOString().slice(0, 10) !== to) {
      throw Problems.invalidField('to', 'to is not a calendar date');
    }
    if (Number.isNaN(fromMs) || new Date(fromMs).toISOString().slice(0, 10) !== from) {
      throw Problems.invalidField('from', 'from is not a calendar date');
    }
    if (fromMs > toMs) throw Problems.invalidField('from', 'from must not be after to');
    if ((toMs - fromMs) / DAY_MS + 1 > MAX_PERIOD_DAYS) {
      throw Problems.invalidField('from', `a period is at most ${MAX_PERIOD_DAYS} days`);
    }

    const w = where();
    scopeOf(actor, w);
    w.add('day >= ?', from);
    w.add('day <= ?', to);
    const rows = (await this.dataSource.query(
      `SELECT s.product_id, s.district_code, s.outcome, s.scans, p.name_vi, p.name_en, pr.name AS producer_name
         FROM (SELECT product_id, district_code, outcome, sum(scans)::int AS scans
                 FROM scan_daily ${sqlWhere(w)} GROUP BY product_id, district_code, outcome) s
         LEFT JOIN rm_products p ON p.id = s.product_id
         LEFT JOIN rm_producers pr ON pr.id = p.producer_id`,
      w.params,
    )) as {
      product_id: string;
      district_code: string;
      outcome: string;
      scans: number;
      name_vi: string | null;
      name_en: string | null;
      producer_name: string | null;
    }[];

    const byOutcome = new Map<string, number>();
    const byProduct = new Map<string, Tally>();
    const byDistrict = new Map<string, Tally>();
    const names = new Map<
      string,
      { nameVi: string | null; nameEn: string | null; producerName: string | null }
    >();
    let total = 0;
    for (const r of rows) {
      const outcome = r.outcome || NOT_RECORDED;
      total += r.scans;
      byOutcome.set(outcome, (byOutcome.get(outcome) ?? 0) + r.scans);
      tally(byProduct, r.product_id, outcome, r.scans);
      tally(byDistrict, r.district_code, outcome, r.scans);
      names.set(r.product_id, { nameVi: r.name_vi, nameEn: r.name_en, producerName: r.producer_name });
    }
    const mostFirst = (a: [string, Tally], b: [string, Tally]) =>
      b[1].scans - a[1].scans || a[0].localeCompare(b[0]);
    return {
      from,
      to,
      total,
      byOutcome: [...byOutcome]
        .map(([outcome, scans]) => ({ outcome, scans }))
        .sort((a, b) => b.scans - a.scans || a.outcome.localeCompare(b.outcome)),
      byProduct: [...byProduct].sort(mostFirst).map(([productId, t]) => ({
        productId,
        ...(names.get(productId) as {
          nameVi: string | null;
          nameEn: string | null;
          producerName: string | null;
        }),
        ...t,
      })),
      byDistrict: [...byDistrict].sort(mostFirst).map(([code, t]) => ({ districtCode: code || null, ...t })),
    };
  }
}
