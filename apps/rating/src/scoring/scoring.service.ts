import { Inject, Injectable } from '@nestjs/common';
import { Actor } from '@ocop/auth';
import {
  DossierDecidedV1,
  ProductCertifiedV1,
  RatingEvents,
  RoundResultsApprovedV1,
  RoundResultV1,
} from '@ocop/contracts';
import { EventOutbox } from '@ocop/messaging';
import {
  certifiedStarsFor,
  checkChoices,
  Choices,
  councilResult,
  DOSSIER_TRANSITIONS,
  forwardedTo,
  LEVEL_RULES,
  levelChain,
  RubricSet,
  sheetTotals,
  transition,
} from '@ocop/ocop-domain';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In, IsNull, Not } from 'typeorm';
import { isAdmin, officerCoversPlaces } from '../common/access';
import { Clock, vietnamDate } from '../common/clock';
import { RatingProblems } from '../common/problems';
import { RatingConfig } from '../config';
import { Certificate, certificateV1 } from '../certificates/certificate.entity';
import { CertificatesService } from '../certificates/certificates.service';
import { CouncilsService } from '../councils/councils.service';
import { MemberConflict } from '../councils/member-conflict';
import { Dossier } from '../dossiers/dossier.entity';
import { choiceProblems, DossiersService } from '../dossiers/dossiers.service';
import { ApproveResultsDto } from '../rounds/dto/round.dto';
import { Round, roundView, territoryOf } from '../rounds/round.entity';
import { RoundsService } from '../rounds/rounds.service';
import { RubricCatalog } from '../rubrics/rubric-catalog';
import { capExplanations, excludedSheetView, resultView, scoresheetView } from './result-views';
import { AmendResultDto } from './scoring.dto';
import { Result, Scoresheet } from './scoring.entity';
import { farApartSheets } from './spread';

// The code predates the own-producer rule and clients switch on it; `conflict` says which kind it is.
const conflictProblem = (conflict: MemberConflict, extensions: Record<string, unknown> = {}) =>
  conflict === 'own-producer'
    ? RatingProblems.conflict(
        'member-tied-to-producer',
        'Tài khoản của thành viên thuộc chủ thể này nên không chấm sản phẩm của chủ thể',
        'The member’s account acts for this producer, so the member does not score its products',
        { conflict, ...extensions },
      )
    : RatingProblems.conflict(
        'member-tied-to-producer',
        'Thành viên có quan hệ với chủ thể nên không chấm sản phẩm này',
        'The member is tied to the producer and does not score this product',
        { conflict, ...extensions },
      );

/**
 * Council scoring and its decisions. Members score independently (nobody sees another's sheet before the chair
 * finalises); the chair's finalisation computes the result from the submitted sheets and locks them; approving
 * the round's results certifies products as the level allows; an approved result only changes by an amendment,
 * a new revision with its own decision and reason.
 */
@Injectable()
export class ScoringService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rounds: RoundsService,
    private readonly councils: CouncilsService,
    private readonly dossiers: DossiersService,
    private readonly certificates: CertificatesService,
    private readonly outbox: EventOutbox,
    private readonly clock: Clock,
    private readonly config: RatingConfig,
    @Inject(RubricCatalog) private readonly rubrics: RubricCatalog,
  ) {}

  /** A decision is dated within the round's life: not before it opened, not in the future. */
  private assertDecisionDate(round: Round, decisionDate: string): void {
    const today = vietnamDate(this.clock.now());
    if (decisionDate < round.opensOn || decisionDate > today) {
      throw RatingProblems.invalid(
        'decisionDate',
        `phải từ ${round.opensOn} đến hôm nay (${today})`,
        `must be between ${round.opensOn} and today (${today})`,
      );
    }
  }

  /** Round, then dossier, locked in that order (the same order as every dossier action), for a scoring change. */
  private async scoringContext(manager: EntityManager, actor: Actor, dossierId: string) {
    const found = await this.dossiers.readable(manager, actor, dossierId);
    const round = await this.rounds.lock(manager, found.roundId);
    const dossier = await this.dossiers.readable(manager, actor, dossierId, true);
    return { round, dossier, set: await this.rubrics.usableRevision(dossier.rubricSheetId, manager) };
  }

  private assertScoringOpen(round: Round, dossier: Dossier): void {
    if (round.status !== 'scoring' || dossier.status !== 'accepted') {
      throw RatingProblems.conflict(
        'scoring-closed',
        `Không chấm được: đợt "${round.status}", hồ sơ "${dossier.status}"`,
        `Scoring is closed: round "${round.status}", dossier "${dossier.status}"`,
        { roundStatus: round.status, dossierStatus: dossier.status },
      );
    }
  }

  async saveMine(actor: Actor, dossierId: string, choices: Choices, submit: boolean) {
    return this.dataSource.transaction(async (manager) => {
      const { dossier, set } = await this.memberScoringContext(manager, actor, dossierId);
      const conflict = await this.councils.conflictOf(manager, actor, dossier.producerId);
      if (conflict) throw conflictProblem(conflict);
      const problems = checkChoices(set, choices, false, dossier.rubricCase);
      if (problems.length) throw choiceProblems('choices', problems);
      let sheet = await manager.findOneBy(Scoresheet, {
        dossierId,
        revision: 1,
        memberAccountId: actor.accountId,
      });
      if (sheet?.submittedAt) {
        throw RatingProblems.conflict(
          'scoresheet-submitted',
          'Phiếu chấm đã nộp',
          'The scoresheet was already submitted',
        );
      }
      const merged = { ...(sheet?.choices ?? {}), ...choices };
      if (submit) {
        const missing = checkChoices(set, merged, true, dossier.rubricCase);
        if (missing.length) {
          throw RatingProblems.unprocessable(
            'scoresheet-incomplete',
            'Phiếu chấm chưa trả lời đủ các tiêu chí',
            'The scoresheet does not answer every criterion',
            { criteria: missing.map((m) => m.key) },
          );
        }
      }
      const totals = sheetTotals(set, merged, dossier.rubricCase);
      const now = this.clock.now();
      sheet = manager.create(Scoresheet, {
        id: sheet?.id ?? randomUUID(),
        dossierId,
        revision: 1,
        memberAccountId: actor.accountId,
        choices: merged,
        partA: totals.parts.A,
        partB: totals.parts.B,
        partC: totals.parts.C,
        total: totals.total,
        submittedAt: submit ? now : null,
        lockedAt: null,
        excludedFor: null,
        note: null,
        notedAt: null,
        updatedAt: now,
      });
      await manager.save(sheet);
      return this.ownSheetView(manager, sheet);
    });
  }

  /** The scoring context of a council member of the round, while scoring is open. */
  private async memberScoringContext(manager: EntityManager, actor: Actor, dossierId: string) {
    const context = await this.scoringContext(manager, actor, dossierId);
    if (!(await this.councils.roleIn(manager, context.round.id, actor.accountId))) {
      throw RatingProblems.forbidden(
        'Chỉ thành viên hội đồng của đợt mới chấm',
        'Only the round’s council members score',
      );
    }
    this.assertScoringOpen(context.round, context.dossier);
    return context;
  }

  /** A member's own sheet as they see it: answers, totals, and whether it stands far from the others. */
  private async ownSheetView(manager: EntityManager, sheet: Scoresheet) {
    const sheets = await manager.find(Scoresheet, {
      where: { dossierId: sheet.dossierId, revision: sheet.revision },
    });
    return scoresheetView(sheet, true, this.spreadOf(sheets, sheet));
  }

  /** Whether `sheet` stands far apart from the other submitted sheets of its dossier and revision. */
  private spreadOf(sheets: readonly Scoresheet[], sheet: Scoresheet): { farApart: boolean; points: number } {
    const points = this.config.SCORESHEET_SPREAD_POINTS;
    const comparable = sheets.filter((s) => s.submittedAt && s.revision === sheet.revision && !s.excludedFor);
    return { farApart: farApartSheets(comparable, points).has(sheet.id), points };
  }

  /**
   * A member explains a submitted sheet, typically one far apart from the others' (the chair cannot finalise until
   * each such sheet is explained). Only before finalisation: the lock then keeps the sheet as it was.
   */
  async noteMine(actor: Actor, dossierId: string, note: string) {
    return this.dataSource.transaction(async (manager) => {
      await this.memberScoringContext(manager, actor, dossierId);
      const sheet = await manager.findOneBy(Scoresheet, {
        dossierId,
        revision: 1,
        memberAccountId: actor.accountId,
      });
      if (!sheet?.submittedAt) {
        throw RatingProblems.conflict(
          'scoresheet-not-submitted',
          'Nộp phiếu chấm trước khi ghi giải trình',
          'Submit the scoresheet before explaining it',
        );
      }
      const now = this.clock.now();
      sheet.note = note;
      sheet.notedAt = now;
      sheet.updatedAt = now;
      await manager.save(sheet);
      return this.ownSheetView(manager, sheet);
    });
  }

  /** Scoresheets of a dossier as the actor may see them: only their own answers until the result is finalised. */
  async sheets(actor: Actor, dossierId: string) {
    const manager = this.dataSource.manager;
    const dossier = await this.dossiers.readable(manager, actor, dossierId);
    const role = await this.councils.roleIn(manager, dossier.roundId, actor.accountId);
    const staff = isAdmin(actor) || officerCoversPlaces(actor, dossier.places);
    if (!role && !staff)
      throw RatingProblems.forbidden(
        'Phiếu chấm chỉ dành cho hội đồng và cán bộ',
        'Scoresheets are for the council and officers',
      );
    const finalised = dossier.status === 'scored' || dossier.status === 'decided';
    const sheets = await manager.find(Scoresheet, {
      where: { dossierId },
      order: { revision: 'ASC', updatedAt: 'ASC' },
    });
    return sheets
      .filter((s) => finalised || staff || role === 'chair' || s.memberAccountId === actor.accountId)
      .map((s) =>
        scoresheetView(s, finalised || s.memberAccountId === actor.accountId, this.spreadOf(sheets, s)),
      );
  }

  async finalise(actor: Actor, dossierId: string) {
    await this.dataSource.transaction(async (manager) => {
      const { round, dossier, set } = await this.scoringContext(manager, actor, dossierId);
      const role = await this.councils.roleIn(manager, round.id, actor.accountId);
      if (role !== 'chair' && !isAdmin(actor)) {
        throw RatingProblems.forbidden(
          'Chỉ chủ tịch hội đồng chốt kết quả',
          'Only the council chair finalises a result',
        );
      }
      const finaliserConflict = await this.councils.conflictOf(manager, actor, dossier.producerId);
      if (finaliserConflict) throw conflictProblem(finaliserConflict);
      if (!transition(DOSSIER_TRANSITIONS, 'finalise', dossier.status)) {
        throw RatingProblems.invalidTransition('dossier', 'finalise', dossier.status);
      }
      this.assertScoringOpen(round, dossier);
      const sheets = await manager.find(Scoresheet, { where: { dossierId, revision: 1 } });
      // Conflicts are judged again now, not as they stood when each sheet came in: a tie recorded after a member
      // scored, or an account bound to the producer since, takes that sheet out of the result (decision 0025).
      const { counted, excluded } = await this.impartial(
        manager,
        dossier,
        sheets.filter((s) => s.submittedAt),
      );
      this.assertEnoughSheets(counted, excluded);
      this.assertSpreadExplained(counted);
      const now = this.clock.now();
      // Drafts never submitted are not part of the result, and must not linger as if they were.
      await manager.delete(Scoresheet, { dossierId, revision: 1, submittedAt: IsNull() });
      for (const sheet of excluded) {
        await manager.update(Scoresheet, { id: sheet.id }, { excludedFor: sheet.excludedFor });
      }
      await manager.update(Scoresheet, { dossierId, revision: 1 }, { lockedAt: now });
      await manager.insert(
        Result,
        this.computeResult(
          round,
          dossier,
          set,
          counted.map((s) => s.choices),
          1,
          actor,
          now,
        ),
      );
      dossier.status = 'scored';
      dossier.updatedAt = now;
      await manager.save(dossier);
      await this.dossiers.record(
        manager,
        dossier,
        'finalise',
        'accepted',
        'scored',
        actor,
        undefined,
        excluded.length ? { excludedSheets: excluded.map(excludedSheetView) } : undefined,
      );
    });
    return this.result(actor, dossierId);
  }

  /**
   * Splits submitted sheets into those that count and those of members who now have a conflict with the producer;
   * the latter come back marked with it.
   */
  private async impartial(manager: EntityManager, dossier: Dossier, sheets: Scoresheet[]) {
    const conflicts = await this.councils.conflicts(
      manager,
      dossier.producerId,
      sheets.map((s) => s.memberAccountId),
    );
    for (const sheet of sheets) sheet.excludedFor = conflicts.get(sheet.memberAccountId) ?? null;
    return {
      counted: sheets.filter((s) => !s.excludedFor),
      excluded: sheets.filter((s) => s.excludedFor),
    };
  }

  private assertEnoughSheets(counted: Scoresheet[], excluded: Scoresheet[]): void {
    const min = this.config.COUNCIL_MIN_SCORESHEETS;
    if (counted.length >= min) return;
    const setAside = excluded.length
      ? {
          vi: ` (${excluded.length} phiếu của thành viên có xung đột lợi ích với chủ thể bị loại)`,
          en: ` (${excluded.length} sheet(s) of members with a conflict of interest set aside)`,
        }
      : { vi: '', en: '' };
    throw RatingProblems.conflict(
      'not-enough-scoresheets',
      `Cần ít nhất ${min} phiếu chấm đã nộp, mới có ${counted.length}${setAside.vi}`,
      `At least ${min} submitted scoresheets are needed, ${counted.length} so far${setAside.en}`,
      { required: min, counted: counted.length, excludedSheets: excluded.map(excludedSheetView) },
    );
  }

  /** Every counted sheet far apart from the others carries its member's explanation (decision 0057). */
  private assertSpreadExplained(counted: Scoresheet[]): void {
    const points = this.config.SCORESHEET_SPREAD_POINTS;
    const far = farApartSheets(counted, points);
    const unexplained = counted.filter((s) => far.has(s.id) && !s.note);
    if (unexplained.length === 0) return;
    throw RatingProblems.conflict(
      'scoresheet-spread-unexplained',
      `${unexplained.length} phiếu chấm lệch hơn ${points} điểm so với các phiếu khác chưa có giải trình của thành viên`,
      `${unexplained.length} scoresheet(s) more than ${points} points from every other are not explained by their member yet`,
      { spreadPoints: points, memberAccountIds: unexplained.map((s) => s.memberAccountId) },
    );
  }

  private computeResult(
    round: Round,
    dossier: Dossier,
    set: RubricSet,
    sheets: Choices[],
    revision: number,
    actor: Actor,
    now: Date,
  ): Result {
    const outcome = councilResult(set, sheets, LEVEL_RULES[round.level].maxStars, dossier.rubricCase);
    const chain = levelChain(round.rules);
    return this.dataSource.manager.create(Result, {
      id: randomUUID(),
      dossierId: dossier.id,
      roundId: round.id,
      revision,
      rubricVersion: dossier.rubricVersion,
      rubricSetNo: dossier.rubricSetNo,
      rubricSetCode: dossier.rubricSetCode,
      rubricSheetId: dossier.rubricSheetId,
      rubricCase: dossier.rubricCase,
      sheetCount: outcome.sheetCount,
      partA: outcome.partAverages.A,
      partB: outcome.partAverages.B,
      partC: outcome.partAverages.C,
      average: outcome.average,
      bandStars: outcome.bandStars,
      markerMaxStars: outcome.markerMaxStars,
      levelMaxStars: outcome.levelMaxStars,
      stars: outcome.stars,
      cappedBy: outcome.cappedBy,
      // On the final star after every marker, not the score alone (decision 0033): 55.67 capped to 2★ stays.
      forwardedTo: (chain && forwardedTo(chain, round.level, outcome)) ?? null,
      status: 'finalised',
      finalisedBy: actor.accountId,
      finalisedAt: now,
      approvedAt: null,
      decisionRef: null,
      decisionDate: null,
      amendmentReason: null,
      amendsResultId: null,
    });
  }

  /** The current result: the council and officers see it once finalised, the producer once approved. */
  async result(actor: Actor, dossierId: string) {
    const manager = this.dataSource.manager;
    const dossier = await this.dossiers.readable(manager, actor, dossierId);
    const results = await manager.find(Result, { where: { dossierId }, order: { revision: 'DESC' } });
    const current = results.find((r) => r.status !== 'superseded');
    const producerOnly =
      !isAdmin(actor) &&
      !officerCoversPlaces(actor, dossier.places) &&
      !(await this.councils.roleIn(manager, dossier.roundId, actor.accountId));
    if (!current || (producerOnly && current.status !== 'approved')) {
      throw RatingProblems.notFound('kết quả', 'Result');
    }
    const round = await manager.findOneByOrFail(Round, { id: dossier.roundId });
    const certificates = await manager.find(Certificate, {
      where: { resultId: In(results.map((r) => r.id)) },
    });
    const certificateOf = (r: Result) => certificates.find((c) => c.resultId === r.id)?.id;
    const excluded = await manager.find(Scoresheet, {
      where: { dossierId, excludedFor: Not(IsNull()) },
      order: { updatedAt: 'ASC' },
    });
    const view = (r: Result) =>
      resultView(
        r,
        round.level,
        certificateOf(r),
        excluded.filter((s) => s.revision === r.revision),
      );
    return { ...view(current), history: results.filter((r) => r !== current).map(view) };
  }

  /**
   * Approves the round's results under the approving decision: every accepted dossier must have a finalised
   * result; each becomes approved and is certified as its level allows (the province 3★–4★, the central council
   * 5★); results at or above the forwarding threshold go on to the next level.
   */
  async approveRound(actor: Actor, roundId: string, dto: ApproveResultsDto) {
    return this.dataSource.transaction(async (manager) => {
      const round = await this.rounds.lock(manager, roundId, 'exclusive');
      this.rounds.assertMayManage(actor, territoryOf(round));
      if (round.status !== 'scoring')
        throw RatingProblems.invalidTransition('round', 'approve-results', round.status);
      this.assertDecisionDate(round, dto.decisionDate);
      const waiting: { id: string }[] = await manager.query(
        `SELECT id FROM dossiers WHERE round_id = $1 AND status = 'accepted' ORDER BY id`,
        [roundId],
      );
      if (waiting.length) {
        throw RatingProblems.conflict(
          'results-incomplete',
          `${waiting.length} hồ sơ chưa có kết quả được chốt`,
          `${waiting.length} dossier(s) have no finalised result yet`,
          { dossierIds: waiting.map((w) => w.id) },
        );
      }
      const now = this.clock.now();
      const dossiers = await manager.find(Dossier, {
        where: { roundId, status: 'scored' },
        order: { createdAt: 'ASC' },
        lock: { mode: 'pessimistic_write' },
      });
      const results: RoundResultV1[] = [];
      for (const dossier of dossiers) {
        const result = await manager.findOneByOrFail(Result, { dossierId: dossier.id, status: 'finalised' });
        await manager.update(
          Result,
          { id: result.id },
          {
            status: 'approved',
            approvedAt: now,
            decisionRef: dto.decisionRef,
            decisionDate: dto.decisionDate,
          },
        );
        dossier.status = 'decided';
        dossier.updatedAt = now;
        await manager.save(dossier);
        await this.dossiers.record(manager, dossier, 'decide', 'scored', 'decided', actor, undefined, {
          decisionRef: dto.decisionRef,
        });
        const certificate = await this.certify(
          manager,
          round,
          dossier,
          result,
          dto.decisionRef,
          dto.decisionDate,
          actor,
        );
        results.push({
          dossierId: dossier.id,
          productId: dossier.productId,
          producerId: dossier.producerId,
          score: result.average,
          stars: result.stars,
          ...(result.forwardedTo ? { forwardedTo: result.forwardedTo } : {}),
          ...(certificate ? { certificateId: certificate.id } : {}),
        });
        // The producer's own news: its product's result and, where the star is below the score's band, why.
        const decided: DossierDecidedV1 = {
          dossierId: dossier.id,
          roundId: round.id,
          roundName: round.name,
          level: round.level,
          productId: dossier.productId,
          producerId: dossier.producerId,
          productName: dossier.productName,
          score: result.average,
          bandStars: result.bandStars,
          stars: result.stars,
          reasons: capExplanations(result, round.level),
          ...(result.forwardedTo ? { forwardedTo: result.forwardedTo } : {}),
          ...(certificate ? { certificateId: certificate.id } : {}),
          decisionRef: dto.decisionRef,
          decisionDate: dto.decisionDate,
          decidedAt: now.toISOString(),
        };
        await this.outbox.add(manager, {
          type: RatingEvents.dossierDecided,
          subject: dossier.id,
          data: decided,
        });
      }
      round.decisionRef = dto.decisionRef;
      round.decisionDate = dto.decisionDate;
      await this.rounds.apply(manager, round, 'approve-results', actor);
      const data: RoundResultsApprovedV1 = {
        roundId: round.id,
        roundName: round.name,
        level: round.level,
        decisionRef: dto.decisionRef,
        decisionDate: dto.decisionDate,
        results,
        approvedAt: now.toISOString(),
        actorId: actor.accountId,
      };
      await this.outbox.add(manager, { type: RatingEvents.roundResultsApproved, subject: round.id, data });
      return { ...roundView(round), results };
    });
  }

  /** Issues the certificate an approved result earns at its level, if any. */
  private async certify(
    manager: EntityManager,
    round: Round,
    dossier: Dossier,
    result: Result,
    decisionRef: string,
    decisionDate: string,
    actor: Actor,
  ): Promise<Certificate | undefined> {
    const stars = certifiedStarsFor(round.level, result.stars);
    if (!stars) return undefined;
    const certificate = await this.certificates.issue(manager, {
      productId: dossier.productId,
      producerId: dossier.producerId,
      productName: dossier.productName,
      producerName: dossier.producerName,
      stars,
      decisionRef,
      decisionDate,
      source: 'round',
      level: round.level,
      resultId: result.id,
      actorId: actor.accountId,
    });
    const data: ProductCertifiedV1 = {
      certificate: certificateV1(certificate),
      productName: dossier.productName,
      producerName: dossier.producerName,
      level: round.level,
      roundId: round.id,
      dossierId: dossier.id,
      score: result.average,
    };
    await this.outbox.add(manager, { type: RatingEvents.productCertified, subject: dossier.productId, data });
    return certificate;
  }

  /**
   * Amends an approved result: a new revision with corrected sheets (the others carried over), its own decision and
   * reason. The old revision stays as it was, marked superseded; the certificate follows the new stars.
   */
  async amend(actor: Actor, dossierId: string, dto: AmendResultDto) {
    await this.dataSource.transaction(async (manager) => {
      const { round, dossier, set } = await this.scoringContext(manager, actor, dossierId);
      this.rounds.assertMayManage(actor, territoryOf(round));
      this.assertDecisionDate(round, dto.decisionDate);
      const current = await manager.findOneBy(Result, { dossierId, status: 'approved' });
      if (!current || dossier.status !== 'decided') {
        throw RatingProblems.conflict(
          'result-not-approved',
          'Chỉ sửa đổi được kết quả đã được phê duyệt',
          'Only an approved result can be amended',
        );
      }
      const previous = await manager.findBy(Scoresheet, { dossierId, revision: current.revision });
      const unknown = dto.sheets.filter(
        (s) => !previous.some((p) => p.memberAccountId === s.memberAccountId),
      );
      if (unknown.length) {
        throw RatingProblems.unprocessable(
          'amendment-unknown-member',
          'Phiếu sửa đổi phải thuộc thành viên đã chấm',
          'Amended sheets must belong to members who scored',
          { memberAccountIds: unknown.map((u) => u.memberAccountId) },
        );
      }
      const conflicts = await this.councils.conflicts(
        manager,
        dossier.producerId,
        previous.map((p) => p.memberAccountId),
      );
      // Nobody writes a score in the name of a member who may not score this producer.
      const conflicted = dto.sheets.filter((s) => conflicts.has(s.memberAccountId));
      const [first] = conflicted.map((c) => conflicts.get(c.memberAccountId));
      if (first) {
        throw conflictProblem(first, { memberAccountIds: conflicted.map((c) => c.memberAccountId) });
      }
      const now = this.clock.now();
      const revision = current.revision + 1;
      const sheets = previous.map((p) => {
        const choices = dto.sheets.find((s) => s.memberAccountId === p.memberAccountId)?.choices ?? p.choices;
        const problems = checkChoices(set, choices, true, dossier.rubricCase);
        if (problems.length) throw choiceProblems('sheets', problems);
        const totals = sheetTotals(set, choices, dossier.rubricCase);
        return manager.create(Scoresheet, {
          ...p,
          id: randomUUID(),
          revision,
          choices,
          partA: totals.parts.A,
          partB: totals.parts.B,
          partC: totals.parts.C,
          total: totals.total,
          lockedAt: now,
          // An amendment is computed under the finalisation's rule: the conflicts as they stand now.
          excludedFor: conflicts.get(p.memberAccountId) ?? null,
          updatedAt: now,
        });
      });
      const counted = sheets.filter((s) => !s.excludedFor);
      const excluded = sheets.filter((s) => s.excludedFor);
      // What is left after setting sheets aside must be enough; with none set aside, the count is the approved one.
      if (excluded.length) this.assertEnoughSheets(counted, excluded);
      await manager.insert(Scoresheet, sheets);
      await manager.update(Result, { id: current.id }, { status: 'superseded' });
      const amended = this.computeResult(
        round,
        dossier,
        set,
        counted.map((s) => s.choices),
        revision,
        actor,
        now,
      );
      Object.assign(amended, {
        status: 'approved',
        approvedAt: now,
        decisionRef: dto.decisionRef,
        decisionDate: dto.decisionDate,
        amendmentReason: dto.reason,
        amendsResultId: current.id,
      });
      await manager.insert(Result, amended);
      await this.dossiers.record(manager, dossier, 'amend', 'decided', 'decided', actor, dto.reason, {
        decisionRef: dto.decisionRef,
        fromRevision: current.revision,
        toRevision: revision,
        ...(excluded.length ? { excludedSheets: excluded.map(excludedSheetView) } : {}),
      });
      // The certificate this dossier earned follows the amended stars: kept when they are unchanged, replaced when
      // they change (issuing supersedes it), revoked when the result no longer certifies. One that a later
      // decision already replaced (an upgrade at the next level) is history and stays as it is.
      const earned = await manager.findOne(Certificate, {
        where: { resultId: In((await manager.findBy(Result, { dossierId })).map((r) => r.id)) },
        order: { createdAt: 'DESC' },
      });
      const stars = certifiedStarsFor(round.level, amended.stars);
      const changed = earned ? earned.status === 'issued' && earned.stars !== stars : stars !== undefined;
      if (changed && stars) {
        await this.certify(manager, round, dossier, amended, dto.decisionRef, dto.decisionDate, actor);
      } else if (changed && earned) {
        await this.certificates.revokeWithin(manager, earned, `${dto.reason} (${dto.decisionRef})`);
      }
    });
    return this.result(actor, dossierId);
  }
}
