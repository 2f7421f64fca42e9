import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor, CurrentActor, inTerritory, Place, Roles } from '@ocop/auth';
import { Problems } from '@ocop/contracts';
import { unitMapOfProvince } from '@ocop/ocop-domain';
import { Page, queueKeyset, QueuePageQuery, timeIdKey, toPage, UuidParam } from '@ocop/service-kit';
import { Transform } from 'class-transformer';
import {
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { DataSource, EntityManager } from 'typeorm';
import { problem } from '../common/bilingual';
import { Clock } from '../common/clock';
import { REPORT_CATEGORIES } from './reports.controller';

export const REPORT_STATUSES = ['new', 'investigating', 'closed'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** Where a case may go from each status: closed is final (a new report is a new case). */
const NEXT: Record<ReportStatus, readonly ReportStatus[]> = {
  new: ['investigating', 'closed'],
  investigating: ['closed'],
  closed: [],
};

/**
 * A Viet Nam day, or an instant with its offset: the ISO 8601 forms PostgreSQL reads as timestamptz. Week and
 * ordinal dates (which IsISO8601 also takes) would fail in SQL.
 */
const DAY_OR_INSTANT = /^[1-9]\d{3}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2}))?$/;
const dayOrInstant = { message: 'must be YYYY-MM-DD or an instant such as 2026-03-10T08:00:00+07:00' };

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class ReportListQuery extends QueuePageQuery {
  @ApiPropertyOptional({ enum: REPORT_STATUSES })
  @IsOptional()
  @IsIn(REPORT_STATUSES)
  status?: ReportStatus;

  @ApiPropertyOptional({ enum: REPORT_CATEGORIES })
  @IsOptional()
  @IsIn(REPORT_CATEGORIES)
  category?: (typeof REPORT_CATEGORIES)[number];

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  productId?: string;

  @ApiPropertyOptional({ description: 'YYYY-MM-DD (from that day, Viet Nam time) or an instant' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(DAY_OR_INSTANT, dayOrInstant)
  from?: string;

  @ApiPropertyOptional({ description: 'YYYY-MM-DD (through that day, Viet Nam time) or an instant' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(DAY_OR_INSTANT, dayOrInstant)
  to?: string;
}

export class ReportTransitionDto {
  @IsIn(['investigating', 'closed'])
  status!: 'investigating' | 'closed';

  /** Why: required to close (what was found, what was done), optional otherwise. */
  @Transform(trim)
  @ValidateIf((d: ReportTransitionDto) => d.status === 'closed' || d.note !== undefined)
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  note?: string;
}

interface ReportRow {
  id: string;
  status: ReportStatus;
  category: string;
  message: string;
  contact: string | null;
  gtin: string;
  lot: string | null;
  serial: string | null;
  outcome: string | null;
  product_id: string | null;
  product_name_vi: string | null;
  product_name_en: string | null;
  producer_id: string | null;
  places: Record<string, Place> | null;
  created_at: Date;
  status_changed_at: Date | null;
}

interface HistoryRow {
  from_status: ReportStatus;
  to_status: ReportStatus;
  note: string | null;
  actor_id: string;
  at: Date;
}

const COLUMNS = `id, status, category, message, contact, gtin, lot, serial, outcome, product_id, product_name_vi,
  product_name_en, producer_id, places, created_at, status_changed_at`;

/** How the caller sees cases: which ones, and whether the reporter's contact and the officers' notes show. */
type Viewer =
  | { kind: 'admin' }
  | { kind: 'officer'; actor: Actor }
  | { kind: 'producer'; producerId: string };

function viewerOf(actor: Actor): Viewer {
  if (actor.roles.includes('admin')) return { kind: 'admin' };
  if (actor.roles.includes('officer') && actor.scope) return { kind: 'officer', actor };
  if (actor.roles.includes('producer') && actor.producerId) {
    return { kind: 'producer', producerId: actor.producerId };
  }
  throw Problems.forbidden('Consumer reports are for officers, admins and producers.');
}

/**
 * The unit map an officer's territory is written in (Bến Tre 2022 for province 83, Vĩnh Long 2025 for 86): a case is
 * judged by the producer's place under that map, as the catalogue judges producers.
 */
const mapOf = (actor: Actor): string | undefined => unitMapOfProvince(actor.scope?.provinceCode);

/** Province-wide officers: the only ones who take a case whose code named no known product. */
const provinceWide = (actor: Actor): boolean => !actor.scope?.districtCode && !actor.scope?.communeCode;

/** Whether the viewer may see this case at all (otherwise 404, as if it did not exist). */
function sees(viewer: Viewer, r: ReportRow): boolean {
  if (viewer.kind === 'admin') return true;
  if (viewer.kind === 'producer') return r.producer_id === viewer.producerId;
  if (!r.places) return provinceWide(viewer.actor);
  const map = mapOf(viewer.actor);
  const place = map ? r.places[map] : undefined;
  return !!place && inTerritory(viewer.actor, place);
}

const VIETNAM_DAY = /^\d{4}-\d{2}-\d{2}$/;

const notFound = () => problem('not-found', 404, 'Không tìm thấy phản ánh', 'Report not found');

/**
 * Consumer reports as cases (decision 0046). Officers list and triage the reports of their territory (the
 * producer's place, when the report was filed, under the map their territory is written in; a report whose code
 * named no known product belongs to the province-wide officers), admins every report. Only officers read the reporter's contact. A producer reads
 * the reports about its own products, without the contact and without the officers' notes, and cannot triage.
 */
@Controller('reports')
export class ReportCasesController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Roles('officer', 'admin', 'producer')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Consumer reports, newest first (paged; by status, category, product, dates)' })
  async list(@Query() q: ReportListQuery, @CurrentActor() actor: Actor): Promise<Page<unknown>> {
    const viewer = viewerOf(actor);
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, ...values: unknown[]) => {
      let text = sql;
      for (const value of values) {
        params.push(value);
        text = text.replace('?', `$${params.length}`);
      }
      where.push(text);
    };
    if (viewer.kind === 'producer') add('producer_id = ?', viewer.producerId);
    if (viewer.kind === 'officer') {
      // `sees` in SQL: the producer's place under the officer's map; a case with no known product is for the
      // province-wide officers.
      const scope = viewer.actor.scope as NonNullable<Actor['scope']>;
      const map = mapOf(viewer.actor) ?? '';
      if (scope.communeCode) add(`places->?::text->>'communeCode' = ?`, map, scope.communeCode);
      else if (scope.districtCode) add(`places->?::text->>'districtCode' = ?`, map, scope.districtCode);
      add(
        `(places->?::text->>'provinceCode' = ?${provinceWide(viewer.actor) ? ' OR places IS NULL' : ''})`,
        map,
        scope.provinceCode,
      );
    }
    if (q.status) add('status = ?', q.status);
    if (q.category) add('category = ?', q.category);
    if (q.productId) add('product_id = ?', q.productId);
    if (q.from) {
      add('created_at >= ?', VIETNAM_DAY.test(q.from) ? `${q.from}T00:00:00+07:00` : q.from);
    }
    if (q.to) {
      if (VIETNAM_DAY.test(q.to))
        add(`created_at < ?::timestamptz + interval '1 day'`, `${q.to}T00:00:00+07:00`);
      else add('created_at <= ?', q.to);
    }
    // An officer triages from the report that has waited longest; other lists read from the newest.
    const keyset = queueKeyset(q, 'reports');
    if (keyset.after) add(`(created_at, id) ${keyset.beyond} (?, ?)`, keyset.after.at, keyset.after.id);
    params.push(q.limit + 1);
    const rows = (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM problem_reports ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY created_at ${keyset.direction}, id ${keyset.direction} LIMIT $${params.length}`,
      params,
    )) as ReportRow[];
    return toPage(
      rows,
      q.limit,
      keyset.cursorKind,
      (r) => timeIdKey(r.created_at, r.id),
      (r) => this.view(viewer, r),
    );
  }

  @Get(':id')
  @Roles('officer', 'admin', 'producer')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'One consumer report with its history' })
  async get(@UuidParam('id') id: string, @CurrentActor() actor: Actor) {
    const viewer = viewerOf(actor);
    return this.dataSource.transaction(async (manager) => {
      const row = await this.find(manager, viewer, id, false);
      return this.detail(manager, viewer, row);
    });
  }

  @Post(':id/transitions')
  @HttpCode(200)
  @Roles('officer', 'admin')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Triage a report: investigating, or closed with a note' })
  async transition(
    @UuidParam('id') id: string,
    @Body() dto: ReportTransitionDto,
    @CurrentActor() actor: Actor,
  ) {
    const viewer = viewerOf(actor);
    return this.dataSource.transaction(async (manager) => {
      // Locked: of two officers moving the same case at once, the second sees the first's status.
      const row = await this.find(manager, viewer, id, true);
      if (!NEXT[row.status].includes(dto.status)) {
        throw problem(
          'invalid-report-transition',
          409,
          `Không thể chuyển phản ánh từ "${row.status}" sang "${dto.status}"`,
          `A report cannot go from "${row.status}" to "${dto.status}"`,
          { currentStatus: row.status, requestedStatus: dto.status },
        );
      }
      const at = this.clock.now();
      await manager.query(`UPDATE problem_reports SET status = $2, status_changed_at = $3 WHERE id = $1`, [
        id,
        dto.status,
        at,
      ]);
      await manager.query(
        `INSERT INTO problem_report_history (report_id, from_status, to_status, note, actor_id, at)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [id, row.status, dto.status, dto.note ?? null, actor.accountId, at],
      );
      return this.detail(manager, viewer, { ...row, status: dto.status, status_changed_at: at });
    });
  }

  private async find(manager: EntityManager, viewer: Viewer, id: string, lock: boolean): Promise<ReportRow> {
    const [row] = (await manager.query(
      `SELECT ${COLUMNS} FROM problem_reports WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
      [id],
    )) as ReportRow[];
    if (!row || !sees(viewer, row)) throw notFound();
    return row;
  }

  private async detail(manager: EntityManager, viewer: Viewer, row: ReportRow) {
    const history = (await manager.query(
      `SELECT from_status, to_status, note, actor_id, at FROM problem_report_history
        WHERE report_id = $1 ORDER BY at, id`,
      [row.id],
    )) as HistoryRow[];
    return {
      ...this.view(viewer, row),
      // Officers' notes may name suspicions about the producer: the producer sees only when the status moved.
      history: history.map((h) =>
        viewer.kind === 'producer'
          ? { from: h.from_status, to: h.to_status, at: h.at.toISOString() }
          : {
              from: h.from_status,
              to: h.to_status,
              at: h.at.toISOString(),
              note: h.note,
              actorId: h.actor_id,
            },
      ),
    };
  }

  private view(viewer: Viewer, r: ReportRow) {
    return {
      reportId: r.id,
      status: r.status,
      category: r.category,
      message: r.message,
      // The reporter gave it for the officers who follow the case up, not for the producer nor the platform's admins.
      ...(viewer.kind === 'officer' ? { contact: r.contact } : {}),
      gtin: r.gtin,
      lot: r.lot,
      serial: r.serial,
      outcome: r.outcome,
      product: r.product_id
        ? { productId: r.product_id, nameVi: r.product_name_vi, nameEn: r.product_name_en }
        : null,
      producerId: r.producer_id,
      places: r.places,
      filedAt: r.created_at.toISOString(),
      statusChangedAt: r.status_changed_at ? r.status_changed_at.toISOString() : null,
    };
  }
}
