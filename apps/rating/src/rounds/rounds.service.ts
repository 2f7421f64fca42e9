import { Inject, Injectable } from '@nestjs/common';
import { Actor } from '@ocop/auth';
import { bilingual, DomainError, RatingEvents, RoundScoringStartedV1 } from '@ocop/contracts';
import { EventOutbox } from '@ocop/messaging';
import {
  entryLevel,
  LEVEL_CHAINS,
  LevelChain,
  levelChain,
  reviewsOnly,
  ROUND_TRANSITIONS,
  withinPeriod,
  RoundAction,
  RoundStatus,
  transition,
  formatVietnameseDate,
  unitMapOfProvince,
} from '@ocop/ocop-domain';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { isAdmin, isOfficer, officerCoversTerritory, scopeMap, Territory } from '../common/access';
import { Clock } from '../common/clock';
import { decodeTimeIdCursor, Page, timeIdKey, toPage } from '@ocop/service-kit';
import { RatingProblems } from '../common/problems';
import { SqlParams } from '../common/sql';
import { RubricCatalog } from '../rubrics/rubric-catalog';
import { CreateRoundDto, RoundListQuery } from './dto/round.dto';
import { Round, roundScope, roundView, territoryOf } from './round.entity';

export type RoundView = ReturnType<typeof roundView>;

const notFound = () => RatingProblems.notFound('đợt đánh giá', 'Round');

/**
 * A round belongs to the period of its rule set (decision 0032): its dates inside the period, its territory in the
 * period's administrative map, its sheets the period's. Each breach names the field and the period.
 */
function checkRulesOfPeriod(chain: LevelChain, dto: CreateRoundDto, territory: Territory): void {
  const period = { rules: chain.id, validFrom: chain.validFrom, validTo: chain.validTo };
  const until = chain.validTo ? formatVietnameseDate(chain.validTo) : 'nay';
  const untilEn = chain.validTo ?? 'today';
  for (const [field, day] of [
    ['opensOn', dto.opensOn],
    ['closesOn', dto.closesOn],
  ] as const) {
    if (!withinPeriod(chain, day, day)) {
      throw RatingProblems.ruleBroken(
        'round-outside-rules-period',
        field,
        `ngày ${formatVietnameseDate(day)} nằm ngoài thời kỳ áp dụng ${chain.legalBasis} (${formatVietnameseDate(chain.validFrom)} – ${until})`,
        `${day} is outside the period of ${chain.legalBasis} (${chain.validFrom} to ${untilEn})`,
        period,
      );
    }
  }
  if (!chain.unitMaps.includes(territory.unitMap)) {
    throw RatingProblems.ruleBroken(
      'round-map-not-of-rules',
      'territory.provinceCode',
      `địa bàn tỉnh ${territory.provinceCode} thuộc bản đồ hành chính ${territory.unitMap}, không phải bản đồ của thời kỳ ${chain.legalBasis} (${chain.unitMaps.join(', ')})`,
      `province ${territory.provinceCode} is on the ${territory.unitMap} map, not the map of the ${chain.legalBasis} period (${chain.unitMaps.join(', ')})`,
      { ...period, unitMap: territory.unitMap, unitMaps: chain.unitMaps },
    );
  }
  if (dto.rubricVersion && dto.rubricVersion !== chain.rubricVersion) {
    throw RatingProblems.ruleBroken(
      'round-rubric-not-of-rules',
      'rubricVersion',
      `thời kỳ ${chain.legalBasis} chấm theo bộ tiêu chí ${chain.rubricVersion}, không phải ${dto.rubricVersion}`,
      `the ${chain.legalBasis} period scores on ${chain.rubricVersion}, not ${dto.rubricVersion}`,
      { ...period, rubricVersion: chain.rubricVersion },
    );
  }
}

/** The territory a round of this level must name: a commune, a district, or the province. */
function checkTerritory(dto: CreateRoundDto): Territory {
  const { provinceCode, districtCode, communeCode } = dto.territory;
  const unitMap = unitMapOfProvince(provinceCode);
  if (!unitMap)
    throw RatingProblems.invalid('territory.provinceCode', 'tỉnh không được hỗ trợ', 'unsupported province');
  const wants = { commune: 'commune', district: 'district', province: 'province', central: 'province' }[
    dto.level
  ];
  const shape = communeCode ? 'commune' : districtCode ? 'district' : 'province';
  if (wants !== shape || (dto.level === 'district' && unitMap !== 'bt-2022')) {
    throw RatingProblems.invalid(
      'territory',
      `đợt cấp ${dto.level} cần địa bàn cấp ${wants} (cấp huyện chỉ có trên bản đồ 2022)`,
      `a ${dto.level} round needs a ${wants} territory (districts exist on the 2022 map only)`,
    );
  }
  return {
    unitMap,
    provinceCode,
    ...(districtCode ? { districtCode } : {}),
    ...(communeCode ? { communeCode } : {}),
  };
}

@Injectable()
export class RoundsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(RubricCatalog) private readonly rubrics: RubricCatalog,
    private readonly outbox: EventOutbox,
  ) {}

  async create(actor: Actor, dto: CreateRoundDto): Promise<RoundView> {
    const chain = levelChain(dto.rules);
    if (!chain?.levels.includes(dto.level)) {
      throw RatingProblems.invalid(
        'level',
        `quy trình ${dto.rules} không có cấp ${dto.level}`,
        `the ${dto.rules} process has no ${dto.level} level`,
      );
    }
    if (dto.closesOn < dto.opensOn)
      throw RatingProblems.invalid('closesOn', 'trước ngày mở', 'is before opensOn');
    // 5★ is the ministry's decision: the province proposes (decision 0033) and never runs a central round.
    if (dto.level === 'central' && !isAdmin(actor)) {
      throw new DomainError(
        'central-round-not-provincial',
        403,
        bilingual('Không có quyền', 'Forbidden'),
        bilingual(
          'Cấp trung ương do Bộ đánh giá: tỉnh lập hồ sơ đề xuất (/central-proposals) và ghi nhận quyết định của Bộ, không mở đợt cấp trung ương',
          'The central level is the ministry’s: the province prepares the proposal (/central-proposals) and records the ministry’s decision, it does not open central rounds',
        ),
        { field: 'level' },
      );
    }
    const territory = checkTerritory(dto);
    this.assertMayManage(actor, territory);
    checkRulesOfPeriod(chain, dto, territory);
    const rubricVersion = chain.rubricVersion;
    this.rubrics.spec(rubricVersion);
    const now = this.clock.now();
    const round = this.dataSource.getRepository(Round).create({
      id: randomUUID(),
      name: dto.name,
      level: dto.level,
      rules: dto.rules,
      unitMap: territory.unitMap,
      provinceCode: territory.provinceCode,
      districtCode: territory.districtCode ?? null,
      communeCode: territory.communeCode ?? null,
      opensOn: dto.opensOn,
      closesOn: dto.closesOn,
      rubricVersion,
      status: 'open',
      decisionRef: null,
      decisionDate: null,
      createdBy: actor.accountId,
      createdAt: now,
      updatedAt: now,
    });
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(Round, round);
      // The round scores on the sheets active today, whatever the province activates while it is open.
      await this.rubrics.pinRound(manager, round.id, rubricVersion);
    });
    return roundView(round);
  }

  /** Officers run rounds of their own territory; admins run any. */
  assertMayManage(actor: Actor, territory: Territory): void {
    if (isAdmin(actor) || officerCoversTerritory(actor, territory)) return;
    throw RatingProblems.forbidden(
      'Chỉ cán bộ phụ trách địa bàn của đợt mới quản lý được đợt này',
      'Only officers whose territory covers the round manage it',
    );
  }

  /** A review-only level (the commune under QĐ 1489) has no council and no scores: it proposes. */
  assertScores(round: Round): void {
    const chain = levelChain(round.rules);
    if (chain && reviewsOnly(chain, round.level)) {
      throw RatingProblems.conflict(
        'level-reviews-only',
        `Theo ${chain.legalBasis}, cấp ${round.level} chỉ kiểm tra hồ sơ và đề xuất lên tỉnh, không chấm điểm`,
        `Under ${chain.legalBasis} the ${round.level} level reviews dossiers and proposes them to the province; it does not score`,
        { rules: chain.id, level: round.level },
      );
    }
  }

  async get(actor: Actor, roundId: string): Promise<RoundView> {
    const [round] = await this.visible(actor, { roundId, limit: 1 });
    if (!round) throw notFound();
    return roundView(round);
  }

  async list(actor: Actor, query: RoundListQuery): Promise<Page<RoundView>> {
    const rows = await this.visible(actor, { ...query, limit: query.limit + 1 });
    return toPage(rows, query.limit, 'rounds', (r) => timeIdKey(r.createdAt, r.id), roundView);
  }

  /** Rounds the actor may see, newest first. */
  private async visible(
    actor: Actor,
    filter: { roundId?: string; status?: string; cursor?: string; limit: number },
  ): Promise<Round[]> {
    const p = new SqlParams();
    const who: string[] = [];
    if (isAdmin(actor)) who.push('true');
    const map = scopeMap(actor);
    // Any officer of the province reads its rounds; managing them is a narrower right (assertMayManage).
    if (isOfficer(actor) && map && actor.scope) {
      who.push(`(r.unit_map = ${p.add(map)} AND r.province_code = ${p.add(actor.scope.provinceCode)})`);
    }
    if (actor.roles.includes('council')) {
      who.push(
        `EXISTS (SELECT 1 FROM council_members m WHERE m.round_id = r.id AND m.account_id = ${p.add(actor.accountId)})`,
      );
    }
    if (actor.roles.includes('producer') && actor.producerId) {
      const producer = p.add(actor.producerId);
      const entry = LEVEL_CHAINS.map((c) => `(${p.add(c.id)}, ${p.add(entryLevel(c))})`).join(', ');
      who.push(`EXISTS (SELECT 1 FROM dossiers d WHERE d.round_id = r.id AND d.producer_id = ${producer})`);
      // Open rounds a producer may apply to: the entry level of the chain, over the producer's place.
      who.push(`(r.status = 'open' AND (r.rules, r.level) IN (${entry}) AND EXISTS (
        SELECT 1 FROM producer_views pv WHERE pv.id = ${producer}
          AND pv.places -> r.unit_map ->> 'provinceCode' = r.province_code
          AND (r.district_code IS NULL OR pv.places -> r.unit_map ->> 'districtCode' = r.district_code)
          AND (r.commune_code IS NULL OR pv.places -> r.unit_map ->> 'communeCode' = r.commune_code)))`);
    }
    if (!who.length) return [];
    const where = [`(${who.join(' OR ')})`];
    if (filter.roundId) where.push(`r.id = ${p.add(filter.roundId)}`);
    if (filter.status) where.push(`r.status = ${p.add(filter.status)}`);
    if (filter.cursor) {
      const c = decodeTimeIdCursor(filter.cursor, 'rounds');
      where.push(`(r.created_at, r.id) < (${p.add(c.at)}, ${p.add(c.id)})`);
    }
    return this.dataSource
      .getRepository(Round)
      .createQueryBuilder('r')
      .where(where.join(' AND '), p.values)
      .orderBy('r.created_at', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .limit(filter.limit)
      .getMany();
  }

  /**
   * The round, locked until the transaction ends. Work on its dossiers and council takes a shared lock (it runs side
   * by side and sees a stable status); a status change takes the exclusive one, so it waits for that work and
   * that work waits for it.
   */
  async lock(manager: EntityManager, roundId: string, mode: 'share' | 'exclusive' = 'share'): Promise<Round> {
    const round = await manager.getRepository(Round).findOne({
      where: { id: roundId },
      lock: { mode: mode === 'share' ? 'pessimistic_read' : 'pessimistic_write' },
    });
    if (!round) throw notFound();
    return round;
  }

  /** Applies a round action through the state machine and records it. */
  async apply(manager: EntityManager, round: Round, action: RoundAction, actor: Actor): Promise<RoundStatus> {
    const to = transition(ROUND_TRANSITIONS, action, round.status);
    if (!to) throw RatingProblems.invalidTransition('round', action, round.status);
    const now = this.clock.now();
    await manager.query(
      `INSERT INTO round_events (round_id, action, from_status, to_status, actor_id, at) VALUES ($1, $2, $3, $4, $5, $6)`,
      [round.id, action, round.status, to, actor.accountId, now],
    );
    round.status = to;
    round.updatedAt = now;
    await manager.getRepository(Round).save(round);
    return to;
  }

  async startScoring(actor: Actor, roundId: string): Promise<RoundView> {
    return this.dataSource.transaction(async (manager) => {
      const round = await this.lock(manager, roundId, 'exclusive');
      this.assertMayManage(actor, territoryOf(round));
      this.assertScores(round);
      if (!transition(ROUND_TRANSITIONS, 'start-scoring', round.status)) {
        throw RatingProblems.invalidTransition('round', 'start-scoring', round.status);
      }
      const [pending] = await manager.query(
        `SELECT count(*)::int AS n FROM dossiers WHERE round_id = $1 AND status = 'submitted'`,
        [roundId],
      );
      if (pending.n > 0) {
        throw RatingProblems.conflict(
          'dossiers-pending-review',
          `Còn ${pending.n} hồ sơ đã nộp chưa được kiểm tra`,
          `${pending.n} submitted dossier(s) still await review`,
        );
      }
      const [chair] = await manager.query(
        `SELECT 1 FROM council_members WHERE round_id = $1 AND role = 'chair'`,
        [roundId],
      );
      if (!chair) {
        throw RatingProblems.conflict(
          'council-without-chair',
          'Hội đồng chưa có chủ tịch',
          'The council has no chair',
        );
      }
      await this.apply(manager, round, 'start-scoring', actor);
      // The council learns it has work (notifications tells each member).
      const council: RoundScoringStartedV1['council'] = (
        await manager.query(
          `SELECT account_id, role FROM council_members WHERE round_id = $1 ORDER BY added_at`,
          [roundId],
        )
      ).map((m: { account_id: string; role: 'chair' | 'member' }) => ({
        accountId: m.account_id,
        role: m.role,
      }));
      const [accepted] = await manager.query(
        `SELECT count(*)::int AS n FROM dossiers WHERE round_id = $1 AND status = 'accepted'`,
        [roundId],
      );
      const data: RoundScoringStartedV1 = {
        roundId: round.id,
        roundName: round.name,
        level: round.level,
        territory: roundScope(round),
        council,
        dossierCount: accepted.n,
        startedAt: round.updatedAt.toISOString(),
        actorId: actor.accountId,
      };
      await this.outbox.add(manager, { type: RatingEvents.roundScoringStarted, subject: round.id, data });
      return roundView(round);
    });
  }

  async close(actor: Actor, roundId: string): Promise<RoundView> {
    return this.dataSource.transaction(async (manager) => {
      const round = await this.lock(manager, roundId, 'exclusive');
      this.assertMayManage(actor, territoryOf(round));
      await this.apply(manager, round, 'close', actor);
      return roundView(round);
    });
  }
}
