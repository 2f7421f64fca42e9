import { Injectable } from '@nestjs/common';
import { Actor } from '@ocop/auth';
import type { UnitMapId } from '@ocop/contracts';
import { vietnamDateOf } from '@ocop/ocop-domain';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { isAdmin, isOfficer, officerCoversTerritory, scopeMap } from '../common/access';
import { Clock } from '../common/clock';
import { RatingProblems } from '../common/problems';
import { CertifiedRow, percent, ReportsService } from '../reports/reports.service';
import { communesOf, mapCoversYear, TargetUnit, targetUnit } from './target-territory';
import { SetTargetDto, TargetKind, TargetListQuery } from './targets.dto';

interface TargetRow {
  id: string;
  year: number;
  unit_map: UnitMapId;
  province_code: string;
  district_code: string | null;
  commune_code: string | null;
  kind: TargetKind;
  value: number;
  created_by: string;
  created_at: Date;
  updated_by: string;
  updated_at: Date;
}

export interface TargetProgress {
  /** The day the actual figure is counted at: the year's last day, or today while the year runs. */
  asOf: string;
  final: boolean;
  actual: number;
  target: number;
  percent: number;
  reached: boolean;
}

const notFound = () => RatingProblems.notFound('chỉ tiêu', 'Target');

/**
 * Annual targets of provinces, districts and communes and their progress. Officers set and see the targets of
 * their own territory (in the codes of their scope's map); admins all. Every setting is kept in the targets'
 * append-only trail: who committed to what, and when.
 */
@Injectable()
export class TargetsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reports: ReportsService,
    private readonly clock: Clock,
  ) {}

  async set(actor: Actor, dto: SetTargetDto) {
    const unit = targetUnit(dto);
    if (!mapCoversYear(unit.unitMap, dto.year)) {
      throw RatingProblems.invalid(
        'year',
        `năm ${dto.year} nằm ngoài thời gian của bản đồ hành chính có tỉnh ${unit.provinceCode}`,
        `${dto.year} is outside the period of the administrative map of province ${unit.provinceCode}`,
      );
    }
    const communes = communesOf(unit).length;
    if (dto.kind === 'communes-covered' && dto.value > communes) {
      throw RatingProblems.invalid(
        'value',
        `${unit.name} chỉ có ${communes} xã, không thể đặt ${dto.value}`,
        `${unit.name} has ${communes} commune(s), a target of ${dto.value} cannot be met`,
      );
    }
    // A target that means nothing is refused as such first; then who may set it.
    if (!isAdmin(actor) && !officerCoversTerritory(actor, unit)) {
      throw RatingProblems.forbidden(
        'Cán bộ chỉ đặt chỉ tiêu cho địa bàn mình phụ trách',
        'Officers set targets only for their own territory',
      );
    }
    const id = await this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      const existing = await this.find(manager, dto.year, dto.kind, unit);
      if (existing) {
        if (existing.value !== dto.value) {
          await manager.query(
            `UPDATE annual_targets SET value = $2, updated_by = $3, updated_at = $4 WHERE id = $1`,
            [existing.id, dto.value, actor.accountId, now],
          );
          await this.record(manager, existing.id, 'changed', existing.value, dto.value, actor, now);
        }
        return existing.id;
      }
      const [created]: { id: string }[] = await manager.query(
        `INSERT INTO annual_targets (id, year, unit_map, province_code, district_code, commune_code, kind, value,
                                     created_by, created_at, updated_by, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $9, $10)
         ON CONFLICT DO NOTHING RETURNING id`,
        [
          randomUUID(),
          dto.year,
          unit.unitMap,
          unit.provinceCode,
          unit.districtCode ?? null,
          unit.communeCode ?? null,
          dto.kind,
          dto.value,
          actor.accountId,
          now,
        ],
      );
      if (!created) {
        // Someone set the same target a moment ago: ours is a change of theirs, retried by the caller.
        throw RatingProblems.conflict(
          'target-set-concurrently',
          'Chỉ tiêu này vừa được người khác đặt; hãy thử lại',
          'This target was just set by someone else; try again',
        );
      }
      await this.record(manager, created.id, 'set', null, dto.value, actor, now);
      return created.id;
    });
    return this.get(actor, id);
  }

  async get(actor: Actor, id: string) {
    const [row]: TargetRow[] = await this.dataSource.query(`SELECT * FROM annual_targets WHERE id = $1`, [
      id,
    ]);
    if (!row || !this.mayRead(actor, row)) throw notFound();
    const history: {
      action: string;
      old_value: number | null;
      new_value: number;
      actor_id: string;
      at: Date;
    }[] = await this.dataSource.query(
      `SELECT action, old_value, new_value, actor_id, at FROM annual_target_events WHERE target_id = $1 ORDER BY id`,
      [id],
    );
    return {
      ...(await this.views([row]))[0],
      history: history.map((e) => ({
        action: e.action,
        ...(e.old_value === null ? {} : { oldValue: e.old_value }),
        value: e.new_value,
        by: e.actor_id,
        at: e.at.toISOString(),
      })),
    };
  }

  /** The targets of the caller's territory, oldest year first, each with its progress. */
  async list(actor: Actor, query: TargetListQuery) {
    const values: unknown[] = [];
    const p = { add: (value: unknown) => `$${values.push(value)}` };
    const where: string[] = [];
    if (!isAdmin(actor)) {
      const map = scopeMap(actor);
      if (!isOfficer(actor) || !map || !actor.scope) return { items: [] };
      where.push(`unit_map = ${p.add(map)}`, `province_code = ${p.add(actor.scope.provinceCode)}`);
      if (actor.scope.districtCode) where.push(`district_code = ${p.add(actor.scope.districtCode)}`);
      if (actor.scope.communeCode) where.push(`commune_code = ${p.add(actor.scope.communeCode)}`);
    }
    if (query.year) where.push(`year = ${p.add(query.year)}`);
    if (query.kind) where.push(`kind = ${p.add(query.kind)}`);
    const rows: TargetRow[] = await this.dataSource.query(
      `SELECT * FROM annual_targets ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY year, unit_map, province_code, district_code NULLS FIRST, commune_code NULLS FIRST, kind
        LIMIT 1000`,
      values,
    );
    return { items: await this.views(rows) };
  }

  private mayRead(actor: Actor, row: TargetRow): boolean {
    return isAdmin(actor) || officerCoversTerritory(actor, territoryOf(row));
  }

  private async views(rows: TargetRow[]) {
    // Progress of many targets reads the same days: each (map, day) is counted once.
    const certified = new Map<string, Promise<CertifiedRow[]>>();
    const today = vietnamDateOf(this.clock.now());
    return Promise.all(
      rows.map(async (row) => {
        const yearEnd = `${row.year}-12-31`;
        const asOf = today < yearEnd ? today : yearEnd;
        const key = `${row.unit_map}|${asOf}`;
        if (!certified.has(key)) certified.set(key, this.reports.certified(row.unit_map, asOf));
        const actual = progressOf(row, (await certified.get(key)) ?? []);
        return {
          targetId: row.id,
          year: row.year,
          kind: row.kind,
          unit: unitView(row),
          value: row.value,
          createdBy: row.created_by,
          createdAt: row.created_at.toISOString(),
          updatedBy: row.updated_by,
          updatedAt: row.updated_at.toISOString(),
          progress: {
            asOf,
            final: today > yearEnd,
            actual,
            target: row.value,
            percent: row.value ? percent(actual, row.value) : 100,
            reached: actual >= row.value,
          } satisfies TargetProgress,
        };
      }),
    );
  }

  private async find(manager: EntityManager, year: number, kind: TargetKind, unit: TargetUnit) {
    const [row]: TargetRow[] = await manager.query(
      `SELECT * FROM annual_targets
        WHERE year = $1 AND kind = $2 AND unit_map = $3 AND province_code = $4
          AND district_code IS NOT DISTINCT FROM $5 AND commune_code IS NOT DISTINCT FROM $6
        FOR UPDATE`,
      [year, kind, unit.unitMap, unit.provinceCode, unit.districtCode ?? null, unit.communeCode ?? null],
    );
    return row;
  }

  private async record(
    manager: EntityManager,
    targetId: string,
    action: 'set' | 'changed',
    oldValue: number | null,
    newValue: number,
    actor: Actor,
    at: Date,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO annual_target_events (target_id, action, old_value, new_value, actor_id, at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [targetId, action, oldValue, newValue, actor.accountId, at],
    );
  }
}

function territoryOf(row: TargetRow) {
  return {
    unitMap: row.unit_map,
    provinceCode: row.province_code,
    ...(row.district_code ? { districtCode: row.district_code } : {}),
    ...(row.commune_code ? { communeCode: row.commune_code } : {}),
  };
}

function unitView(row: TargetRow) {
  const unit = targetUnit({
    provinceCode: row.province_code,
    ...(row.district_code && !row.commune_code ? { districtCode: row.district_code } : {}),
    ...(row.commune_code ? { communeCode: row.commune_code } : {}),
  });
  return { map: unit.unitMap, level: unit.level, name: unit.name, ...territoryOf(row) };
}

/** The actual figure of a target's unit among the certificates valid on its day. */
function progressOf(row: TargetRow, certified: CertifiedRow[]): number {
  const inUnit = certified.filter(
    (c) =>
      (!row.district_code || c.district_code === row.district_code) &&
      (!row.commune_code || c.commune_code === row.commune_code),
  );
  if (row.kind === 'certified-products') return new Set(inUnit.map((c) => c.product_id)).size;
  const communes = new Set(communesOf(territoryOf(row)));
  return new Set(inUnit.map((c) => c.commune_code).filter((code) => code && communes.has(code))).size;
}
