import { Injectable } from '@nestjs/common';
import { Actor } from '@ocop/auth';
import { DataSource, EntityManager } from 'typeorm';
import { isAdmin, isOfficer } from '../common/access';
import { Clock } from '../common/clock';
import { RatingProblems, uniqueViolation } from '../common/problems';
import { territoryOf } from '../rounds/round.entity';
import { RoundsService } from '../rounds/rounds.service';
import { CouncilMemberDto, DeclareTieDto } from './council.dto';

export type CouncilRole = 'chair' | 'member';

export interface CouncilMemberView {
  accountId: string;
  displayName: string;
  role: CouncilRole;
  addedAt: string;
}

/**
 * A round's council: accounts with the council role, added by the officers who run the round, one of them the
 * chair. Ties to producers are declared per person (not per round): a member never scores a product of a producer
 * they are tied to, in any round.
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

  async setMember(
    actor: Actor,
    roundId: string,
    accountId: string,
    dto: CouncilMemberDto,
  ): Promise<CouncilMemberView[]> {
    await this.dataSource.transaction(async (manager) => {
      const round = await this.rounds.lock(manager, roundId);
      this.rounds.assertMayManage(actor, territoryOf(round));
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

  async declareTie(actor: Actor, dto: DeclareTieDto) {
    const accountId = dto.accountId ?? actor.accountId;
    const staff = isAdmin(actor) || isOfficer(actor);
    if (accountId !== actor.accountId && !staff) {
      throw RatingProblems.forbidden(
        'Chỉ khai quan hệ của chính mình',
        'Members declare their own ties only',
      );
    }
    await this.dataSource.query(
      `INSERT INTO council_ties (account_id, producer_id, relation, declared_by, declared_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (account_id, producer_id) DO UPDATE SET relation = EXCLUDED.relation,
         declared_by = EXCLUDED.declared_by, declared_at = EXCLUDED.declared_at`,
      [accountId, dto.producerId, dto.relation, actor.accountId, this.clock.now()],
    );
    return this.ties(actor, accountId);
  }

  async ties(actor: Actor, accountId = actor.accountId) {
    if (accountId !== actor.accountId && !isAdmin(actor) && !isOfficer(actor)) {
      throw RatingProblems.forbidden('Chỉ xem quan hệ của chính mình', 'Members see their own ties only');
    }
    const rows: { producer_id: string; name: string | null; relation: string; declared_at: Date }[] =
      await this.dataSource.query(
        `SELECT t.producer_id, p.name, t.relation, t.declared_at FROM council_ties t
           LEFT JOIN producer_views p ON p.id = t.producer_id WHERE t.account_id = $1 ORDER BY t.declared_at`,
        [accountId],
      );
    return rows.map((r) => ({
      accountId,
      producerId: r.producer_id,
      producerName: r.name,
      relation: r.relation,
      declaredAt: r.declared_at.toISOString(),
    }));
  }

  /** Officers correct the record; a member cannot take back a tie to become eligible. */
  async removeTie(actor: Actor, accountId: string, producerId: string): Promise<void> {
    if (!isAdmin(actor) && !isOfficer(actor)) {
      throw RatingProblems.forbidden(
        'Chỉ cán bộ mới xóa được khai báo quan hệ',
        'Only officers remove a declared tie',
      );
    }
    await this.dataSource.query(`DELETE FROM council_ties WHERE account_id = $1 AND producer_id = $2`, [
      accountId,
      producerId,
    ]);
  }

  async roleIn(manager: EntityManager, roundId: string, accountId: string): Promise<CouncilRole | undefined> {
    const [row] = await manager.query(
      `SELECT role FROM council_members WHERE round_id = $1 AND account_id = $2`,
      [roundId, accountId],
    );
    return row?.role;
  }

  async isTied(manager: EntityManager, accountId: string, producerId: string): Promise<boolean> {
    const [row] = await manager.query(
      `SELECT 1 FROM council_ties WHERE account_id = $1 AND producer_id = $2`,
      [accountId, producerId],
    );
    return Boolean(row);
  }
}
