import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor } from '@ocop/auth';
import { DomainError, ExportCodeV1, SiteStatus } from '@ocop/contracts';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { bilingual, conflict, notFound, ruleViolation, uniqueViolation } from '../common/bilingual';
import { yearInVietnam } from '../common/vietnam-time';
import { TraceabilityConfig } from '../config';
import { mayReadSite, mayReviewSite, SiteRef } from './site-access';
import { formatSiteCode, SiteCodeFormatError } from './site-code-format';
import { SiteHistoryEntry } from './site-history.entity';
import { SITE_NAME, SITE_TABLE, SiteKind } from './site-kind';
import { ACTION_VI, afterReview, assignsCode, ReviewAction, STATUS_VI } from './site-lifecycle';

interface LockedSite extends SiteRef {
  id: string;
  status: SiteStatus;
  code: string | null;
  facilityNumber: number | null;
}

export interface ReviewOutcome {
  status: SiteStatus;
  code: string | null;
  previousCode: string | null;
}

/**
 * Review and code issuance for growing areas and packing houses. Each step runs in the caller's transaction with
 * the site row locked, so two officers acting at once are applied one after the other.
 */
@Injectable()
export class SiteReviews {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: TraceabilityConfig,
  ) {}

  /**
   * The site row for a review by `actor`, locked until the transaction ends. Someone who may not even read it
   * gets 404, as if it did not exist; its owner gets 403 (a producer never reviews its own site).
   */
  async lockForReview(manager: EntityManager, kind: SiteKind, id: string, actor: Actor): Promise<LockedSite> {
    const site = await this.lock(manager, kind, id);
    if (site && mayReviewSite(actor, site)) return site;
    if (!site || !mayReadSite(actor, site)) throw notFound(SITE_NAME[kind].vi, SITE_NAME[kind].en);
    throw new DomainError(
      'forbidden',
      403,
      bilingual('Không có quyền', 'Forbidden'),
      bilingual(
        'Chỉ cán bộ quản lý địa bàn hoặc quản trị viên mới được duyệt',
        'Only officers of the territory and admins review sites',
      ),
    );
  }

  async review(
    manager: EntityManager,
    kind: SiteKind,
    id: string,
    action: ReviewAction,
    actor: Actor,
    reason: string | undefined,
  ): Promise<ReviewOutcome> {
    const site = await this.lockForReview(manager, kind, id, actor);
    const next = afterReview(site.status, action);
    if (!next) {
      throw conflict(
        'invalid-status-transition',
        `Không thể ${ACTION_VI[action]} khi ${SITE_NAME[kind].vi} đang ${STATUS_VI[site.status]}`,
        `Cannot ${action} a ${SITE_NAME[kind].en.toLowerCase()} that is ${site.status}`,
        { status: site.status },
      );
    }
    if (action !== 'issue' && !reason) {
      throw ruleViolation('reason-required', 'reason', 'cần nêu lý do', 'a reason is required');
    }
    let code = site.code;
    let facilityNumber = site.facilityNumber;
    const now = new Date();
    if (assignsCode(action)) {
      facilityNumber ??= await this.nextFacilityNumber(manager, kind, site.place.provinceCode);
      code = this.codeFor(kind, site, facilityNumber, yearInVietnam(now));
    }
    try {
      await manager.query(
        `UPDATE ${SITE_TABLE[kind]}
            SET status = $2, code = $3, facility_number = $4, updated_at = $5, version = version + 1
          WHERE id = $1`,
        [id, next, code, facilityNumber, now],
      );
    } catch (err) {
      if (uniqueViolation(err) === undefined) throw err;
      // Only a template without {province} can make two provinces' numbers collide.
      throw conflict(
        'site-code-taken',
        `Mã ${code} đã được cấp cho nơi khác: mẫu mã cần có mã tỉnh`,
        `Code ${code} is already issued elsewhere: the code template needs the province`,
      );
    }
    await this.record(manager, kind, id, action, next, code, reason ?? null, actor, {
      ...(site.code !== code ? { previousCode: site.code } : {}),
      ...(facilityNumber !== null ? { facilityNumber } : {}),
    });
    return { status: next, code, previousCode: site.code };
  }

  async addExportCode(manager: EntityManager, kind: SiteKind, id: string, actor: Actor, entry: ExportCodeV1) {
    const site = await this.lockForReview(manager, kind, id, actor);
    const expected = kind === 'growing-area' ? 'PUC' : 'PHC';
    if (entry.scheme !== expected) {
      throw ruleViolation(
        'export-code-scheme',
        'scheme',
        `${SITE_NAME[kind].vi} dùng mã ${expected}`,
        `a ${SITE_NAME[kind].en.toLowerCase()} takes ${expected} codes`,
      );
    }
    // TypeORM answers an UPDATE with [rows, affected].
    const [, affected] = (await manager.query(
      `UPDATE ${SITE_TABLE[kind]}
          SET export_codes = export_codes || $2::jsonb, updated_at = now(), version = version + 1
        WHERE id = $1 AND NOT export_codes @> $3::jsonb`,
      [
        id,
        JSON.stringify([entry]),
        JSON.stringify([{ code: entry.code, importingCountry: entry.importingCountry }]),
      ],
    )) as [unknown, number];
    if (!affected) {
      throw conflict(
        'export-code-exists',
        'Mã xuất khẩu này đã được ghi nhận',
        'This export code is already recorded',
      );
    }
    await this.record(manager, kind, id, 'export-code-added', site.status, site.code, null, actor, {
      ...entry,
    });
  }

  async record(
    manager: EntityManager,
    kind: SiteKind,
    siteId: string,
    action: string,
    status: SiteStatus,
    code: string | null,
    reason: string | null,
    actor: Actor,
    details: Record<string, unknown> = {},
  ): Promise<void> {
    const entry: SiteHistoryEntry = {
      id: randomUUID(),
      siteKind: kind,
      siteId,
      action,
      status,
      code,
      reason,
      actorId: actor.accountId,
      at: new Date(),
      details,
    };
    await manager.getRepository(SiteHistoryEntry).save(entry);
  }

  async history(kind: SiteKind, siteId: string): Promise<SiteHistoryEntry[]> {
    return this.dataSource.getRepository(SiteHistoryEntry).find({
      where: { siteKind: kind, siteId },
      order: { at: 'ASC' },
    });
  }

  /**
   * The next facility number of the province, from a counter row locked until this transaction ends: issuers in
   * the same province queue on it, and a rolled-back issue gives its number back, so the numbers run 1, 2, 3…
   * without a gap or a repeat however many officers issue at once.
   */
  private async nextFacilityNumber(
    manager: EntityManager,
    kind: SiteKind,
    provinceCode: string,
  ): Promise<number> {
    await manager.query(
      `INSERT INTO facility_counters (site_kind, province_code, last_number) VALUES ($1, $2, 0)
       ON CONFLICT DO NOTHING`,
      [kind, provinceCode],
    );
    const [{ last_number: last }] = (await manager.query(
      `SELECT last_number FROM facility_counters WHERE site_kind = $1 AND province_code = $2 FOR UPDATE`,
      [kind, provinceCode],
    )) as { last_number: number }[];
    await manager.query(
      `UPDATE facility_counters SET last_number = $3 WHERE site_kind = $1 AND province_code = $2`,
      [kind, provinceCode, last + 1],
    );
    return last + 1;
  }

  private codeFor(kind: SiteKind, site: LockedSite, facilityNumber: number, year: number): string {
    const template =
      kind === 'growing-area' ? this.config.GROWING_AREA_CODE_FORMAT : this.config.PACKING_HOUSE_CODE_FORMAT;
    try {
      return formatSiteCode(template, {
        provinceCode: site.place.provinceCode,
        districtCode: site.place.districtCode,
        communeCode: site.place.communeCode,
        facilityNumber,
        year,
      });
    } catch (err) {
      if (!(err instanceof SiteCodeFormatError)) throw err;
      throw conflict(
        'code-template-needs-district',
        'Mẫu mã cần mã huyện nhưng địa bàn không có huyện (từ 01/7/2025): cần đổi cấu hình mẫu mã',
        'The code template needs a district code and the site has none (since 1 July 2025): change the template',
      );
    }
  }

  private async lock(manager: EntityManager, kind: SiteKind, id: string): Promise<LockedSite | undefined> {
    const [row] = (await manager.query(
      `SELECT id, producer_id, status, code, facility_number, province_code, district_code, commune_code
         FROM ${SITE_TABLE[kind]} WHERE id = $1 FOR UPDATE`,
      [id],
    )) as {
      id: string;
      producer_id: string;
      status: SiteStatus;
      code: string | null;
      facility_number: number | null;
      province_code: string;
      district_code: string | null;
      commune_code: string;
    }[];
    if (!row) return undefined;
    return {
      id: row.id,
      producerId: row.producer_id,
      status: row.status,
      code: row.code,
      facilityNumber: row.facility_number,
      place: {
        provinceCode: row.province_code,
        ...(row.district_code ? { districtCode: row.district_code } : {}),
        communeCode: row.commune_code,
      },
    };
  }
}
