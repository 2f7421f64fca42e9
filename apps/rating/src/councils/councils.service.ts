import { Injectable } from '@nestjs/common';
import { Actor } from '@ocop/auth';
import { DataSource, EntityManager } from 'typeorm';
import { isAdmin, isOfficer, officerCoversPlaces, Places } from '../common/access';
import { Clock } from '../common/clock';
import { RatingProblems, uniqueViolation } from '../common/problems';
import { territoryOf } from '../rounds/round.entity';
import { ProducerView } from '../read-model/views.entity';
import { RoundsService } from '../rounds/rounds.service';
import { CouncilMemberDto, LiftTieDto, RecordTieDto } from './council.dto';
import { MemberConflict, memberConflict } from './member-conflict';

export type CouncilRole = 'chair' | 'member';
type TieAction = 'recorded' | 'updated' | 'lifted';

export interface CouncilCandidateView {
  accountId: string;
  displayName: string;
  email: string | null;
  /** Producers the account declared a tie to: it is set aside for their dossiers. */
  tiedProducerIds: string[];
}

export interface CouncilMemberView {
  accountId: string;
  displayName: string;
  role: CouncilRole;
  addedAt: string;
}

/**
 * A round's council: accounts with the council role, added by the officers who run the round, one of them the
 * chair. Ties to producers are declared per person (not per round): a member never scores a product of a producer
 * they are tied to, nor of the producer their own account acts for, in any round (decision 0025).
 */
@Injectable()
export class CouncilsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rounds: RoundsService,
    private readonly clock: Clock,
  ) {}

  async members(actor: Actor, roundId: string): Promise<CouncilMemberView[]> {
    await this.rounds.get(actor, roundId);
    const rows: { account_id: string; display_name: string | null; role: CouncilRole; added_at: Date }[] =
      await this.dataSource.query(
        `SELECT m.account_id, a.display_name, m.role, m.added_at
           FROM council_members m LEFT JOIN account_views a ON a.id = m.account_id
          WHERE m.round_id = $1 ORDER BY m.role, a.display_name`,
        [roundId],
      );
    return rows.map((r) => ({
      accountId: r.account_id,
      displayName: r.display_name ?? '',
      role: r.role,
      addedAt: r.added_at.toISOString(),
    }));
  }

  /**
   * Who may be seated on a council: active accounts with the council role, as identity last said, with the
   * producers each has declared a tie to (seating is not refused for a tie: the member is set aside for that
   * producer's dossiers, decision 0025). Officers and admins pick from it.
   */
  async candidates(): Promise<CouncilCandidateView[]> {
    const rows: { id: string; display_name: string; email: string | null; ties: string[] }[] =
      await this.dataSource.query(
        `SELECT a.id, a.display_name, a.email,
                coalesce(array_agg(t.producer_id) FILTER (WHERE t.producer_id IS NOT NULL), '{}') AS ties
           FROM account_views a LEFT JOIN council_ties t ON t.account_id = a.id
          WHERE a.status = 'active' AND 'council' = ANY (a.roles)
          GROUP BY a.id ORDER BY a.display_name, a.id LIMIT 500`,
      );
    return rows.map((r) => ({
      accountId: r.id,
      displayName: r.display_name,
      email: r.email,
      tiedProducerIds: r.ties,
    }));
  }

  async setMember(
    actor: Actor,
    roundId: string,
    accountId: string,
    dto: CouncilMemberDto,
  ): Promise<CouncilMemberView[]> {
    await this.dataSource.transaction(async (manager) => {
      const round = await this.rounds.lock(manager, roundId);
      this.rounds.assertMayManage(actor, territoryOf(round));
      this.rounds.assertScores(round);
      if (round.status !== 'open' && round.status !== 'scoring') {
        throw RatingProblems.conflict(
          'council-closed',
          'Hội đồng của đợt đã kết thúc',
          'The round’s council is closed',
        );
      }
      const [account] = await manager.query(`SELECT roles, status FROM account_views WHERE id = $1`, [
        accountId,
      ]);
      if (!account || account.status !== 'active' || !account.roles.includes('council')) {
        throw RatingProblems.unprocessable(
          'not-a-council-account',
          'Tài khoản không tồn tại, không hoạt động hoặc không có vai trò hội đồng',
          'The account is unknown, not active, or lacks the council role',
        );
      }
      try {
        await manager.query(
          `INSERT INTO council_members (round_id, account_id, role, added_by, added_at) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (round_id, account_id) DO UPDATE SET role = EXCLUDED.role`,
          [roundId, accountId, dto.role, actor.accountId, this.clock.now()],
        );
      } catch (err) {
        if (uniqueViolation(err) === 'council_members_one_chair') {
          throw RatingProblems.conflict(
            'council-has-chair',
            'Hội đồng đã có chủ tịch',
            'The council already has a chair',
          );
        }
        throw err;
      }
    });
    return this.members(actor, roundId);
  }

  async removeMember(actor: Actor, roundId: string, accountId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const round = await this.rounds.lock(manager, roundId);
      this.rounds.assertMayManage(actor, territoryOf(round));
      const [scored] = await manager.query(
        `SELECT 1 FROM scoresheets s JOIN dossiers d ON d.id = s.dossier_id
          WHERE d.round_id = $1 AND s.member_account_id = $2 AND s.submitted_at IS NOT NULL LIMIT 1`,
        [roundId, accountId],
      );
      if (scored) {
        throw RatingProblems.conflict(
          'member-has-scoresheets',
          'Thành viên đã nộp phiếu chấm, không thể rút khỏi hội đồng',
          'The member has submitted scoresheets and cannot leave the council',
        );
      }
      await manager.query(`DELETE FROM council_members WHERE round_id = $1 AND account_id = $2`, [
        roundId,
        accountId,
      ]);
    });
  }

  /**
   * Records a tie (or corrects its relation). A member declares their own: recusing can only make a council more
   * impartial. For anyone else, only officers covering the producer (and admins) may, as for lifting one.
   */
  async recordTie(actor: Actor, dto: RecordTieDto) {
    const accountId = dto.accountId ?? actor.accountId;
    await this.dataSource.transaction(async (manager) => {
      const producer = await this.tiedProducer(manager, dto.producerId);
      if (accountId !== actor.accountId) this.assertMayJudgeTies(actor, producer.places, 'record');
      // xmax is 0 on a row this statement inserted and set on one it updated: the trail tells the two apart.
      const [row]: { inserted: boolean }[] = await manager.query(
        `INSERT INTO council_ties (account_id, producer_id, relation, declared_by, declared_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (account_id, producer_id) DO UPDATE SET relation = EXCLUDED.relation,
           declared_by = EXCLUDED.declared_by, declared_at = EXCLUDED.declared_at
         RETURNING (xmax = 0) AS inserted`,
        [accountId, dto.producerId, dto.relation, actor.accountId, this.clock.now()],
      );
      await this.recordTieEvent(manager, {
        accountId,
        producerId: dto.producerId,
        action: row.inserted ? 'recorded' : 'updated',
        relation: dto.relation,
        reason: dto.reason,
        actor,
      });
    });
    return this.ties(actor, accountId);
  }

  /** An account's ties in force, as far as the actor may read them (see tieVisible). */
  async ties(actor: Actor, accountId = actor.accountId) {
    this.assertMayReadTiesOf(actor, accountId);
    const rows: {
      producer_id: string;
      name: string | null;
      places: Places | null;
      relation: string;
      declared_by: string;
      declared_at: Date;
    }[] = await this.dataSource.query(
      `SELECT t.producer_id, p.name, p.places, t.relation, t.declared_by, t.declared_at FROM council_ties t
         LEFT JOIN producer_views p ON p.id = t.producer_id WHERE t.account_id = $1 ORDER BY t.declared_at`,
      [accountId],
    );
    return rows
      .filter((r) => this.tieVisible(actor, accountId, r.places))
      .map((r) => ({
        accountId,
        producerId: r.producer_id,
        producerName: r.name,
        relation: r.relation,
        declaredBy: r.declared_by,
        declaredAt: r.declared_at.toISOString(),
      }));
  }

  /**
   * Lifts a tie, with the reason. Never the member themself (a member cannot take back a tie to become eligible),
   * and only an officer whose territory covers the producer: the one answerable for that producer's rating.
   */
  async liftTie(actor: Actor, accountId: string, producerId: string, dto: LiftTieDto): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const producer = await this.tiedProducer(manager, producerId);
      this.assertMayJudgeTies(actor, producer.places, 'lift');
      const [lifted]: { relation: string }[] = await manager.query(
        `SELECT relation FROM council_ties WHERE account_id = $1 AND producer_id = $2 FOR UPDATE`,
        [accountId, producerId],
      );
      if (!lifted) throw RatingProblems.notFound('quan hệ đã khai báo', 'Declared tie');
      await manager.query(`DELETE FROM council_ties WHERE account_id = $1 AND producer_id = $2`, [
        accountId,
        producerId,
      ]);
      await this.recordTieEvent(manager, {
        accountId,
        producerId,
        action: 'lifted',
        relation: lifted.relation,
        reason: dto.reason,
        actor,
      });
    });
  }

  /** Every change to an account's ties, oldest first: who recorded, changed or lifted which tie, when and why. */
  async tieHistory(actor: Actor, accountId = actor.accountId) {
    this.assertMayReadTiesOf(actor, accountId);
    const rows: {
      producer_id: string;
      name: string | null;
      places: Places | null;
      action: TieAction;
      relation: string;
      reason: string;
      actor_id: string;
      at: Date;
    }[] = await this.dataSource.query(
      `SELECT e.producer_id, p.name, p.places, e.action, e.relation, e.reason, e.actor_id, e.at
         FROM council_tie_events e LEFT JOIN producer_views p ON p.id = e.producer_id
        WHERE e.account_id = $1 ORDER BY e.id`,
      [accountId],
    );
    return rows
      .filter((r) => this.tieVisible(actor, accountId, r.places))
      .map((r) => ({
        accountId,
        producerId: r.producer_id,
        producerName: r.name,
        action: r.action,
        relation: r.relation,
        reason: r.reason,
        actorId: r.actor_id,
        at: r.at.toISOString(),
      }));
  }

  private assertMayReadTiesOf(actor: Actor, accountId: string): void {
    if (accountId !== actor.accountId && !isAdmin(actor) && !isOfficer(actor)) {
      throw RatingProblems.forbidden('Chỉ xem quan hệ của chính mình', 'Members see their own ties only');
    }
  }

  /**
   * A tie says something about a person and a producer: the member reads their own, officers those to producers their
   * territory covers (the ones they judge), admins all.
   */
  private tieVisible(actor: Actor, accountId: string, places: Places | null): boolean {
    return (
      accountId === actor.accountId ||
      isAdmin(actor) ||
      (places !== null && officerCoversPlaces(actor, places))
    );
  }

  /** The producer a tie is about: it must be known, since who may judge the tie depends on where it is. */
  private async tiedProducer(manager: EntityManager, producerId: string): Promise<ProducerView> {
    const producer = await manager.findOneBy(ProducerView, { id: producerId });
    if (!producer) {
      throw RatingProblems.unprocessable(
        'producer-unknown',
        'Chủ thể chưa có trong danh mục (hoặc chưa đồng bộ sang)',
        'The producer is not (yet) known from the catalogue',
      );
    }
    return producer;
  }

  private assertMayJudgeTies(actor: Actor, places: Places, what: 'record' | 'lift'): void {
    if (isAdmin(actor) || officerCoversPlaces(actor, places)) return;
    throw what === 'record'
      ? RatingProblems.forbidden(
          'Chỉ cán bộ phụ trách địa bàn của chủ thể mới khai báo quan hệ thay thành viên',
          'Only officers whose territory covers the producer record a tie for a member',
        )
      : RatingProblems.forbidden(
          'Chỉ cán bộ phụ trách địa bàn của chủ thể mới gỡ được khai báo quan hệ',
          'Only officers whose territory covers the producer lift a declared tie',
        );
  }

  private async recordTieEvent(
    manager: EntityManager,
    e: {
      accountId: string;
      producerId: string;
      action: TieAction;
      relation: string;
      reason: string;
      actor: Actor;
    },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO council_tie_events (account_id, producer_id, action, relation, reason, actor_id, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [e.accountId, e.producerId, e.action, e.relation, e.reason, e.actor.accountId, this.clock.now()],
    );
  }

  async roleIn(manager: EntityManager, roundId: string, accountId: string): Promise<CouncilRole | undefined> {
    const [row] = await manager.query(
      `SELECT role FROM council_members WHERE round_id = $1 AND account_id = $2`,
      [roundId, accountId],
    );
    return row?.role;
  }

  /**
   * Each account's conflict with the producer, if it has one: its own producer (identity's last word, or the token
   * the member acts with) or a tie in force.
   */
  async conflicts(
    manager: EntityManager,
    producerId: string,
    accountIds: readonly string[],
    tokenProducerIds: Readonly<Record<string, string | undefined>> = {},
  ): Promise<Map<string, MemberConflict>> {
    if (!accountIds.length) return new Map();
    const rows: { id: string; bound: string | null; tied: boolean }[] = await manager.query(
      `SELECT ids.id, a.producer_id AS bound,
              EXISTS (SELECT 1 FROM council_ties t WHERE t.account_id = ids.id AND t.producer_id = $2) AS tied
         FROM unnest($1::uuid[]) AS ids (id) LEFT JOIN account_views a ON a.id = ids.id`,
      [accountIds, producerId],
    );
    const found = new Map<string, MemberConflict>();
    for (const row of rows) {
      const conflict = memberConflict(producerId, {
        boundProducerIds: [row.bound, tokenProducerIds[row.id]],
        tiedProducerIds: row.tied ? [producerId] : [],
      });
      if (conflict) found.set(row.id, conflict);
    }
    return found;
  }

  /** The acting member's own conflict with the producer, if any. */
  async conflictOf(
    manager: EntityManager,
    actor: Actor,
    producerId: string,
  ): Promise<MemberConflict | undefined> {
    const found = await this.conflicts(manager, producerId, [actor.accountId], {
      [actor.accountId]: actor.producerId,
    });
    return found.get(actor.accountId);
  }
}
