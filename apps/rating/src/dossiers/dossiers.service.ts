import { Inject, Injectable } from '@nestjs/common';
import { Actor, ownsProducer } from '@ocop/auth';
import { DossierAcceptedV1, DossierReturnedV1, DossierSubmittedV1, RatingEvents } from '@ocop/contracts';
import { EventOutbox } from '@ocop/messaging';
import {
  checkChoices,
  DOSSIER_CHECKLIST,
  DOSSIER_EDITABLE,
  DOSSIER_TRANSITIONS,
  DossierAction,
  DossierStatus,
  entryLevel,
  levelChain,
  previousLevel,
  reviewsOnly,
  ROUND_TRANSITIONS,
  transition,
} from '@ocop/ocop-domain';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import {
  isAdmin,
  officerCoversPlaces,
  officerCoversTerritory,
  scopeMap,
  territoryContains,
} from '../common/access';
import { Clock, vietnamDate } from '../common/clock';
import { Page, queueKeyset, timeIdKey, toPage } from '@ocop/service-kit';
import { RatingProblems } from '../common/problems';
import { SqlParams } from '../common/sql';
import { CouncilsService } from '../councils/councils.service';
import { ProducerView, ProductView } from '../read-model/views.entity';
import { Round, roundScope, roundView, territoryOf } from '../rounds/round.entity';
import { RoundsService } from '../rounds/rounds.service';
import { RubricCatalog } from '../rubrics/rubric-catalog';
import { COUNCIL_VISIBLE, mayReadDossier } from './dossier-access';
import { dossierView, DossierView } from './dossier-views';
import { Attachment, ChecklistEntry, Dossier } from './dossier.entity';
import {
  AcceptDossierDto,
  CreateDossierDto,
  DossierListQuery,
  IntakeDto,
  ItemRequestDto,
  ReasonDto,
  ReturnDossierDto,
  UpdateDossierDto,
} from './dto/dossier.dto';

const notFound = () => RatingProblems.notFound('hồ sơ', 'Dossier');

/**
 * Dossiers and their workflow: the producer fills in the registration form, answers the sheet for themself and
 * files the documents; officers check completeness and return the dossier with comments or accept it; the
 * producer resubmits. Every status change goes through the domain's transition table and is recorded.
 */
@Injectable()
export class DossiersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rounds: RoundsService,
    private readonly councils: CouncilsService,
    private readonly outbox: EventOutbox,
    private readonly clock: Clock,
    @Inject(RubricCatalog) private readonly rubrics: RubricCatalog,
  ) {}

  async create(actor: Actor, roundId: string, dto: CreateDossierDto): Promise<DossierView> {
    const id = await this.dataSource.transaction(async (manager) => {
      const round = await this.rounds.lock(manager, roundId);
      const product = await manager.findOneBy(ProductView, { id: dto.productId });
      const producer = product && (await manager.findOneBy(ProducerView, { id: product.producerId }));
      if (!product || !producer) {
        throw RatingProblems.unprocessable(
          'product-unknown',
          'Sản phẩm chưa có trong danh mục (hoặc chưa đồng bộ sang)',
          'The product is not (yet) known from the catalogue',
        );
      }
      if (!ownsProducer(actor, producer.id) && !officerCoversPlaces(actor, producer.places)) throw notFound();
      const chain = levelChain(round.rules);
      if (round.status !== 'open') throw this.roundNotOpen(round);
      if (!chain || round.level !== entryLevel(chain)) {
        throw RatingProblems.conflict(
          'round-takes-forwarded-only',
          `Đợt cấp ${round.level} chỉ nhận sản phẩm do cấp dưới chuyển lên`,
          `A ${round.level} round only takes products forwarded by the level below`,
        );
      }
      if (!territoryContains(territoryOf(round), producer.places)) {
        throw RatingProblems.unprocessable(
          'outside-round-territory',
          'Chủ thể không thuộc địa bàn của đợt đánh giá',
          'The producer is outside the round’s territory',
        );
      }
      if (product.status === 'discontinued') {
        throw RatingProblems.unprocessable(
          'product-discontinued',
          'Sản phẩm đã ngừng sản xuất',
          'The product is discontinued',
        );
      }
      // The product's QĐ 148 set, mapped to the round's decision: never a bare number of another decision.
      const sheet = await this.rubrics.sheetForProduct(manager, round, product.productSet, {
        setCode: dto.rubricSetCode,
        caseCode: dto.rubricCase,
      });
      const now = this.clock.now();
      const dossier = manager.create(Dossier, {
        id: randomUUID(),
        roundId,
        productId: product.id,
        producerId: producer.id,
        productName: product.nameVi,
        producerName: producer.name,
        places: producer.places,
        rubricVersion: round.rubricVersion,
        rubricSetNo: sheet.set.setNo ?? null,
        rubricSetCode: sheet.set.setCode,
        rubricSheetId: sheet.sheetId,
        rubricCase: sheet.caseCode,
        status: 'draft',
        registration: { ...dto.registration },
        selfAssessment: null,
        forwardedFromResultId: null,
        forwardedFromDossierId: null,
        createdBy: actor.accountId,
        createdAt: now,
        updatedAt: now,
        submittedAt: null,
      });
      await this.insert(manager, dossier);
      await this.record(manager, dossier, 'create', 'draft', 'draft', actor);
      return dossier.id;
    });
    return this.get(actor, id);
  }

  private async insert(manager: EntityManager, dossier: Dossier): Promise<void> {
    try {
      await manager.insert(Dossier, dossier);
    } catch (err) {
      if (
        (err as { driverError?: { constraint?: string } }).driverError?.constraint ===
        'dossiers_one_per_round'
      ) {
        throw RatingProblems.conflict(
          'dossier-exists',
          'Sản phẩm đã có hồ sơ trong đợt này',
          'The product already has a dossier in this round',
        );
      }
      throw err;
    }
    await manager.insert(
      ChecklistEntry,
      DOSSIER_CHECKLIST.map((item) => ({
        dossierId: dossier.id,
        code: item.code,
        required: item.required,
        officerComment: null,
        supplementDueOn: null,
      })),
    );
  }

  private roundNotOpen(round: Round) {
    return RatingProblems.conflict(
      'round-not-open',
      `Đợt đánh giá không nhận hồ sơ (trạng thái "${round.status}", từ ${round.opensOn} đến ${round.closesOn})`,
      `The round does not take dossiers (status "${round.status}", ${round.opensOn} to ${round.closesOn})`,
    );
  }

  async get(actor: Actor, dossierId: string): Promise<DossierView> {
    const dossier = await this.readable(this.dataSource.manager, actor, dossierId);
    return this.view(this.dataSource.manager, dossier);
  }

  async view(manager: EntityManager, dossier: Dossier): Promise<DossierView> {
    const [checklist, attachments] = await Promise.all([
      manager.findBy(ChecklistEntry, { dossierId: dossier.id }),
      manager.find(Attachment, { where: { dossierId: dossier.id }, order: { uploadedAt: 'ASC' } }),
    ]);
    const { sheet } = await this.rubrics.revision(dossier.rubricSheetId, manager);
    return dossierView(dossier, checklist, attachments, sheet);
  }

  /** The dossier if the actor may read it; otherwise it does not exist for them. */
  async readable(manager: EntityManager, actor: Actor, dossierId: string, lock = false): Promise<Dossier> {
    const dossier = await manager.findOne(Dossier, {
      where: { id: dossierId },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!dossier) throw notFound();
    const role = actor.roles.includes('council')
      ? await this.councils.roleIn(manager, dossier.roundId, actor.accountId)
      : undefined;
    if (!mayReadDossier(actor, dossier, role)) throw notFound();
    return dossier;
  }

  async list(actor: Actor, query: DossierListQuery): Promise<Page<DossierView>> {
    const p = new SqlParams();
    const who: string[] = [];
    if (isAdmin(actor)) who.push('true');
    if (actor.roles.includes('producer') && actor.producerId)
      who.push(`d.producer_id = ${p.add(actor.producerId)}`);
    const map = scopeMap(actor);
    if (actor.roles.includes('officer') && map && actor.scope) {
      const at = `d.places -> ${p.add(map)}`;
      const scope = actor.scope;
      who.push(
        `(${at} ->> 'provinceCode' = ${p.add(scope.provinceCode)}` +
          (scope.communeCode
            ? ` AND ${at} ->> 'communeCode' = ${p.add(scope.communeCode)})`
            : scope.districtCode
              ? ` AND ${at} ->> 'districtCode' = ${p.add(scope.districtCode)})`
              : ')'),
      );
    }
    if (actor.roles.includes('council')) {
      who.push(`(d.status IN (${COUNCIL_VISIBLE.map((s) => p.add(s)).join(', ')}) AND EXISTS (
        SELECT 1 FROM council_members m WHERE m.round_id = d.round_id AND m.account_id = ${p.add(actor.accountId)}))`);
    }
    if (!who.length) return { items: [] };
    const where = [`(${who.join(' OR ')})`];
    if (query.roundId) where.push(`d.round_id = ${p.add(query.roundId)}`);
    if (query.status) where.push(`d.status = ${p.add(query.status)}`);
    if (query.productId) where.push(`d.product_id = ${p.add(query.productId)}`);
    // An officer checks dossiers from the one submitted longest ago; other lists read from the newest.
    const waiting = query.sort === 'waiting';
    const since = waiting ? 'COALESCE(d.submitted_at, d.created_at)' : 'd.created_at';
    const keyset = queueKeyset(query, 'dossiers');
    if (keyset.after) {
      where.push(`(${since}, d.id) ${keyset.beyond} (${p.add(keyset.after.at)}, ${p.add(keyset.after.id)})`);
    }
    const rows = await this.dataSource
      .getRepository(Dossier)
      .createQueryBuilder('d')
      .where(where.join(' AND '), p.values)
      .orderBy(since, keyset.direction)
      .addOrderBy('d.id', keyset.direction)
      .limit(query.limit + 1)
      .getMany();
    const page = toPage(
      rows,
      query.limit,
      keyset.cursorKind,
      (d) => timeIdKey(waiting ? (d.submittedAt ?? d.createdAt) : d.createdAt, d.id),
      (d) => d,
    );
    return {
      ...page,
      items: await Promise.all(page.items.map((d) => this.view(this.dataSource.manager, d))),
    };
  }

  async history(actor: Actor, dossierId: string) {
    await this.readable(this.dataSource.manager, actor, dossierId);
    const rows: {
      action: string;
      from_status: string;
      to_status: string;
      actor_id: string;
      at: Date;
      comment: string | null;
      details: unknown;
    }[] = await this.dataSource.query(
      `SELECT action, from_status, to_status, actor_id, at, comment, details FROM dossier_events WHERE dossier_id = $1 ORDER BY id`,
      [dossierId],
    );
    return rows.map((r) => ({
      action: r.action,
      from: r.from_status,
      to: r.to_status,
      actorId: r.actor_id,
      at: r.at.toISOString(),
      comment: r.comment,
      details: r.details,
    }));
  }

  /** The producer (or an officer on their behalf) edits the form and the self-assessment while it is theirs. */
  async update(actor: Actor, dossierId: string, dto: UpdateDossierDto): Promise<DossierView> {
    await this.dataSource.transaction(async (manager) => {
      const dossier = await this.editable(manager, actor, dossierId);
      if (dto.selfAssessment) {
        const set = await this.rubrics.usableRevision(dossier.rubricSheetId, manager);
        const problems = checkChoices(set, dto.selfAssessment, false, dossier.rubricCase);
        if (problems.length) throw choiceProblems('selfAssessment', problems);
        dossier.selfAssessment = dto.selfAssessment;
      }
      if (dto.registration) dossier.registration = { ...dto.registration };
      dossier.updatedAt = this.clock.now();
      await manager.save(dossier);
    });
    return this.get(actor, dossierId);
  }

  /** The dossier for a change by its producer: theirs (or in an officer's territory), and still open to edits. */
  async editable(manager: EntityManager, actor: Actor, dossierId: string): Promise<Dossier> {
    const dossier = await this.readable(manager, actor, dossierId, true);
    if (!ownsProducer(actor, dossier.producerId) && !officerCoversPlaces(actor, dossier.places)) {
      throw RatingProblems.forbidden(
        'Chỉ chủ thể sửa được hồ sơ của mình',
        'Only the producer edits its dossier',
      );
    }
    if (!DOSSIER_EDITABLE.includes(dossier.status)) {
      throw RatingProblems.conflict(
        'dossier-not-editable',
        `Hồ sơ ở trạng thái "${dossier.status}" không sửa được`,
        `A dossier in status "${dossier.status}" cannot be edited`,
        { currentStatus: dossier.status },
      );
    }
    return dossier;
  }

  async submit(actor: Actor, dossierId: string): Promise<DossierView> {
    return this.act(actor, dossierId, 'submit', async (manager, dossier, round) => {
      if (!ownsProducer(actor, dossier.producerId) && !officerCoversPlaces(actor, dossier.places)) {
        throw RatingProblems.forbidden(
          'Chỉ chủ thể nộp được hồ sơ của mình',
          'Only the producer submits its dossier',
        );
      }
      const today = vietnamDate(this.clock.now());
      if (round.status !== 'open' || today < round.opensOn || today > round.closesOn)
        throw this.roundNotOpen(round);
      const set = await this.rubrics.usableRevision(dossier.rubricSheetId, manager);
      const problems = checkChoices(set, dossier.selfAssessment ?? {}, true, dossier.rubricCase);
      if (problems.length) {
        throw RatingProblems.unprocessable(
          'self-assessment-incomplete',
          'Chưa tự đánh giá đủ các tiêu chí',
          'The self-assessment does not answer every criterion',
          { criteria: problems.map((pr) => pr.key) },
        );
      }
      const missing: { code: string }[] = await manager.query(
        `SELECT c.code FROM dossier_checklist c
          WHERE c.dossier_id = $1 AND c.required AND c.supplement_due_on IS NULL
            AND NOT EXISTS (SELECT 1 FROM dossier_attachments a WHERE a.dossier_id = c.dossier_id AND a.item_code = c.code)
          ORDER BY c.code`,
        [dossier.id],
      );
      if (missing.length) {
        throw RatingProblems.unprocessable(
          'dossier-incomplete',
          `Thiếu tài liệu bắt buộc: ${missing.map((m) => m.code).join(', ')}`,
          `Required documents missing: ${missing.map((m) => m.code).join(', ')}`,
          { items: missing.map((m) => m.code) },
        );
      }
      const resubmission = dossier.status === 'returned';
      dossier.submittedAt = this.clock.now();
      const data: DossierSubmittedV1 = {
        dossierId: dossier.id,
        roundId: round.id,
        roundName: round.name,
        level: round.level,
        productId: dossier.productId,
        producerId: dossier.producerId,
        productName: dossier.productName,
        resubmission,
        submittedAt: dossier.submittedAt.toISOString(),
        territory: roundScope(round),
        actorId: actor.accountId,
      };
      await this.outbox.add(manager, { type: RatingEvents.dossierSubmitted, subject: dossier.id, data });
      return {};
    });
  }

  async return(actor: Actor, dossierId: string, dto: ReturnDossierDto): Promise<DossierView> {
    return this.act(actor, dossierId, 'return', async (manager, dossier, round) => {
      this.assertReviewer(actor, round);
      await this.applyItemRequests(manager, dossier.id, dto.items ?? []);
      const data: DossierReturnedV1 = {
        dossierId: dossier.id,
        roundId: round.id,
        roundName: round.name,
        productId: dossier.productId,
        producerId: dossier.producerId,
        productName: dossier.productName,
        comment: dto.comment,
        items: (dto.items ?? []).map((i) => ({
          code: i.code,
          ...(i.comment ? { comment: i.comment } : {}),
          ...(i.supplementDueOn ? { supplementDueOn: i.supplementDueOn } : {}),
        })),
        returnedAt: this.clock.now().toISOString(),
        actorId: actor.accountId,
      };
      await this.outbox.add(manager, { type: RatingEvents.dossierReturned, subject: dossier.id, data });
      return { comment: dto.comment, details: { items: dto.items ?? [] } };
    });
  }

  /** Accepting with evidence still to come is allowed, item by item, with a deadline; otherwise it must be complete. */
  async accept(actor: Actor, dossierId: string, dto: AcceptDossierDto): Promise<DossierView> {
    return this.act(actor, dossierId, 'accept', async (manager, dossier, round) => {
      this.assertReviewer(actor, round);
      const pending = (dto.items ?? []).filter((i) => !i.supplementDueOn);
      if (pending.length) {
        throw RatingProblems.invalid('items', 'mỗi mục cần hạn bổ sung', 'every item needs supplementDueOn');
      }
      await this.applyItemRequests(manager, dossier.id, dto.items ?? []);
      const missing: { code: string }[] = await manager.query(
        `SELECT c.code FROM dossier_checklist c
          WHERE c.dossier_id = $1 AND c.required AND c.supplement_due_on IS NULL
            AND NOT EXISTS (SELECT 1 FROM dossier_attachments a WHERE a.dossier_id = c.dossier_id AND a.item_code = c.code)`,
        [dossier.id],
      );
      if (missing.length) {
        throw RatingProblems.unprocessable(
          'dossier-incomplete',
          `Thiếu tài liệu bắt buộc: ${missing.map((m) => m.code).join(', ')}`,
          `Required documents missing: ${missing.map((m) => m.code).join(', ')}`,
          { items: missing.map((m) => m.code) },
        );
      }
      const data: DossierAcceptedV1 = {
        dossierId: dossier.id,
        roundId: round.id,
        roundName: round.name,
        level: round.level,
        productId: dossier.productId,
        producerId: dossier.producerId,
        productName: dossier.productName,
        supplements: (dto.items ?? []).map((i) => ({
          code: i.code,
          supplementDueOn: i.supplementDueOn as string,
        })),
        acceptedAt: this.clock.now().toISOString(),
        actorId: actor.accountId,
      };
      await this.outbox.add(manager, { type: RatingEvents.dossierAccepted, subject: dossier.id, data });
      return { details: { items: dto.items ?? [] } };
    });
  }

  async reject(actor: Actor, dossierId: string, dto: ReasonDto): Promise<DossierView> {
    return this.act(actor, dossierId, 'reject', async (_manager, _dossier, round) => {
      this.assertReviewer(actor, round);
      return { comment: dto.reason };
    });
  }

  async withdraw(actor: Actor, dossierId: string): Promise<DossierView> {
    return this.act(actor, dossierId, 'withdraw', async (_manager, dossier) => {
      if (!ownsProducer(actor, dossier.producerId) && !officerCoversPlaces(actor, dossier.places)) {
        throw RatingProblems.forbidden(
          'Chỉ chủ thể rút được hồ sơ của mình',
          'Only the producer withdraws its dossier',
        );
      }
      return {};
    });
  }

  /** Officers who run the round check its dossiers. */
  private assertReviewer(actor: Actor, round: Round): void {
    if (isAdmin(actor) || officerCoversTerritory(actor, territoryOf(round))) return;
    throw RatingProblems.forbidden(
      'Chỉ cán bộ phụ trách đợt mới kiểm tra hồ sơ',
      'Only the round’s officers review dossiers',
    );
  }

  private async applyItemRequests(
    manager: EntityManager,
    dossierId: string,
    items: ItemRequestDto[],
  ): Promise<void> {
    for (const item of items) {
      await manager.update(
        ChecklistEntry,
        { dossierId, code: item.code },
        { officerComment: item.comment ?? null, supplementDueOn: item.supplementDueOn ?? null },
      );
    }
  }

  /**
   * One workflow action: lock the round then the dossier (always in that order), check the transition, run the
   * action's own checks and effects, move the status and record it, all in one transaction.
   */
  async act(
    actor: Actor,
    dossierId: string,
    action: DossierAction,
    run: (
      manager: EntityManager,
      dossier: Dossier,
      round: Round,
    ) => Promise<{ comment?: string; details?: unknown }>,
  ): Promise<DossierView> {
    await this.dataSource.transaction(async (manager) => {
      const found = await this.readable(manager, actor, dossierId);
      const round = await this.rounds.lock(manager, found.roundId);
      const dossier = await this.readable(manager, actor, dossierId, true);
      const to = transition(DOSSIER_TRANSITIONS, action, dossier.status);
      if (!to) throw RatingProblems.invalidTransition('dossier', action, dossier.status);
      const { comment, details } = await run(manager, dossier, round);
      const from = dossier.status;
      dossier.status = to;
      dossier.updatedAt = this.clock.now();
      await manager.save(dossier);
      await this.record(manager, dossier, action, from, to, actor, comment, details);
    });
    return this.get(actor, dossierId);
  }

  async record(
    manager: EntityManager,
    dossier: Dossier,
    action: string,
    from: DossierStatus,
    to: DossierStatus,
    actor: Actor,
    comment?: string,
    details?: unknown,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO dossier_events (dossier_id, action, from_status, to_status, actor_id, at, comment, details)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        dossier.id,
        action,
        from,
        to,
        actor.accountId,
        this.clock.now(),
        comment ?? null,
        JSON.stringify(details ?? {}),
      ],
    );
  }

  /**
   * A review-only level's decision (the commune under QĐ 1489): every checked (accepted) dossier of the round is
   * proposed to the province under the commune's proposal document, and the round's work is done. Nothing is
   * scored; the province council scores what it takes in.
   */
  async propose(actor: Actor, roundId: string, dto: { decisionRef: string; decisionDate: string }) {
    return this.dataSource.transaction(async (manager) => {
      const round = await this.rounds.lock(manager, roundId, 'exclusive');
      this.rounds.assertMayManage(actor, territoryOf(round));
      const chain = levelChain(round.rules);
      if (!chain || !reviewsOnly(chain, round.level)) {
        throw RatingProblems.conflict(
          'level-scores',
          `Cấp ${round.level} chấm điểm: kết quả được phê duyệt (approve-results), không đề xuất`,
          `The ${round.level} level scores: its results are approved (approve-results), not proposed`,
        );
      }
      if (!transition(ROUND_TRANSITIONS, 'propose', round.status))
        throw RatingProblems.invalidTransition('round', 'propose', round.status);
      const today = vietnamDate(this.clock.now());
      if (dto.decisionDate < round.opensOn || dto.decisionDate > today) {
        throw RatingProblems.invalid(
          'decisionDate',
          `phải từ ${round.opensOn} đến hôm nay (${today})`,
          `must be between ${round.opensOn} and today (${today})`,
        );
      }
      const dossiers = await manager.find(Dossier, {
        where: { roundId, status: In(['submitted', 'accepted']) },
        order: { createdAt: 'ASC' },
        lock: { mode: 'pessimistic_write' },
      });
      const pending = dossiers.filter((d) => d.status === 'submitted');
      if (pending.length) {
        throw RatingProblems.conflict(
          'dossiers-pending-review',
          `Còn ${pending.length} hồ sơ đã nộp chưa được kiểm tra`,
          `${pending.length} submitted dossier(s) still await review`,
          { dossierIds: pending.map((d) => d.id) },
        );
      }
      const now = this.clock.now();
      for (const dossier of dossiers) {
        dossier.status = 'proposed';
        dossier.updatedAt = now;
        await manager.save(dossier);
        await this.record(manager, dossier, 'propose', 'accepted', 'proposed', actor, undefined, {
          decisionRef: dto.decisionRef,
          decisionDate: dto.decisionDate,
        });
      }
      round.decisionRef = dto.decisionRef;
      round.decisionDate = dto.decisionDate;
      await this.rounds.apply(manager, round, 'propose', actor);
      return { ...roundView(round), proposedDossierIds: dossiers.map((d) => d.id) };
    });
  }

  /**
   * Takes products the level below sent on into this round: one new dossier per approved result forwarded to this
   * level (a scoring level below), or per dossier proposed by a review-only level below, with the producer's form,
   * checklist and files, waiting for the officers' check.
   */
  async intake(actor: Actor, roundId: string, dto: IntakeDto): Promise<{ taken: DossierView[] }> {
    const ids = await this.dataSource.transaction(async (manager) => {
      // Exclusive: two intakes at once would race for the same forwarded results.
      const round = await this.rounds.lock(manager, roundId, 'exclusive');
      this.rounds.assertMayManage(actor, territoryOf(round));
      if (round.status !== 'open') throw this.roundNotOpen(round);
      const chain = levelChain(round.rules);
      const below = chain && previousLevel(chain, round.level);
      if (!below) {
        throw RatingProblems.conflict(
          'round-takes-applications-only',
          `Đợt cấp ${round.level} là cấp đầu tiên, nhận hồ sơ trực tiếp từ chủ thể`,
          `A ${round.level} round is the first level and takes applications directly`,
        );
      }
      // Results forwarded by a scoring level (and, for rounds stored before the commune stopped scoring, by the
      // commune), then dossiers proposed by a review-only level.
      const forwarded: { result_id: string | null; dossier_id: string }[] = await manager.query(
        `SELECT r.id AS result_id, d.id AS dossier_id
           FROM results r JOIN dossiers d ON d.id = r.dossier_id JOIN rounds lr ON lr.id = r.round_id
          WHERE r.status = 'approved' AND r.forwarded_to = $1 AND lr.rules = $2 AND lr.level = $3
            AND ($4::uuid[] IS NULL OR r.id = ANY ($4::uuid[]))
            AND NOT EXISTS (SELECT 1 FROM dossiers t WHERE t.forwarded_from_result_id = r.id
                              AND t.status NOT IN ('withdrawn', 'rejected'))
          ORDER BY r.approved_at, r.id`,
        [round.level, round.rules, below, dto.resultIds ?? null],
      );
      const proposed: { result_id: string | null; dossier_id: string }[] = await manager.query(
        `SELECT NULL AS result_id, d.id AS dossier_id
           FROM dossiers d JOIN rounds lr ON lr.id = d.round_id
          WHERE d.status = 'proposed' AND lr.rules = $1 AND lr.level = $2
            AND ($3::uuid[] IS NULL OR d.id = ANY ($3::uuid[]))
            AND NOT EXISTS (SELECT 1 FROM dossiers t WHERE t.forwarded_from_dossier_id = d.id
                              AND t.status NOT IN ('withdrawn', 'rejected'))
          ORDER BY d.updated_at, d.id`,
        [round.rules, below, dto.dossierIds ?? null],
      );
      const taken: string[] = [];
      const now = this.clock.now();
      for (const candidate of [...forwarded, ...proposed]) {
        const from = await manager.findOneByOrFail(Dossier, { id: candidate.dossier_id });
        if (!territoryContains(territoryOf(round), from.places)) continue;
        // The same set and case, on the revision this round pinned; a level that cannot score it skips it.
        if (from.rubricVersion !== round.rubricVersion) continue;
        const [pin]: { sheet_id: string }[] = await manager.query(
          `SELECT sheet_id FROM round_rubric_sheets WHERE round_id = $1 AND set_code = $2`,
          [round.id, from.rubricSetCode],
        );
        if (!pin || !(await this.rubrics.revision(pin.sheet_id, manager)).sheet.usable) continue;
        const source = candidate.result_id
          ? { forwardedFromResultId: candidate.result_id, forwardedFromDossierId: null }
          : { forwardedFromResultId: null, forwardedFromDossierId: from.id };
        const dossier = manager.create(Dossier, {
          ...from,
          id: randomUUID(),
          roundId: round.id,
          rubricVersion: round.rubricVersion,
          rubricSheetId: pin.sheet_id,
          status: 'submitted',
          ...source,
          createdBy: actor.accountId,
          createdAt: now,
          updatedAt: now,
          submittedAt: now,
        });
        await this.insert(manager, dossier);
        await manager.query(
          `UPDATE dossier_checklist t SET required = s.required FROM dossier_checklist s
            WHERE t.dossier_id = $1 AND s.dossier_id = $2 AND s.code = t.code`,
          [dossier.id, from.id],
        );
        await manager.query(
          `WITH copied AS (
             INSERT INTO dossier_attachments (id, dossier_id, item_code, file_name, content_type, size_bytes, sha256, uploaded_by, uploaded_at)
             SELECT gen_random_uuid(), $1, item_code, file_name, content_type, size_bytes, sha256, uploaded_by, uploaded_at
               FROM dossier_attachments WHERE dossier_id = $2
             RETURNING id, sha256)
           INSERT INTO dossier_attachment_contents (attachment_id, content)
           SELECT DISTINCT ON (c.id) c.id, o.content FROM copied c
             JOIN dossier_attachments a ON a.dossier_id = $2 AND a.sha256 = c.sha256
             JOIN dossier_attachment_contents o ON o.attachment_id = a.id`,
          [dossier.id, from.id],
        );
        await this.record(manager, dossier, 'intake', 'submitted', 'submitted', actor, undefined, {
          ...(candidate.result_id ? { forwardedFromResultId: candidate.result_id } : {}),
          fromDossierId: from.id,
        });
        taken.push(dossier.id);
      }
      return taken;
    });
    const dossiers = ids.length ? await this.dataSource.getRepository(Dossier).findBy({ id: In(ids) }) : [];
    return { taken: await Promise.all(dossiers.map((d) => this.view(this.dataSource.manager, d))) };
  }
}

export function choiceProblems(field: string, problems: { key: string; code: string }[]) {
  return RatingProblems.invalid(
    field,
    `câu trả lời không khớp phiếu đánh giá: ${problems.map((p) => `${p.key} (${p.code})`).join(', ')}`,
    `answers do not match the scoring sheet: ${problems.map((p) => `${p.key} (${p.code})`).join(', ')}`,
  );
}
