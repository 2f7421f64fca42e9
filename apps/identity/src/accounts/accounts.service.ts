import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AccountStatus, bilingual, DomainError, Language, Problems, Role } from '@ocop/contracts';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { AuditTrail } from '../audit/audit-trail.service';
import { Clock, secondsFrom } from '../common/clock';
import { decodeTimeIdCursor, Page, timeIdKey, toPage } from '@ocop/service-kit';
import { newSecret, secretHash } from '../common/secrets';
import { IdentityConfig } from '../config';
import { Account, snapshotOf } from './account.entity';
import { AccountView } from './account.dto';
import { Identifier, normaliseEmail, normaliseVietnamesePhone } from './identifiers';
import { Invitation } from './invitation.entity';
import { PasswordHasher } from './password-hasher';
import { accountWords, PasswordStrength } from './password-strength';
import { assertRoleBinding, RoleBinding } from './role-binding';

export interface NewAccount extends RoleBinding {
  email?: string;
  phone?: string;
  displayName: string;
  language: Language;
  /**
   * Hashed by the caller before its transaction opens, so that no connection is held while scrypt runs. Without
   * one, the account is invited and the person sets their own password.
   */
  passwordHash?: string;
  /** The password came from someone else: the first session may only change it. */
  passwordChangeRequired?: boolean;
}

export interface AccountListQuery {
  cursor?: string;
  limit: number;
  role?: Role;
  status?: AccountStatus;
  producerId?: string;
}

const accountExists = () =>
  Problems.conflict('account-exists', 'An account with this e-mail or phone number already exists.');
const invalidPhone = () =>
  new DomainError(
    'invalid-phone',
    400,
    'Invalid phone number',
    'Expected a Vietnamese phone number, e.g. 0912 345 678.',
    {
      errors: [{ field: 'phone', message: 'must be a Vietnamese phone number' }],
    },
  );
const invitationNeedsEmail = () =>
  new DomainError(
    'invitation-needs-email',
    400,
    bilingual('Lời mời cần địa chỉ e-mail', 'An invitation needs an e-mail address'),
    bilingual(
      'Lời mời được gửi qua e-mail: hãy nhập e-mail của người được mời, hoặc đặt mật khẩu ban đầu',
      'The invitation is e-mailed: give the invited person’s e-mail, or set an initial password',
    ),
    { errors: [{ field: 'email', message: bilingual('bắt buộc khi mời', 'is required to invite') }] },
  );
const invitationInvalid = () =>
  new DomainError(
    'invitation-invalid',
    400,
    bilingual('Lời mời không hợp lệ', 'Invalid invitation'),
    bilingual(
      'Lời mời này không tồn tại hoặc đã được dùng',
      'This invitation does not exist or was already used',
    ),
  );
// A link an admin replaced with a newer one answers as an expired one does: both stopped working, and what the
// person does next is the same.
const invitationExpired = () =>
  new DomainError(
    'invitation-expired',
    410,
    bilingual('Lời mời đã hết hạn', 'Invitation expired'),
    bilingual(
      'Lời mời này đã hết hạn hoặc đã được thay bằng lời mời mới hơn: hãy mở thư mời mới nhất, hoặc đề nghị quản trị viên gửi lại lời mời',
      'This invitation has expired or was replaced by a newer one: open the latest invitation e-mail, or ask an administrator to send the invitation again',
    ),
  );

const UNIQUE_VIOLATION = '23505';

export function viewOf(account: Account): AccountView {
  return {
    ...snapshotOf(account),
    createdAt: account.createdAt.toISOString(),
    updatedAt: account.updatedAt.toISOString(),
    ...(account.disabledAt ? { disabledAt: account.disabledAt.toISOString() } : {}),
    ...(account.disabledReason ? { disabledReason: account.disabledReason } : {}),
    ...(account.passwordChangeRequired ? { passwordChangeRequired: true } : {}),
  };
}

@Injectable()
export class AccountsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly strength: PasswordStrength,
    private readonly clock: Clock,
    private readonly config: IdentityConfig,
    private readonly audit: AuditTrail,
  ) {}

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<Account | null> {
    return manager.getRepository(Account).findOneBy({ id });
  }

  findByIdentifier(identifier: Identifier): Promise<Account | null> {
    const repo = this.dataSource.getRepository(Account);
    return identifier.kind === 'email'
      ? repo.findOneBy({ email: identifier.value })
      : repo.findOneBy({ phone: identifier.value });
  }

  /**
   * Inserts the account (and its invitation) inside the caller's transaction, which also writes the events and
   * the audit entry. Returns the invitation token when there is one: it is mailed (sealed in an event) and never
   * stored.
   */
  async register(
    manager: EntityManager,
    input: NewAccount,
  ): Promise<{ account: Account; invitation?: { token: string; expiresAt: Date } }> {
    const email = input.email ? normaliseEmail(input.email) : null;
    const phone = input.phone ? (normaliseVietnamesePhone(input.phone) ?? null) : null;
    if (input.phone && !phone) throw invalidPhone();
    if (!email && !phone) {
      throw new DomainError(
        'identifier-required',
        400,
        'E-mail or phone required',
        'An account needs an e-mail, a phone number, or both.',
      );
    }
    // The invitation goes out by e-mail; a phone-only account starts with a password an administrator passes on.
    if (!input.passwordHash && !email) throw invitationNeedsEmail();
    assertRoleBinding(input);
    const now = this.clock.now();
    const account = Object.assign(new Account(), {
      id: randomUUID(),
      email,
      phone,
      passwordHash: input.passwordHash ?? null,
      passwordChangeRequired: !!input.passwordHash && input.passwordChangeRequired === true,
      displayName: input.displayName.trim(),
      language: input.language,
      roles: input.roles,
      producerId: input.producerId ?? null,
      provinceCode: input.scope?.provinceCode ?? null,
      districtCode: input.scope?.districtCode ?? null,
      communeCode: input.scope?.communeCode ?? null,
      status: input.passwordHash ? 'active' : 'invited',
      createdAt: now,
      updatedAt: now,
      disabledAt: null,
      disabledReason: null,
    } satisfies Account);
    try {
      await manager.getRepository(Account).insert(account);
    } catch (err) {
      if (
        err instanceof QueryFailedError &&
        (err.driverError as { code?: string }).code === UNIQUE_VIOLATION
      ) {
        throw accountExists();
      }
      throw err;
    }
    if (input.passwordHash) return { account };
    return { account, invitation: await this.issueInvitation(manager, account.id, now) };
  }

  /**
   * Locks the account's invitations, for a caller about to lock the account itself and replace them.
   * acceptInvitation locks an invitation, then writes its account: taking the same order means the two wait for
   * each other instead of deadlocking.
   */
  async lockInvitationsOf(manager: EntityManager, accountId: string): Promise<void> {
    await manager.query(`SELECT id FROM account_invitations WHERE account_id = $1 FOR UPDATE`, [accountId]);
  }

  /**
   * A new invitation for an invited account, in the caller's transaction (which holds the account's lock): every
   * earlier invitation that still worked stops working now, so that an old link answers as an expired one does.
   * Returns the new token (mailed, never stored) and when the latest earlier invitation expired or would have.
   */
  async replaceInvitation(
    manager: EntityManager,
    accountId: string,
  ): Promise<{ id: string; token: string; expiresAt: Date; previousExpiresAt: Date | null }> {
    const now = this.clock.now();
    const [previous] = await manager.query<{ expires_at: Date }[]>(
      `SELECT expires_at FROM account_invitations WHERE account_id = $1 ORDER BY created_at DESC LIMIT 1`,
      [accountId],
    );
    await manager.query(
      `UPDATE account_invitations SET expires_at = $2
       WHERE account_id = $1 AND accepted_at IS NULL AND expires_at > $2`,
      [accountId, now],
    );
    const issued = await this.issueInvitation(manager, accountId, now);
    return { ...issued, previousExpiresAt: previous?.expires_at ?? null };
  }

  /** When the latest invitation of each account stops working (in the past once it has expired). */
  async invitationExpiries(accountIds: string[]): Promise<Map<string, Date>> {
    if (accountIds.length === 0) return new Map();
    const rows = await this.dataSource.query<{ account_id: string; expires_at: Date }[]>(
      `SELECT DISTINCT ON (account_id) account_id, expires_at FROM account_invitations
       WHERE account_id = ANY ($1::uuid[]) AND accepted_at IS NULL
       ORDER BY account_id, created_at DESC`,
      [accountIds],
    );
    return new Map(rows.map((r) => [r.account_id, r.expires_at]));
  }

  private async issueInvitation(manager: EntityManager, accountId: string, now: Date) {
    const id = randomUUID();
    const token = newSecret();
    const expiresAt = secondsFrom(now, this.config.INVITATION_TTL_SECONDS);
    await manager.getRepository(Invitation).insert({
      id,
      accountId,
      tokenHash: secretHash(token),
      createdAt: now,
      expiresAt,
      acceptedAt: null,
    });
    return { id, token, expiresAt };
  }

  /**
   * The invited person chooses a password; the account becomes active. The token works once. The invitation is
   * checked before the password, so that only its holder learns anything about password rules, and again under
   * a lock when it is used.
   */
  async acceptInvitation(token: string, password: string): Promise<void> {
    const pending = await this.invitationFor(this.dataSource.manager, token);
    this.strength.assertAcceptable(password, accountWords(pending.account));
    const passwordHash = await this.hasher.hash(password);
    await this.dataSource.transaction(async (manager) => {
      const { invitation, account, now } = await this.invitationFor(manager, token, true);
      await manager.getRepository(Invitation).update({ id: invitation.id }, { acceptedAt: now });
      await manager
        .getRepository(Account)
        .update({ id: account.id }, { passwordHash, status: 'active', updatedAt: now });
      await this.audit.record(manager, {
        actorId: account.id,
        action: 'account.invitation-accepted',
        targetType: 'account',
        targetId: account.id,
        details: { invitationId: invitation.id },
      });
    });
  }

  private async invitationFor(manager: EntityManager, token: string, lock = false) {
    const query = manager
      .getRepository(Invitation)
      .createQueryBuilder('i')
      .where('i.token_hash = :hash', { hash: secretHash(token) });
    const invitation = await (lock ? query.setLock('pessimistic_write') : query).getOne();
    if (!invitation || invitation.acceptedAt) throw invitationInvalid();
    const now = this.clock.now();
    if (invitation.expiresAt <= now) throw invitationExpired();
    const account = await manager.getRepository(Account).findOneBy({ id: invitation.accountId });
    // A disabled account stays disabled: its old invitation must not bring it back.
    if (!account || account.status !== 'invited') throw invitationInvalid();
    return { invitation, account, now };
  }

  async replacePasswordHash(accountId: string, passwordHash: string): Promise<void> {
    await this.dataSource.getRepository(Account).update({ id: accountId }, { passwordHash });
  }

  /** `producerPeople`: only the accounts that act for query.producerId and have no other role. */
  async list(query: AccountListQuery, { producerPeople = false } = {}): Promise<Page<AccountView>> {
    const qb = this.dataSource.getRepository(Account).createQueryBuilder('a');
    if (query.role) qb.andWhere(':role = ANY (a.roles)', { role: query.role });
    if (query.producerId) qb.andWhere('a.producer_id = :producerId', { producerId: query.producerId });
    if (producerPeople) qb.andWhere(`a.roles = ARRAY['producer']::text[]`);
    if (query.status) qb.andWhere('a.status = :status', { status: query.status });
    if (query.cursor) {
      const after = decodeTimeIdCursor(query.cursor, 'accounts');
      qb.andWhere('(a.created_at, a.id) < (:at, :id)', { at: after.at, id: after.id });
    }
    const rows = await qb
      .orderBy('a.created_at', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .take(query.limit + 1)
      .getMany();
    return toPage(rows, query.limit, 'accounts', (a) => timeIdKey(a.createdAt, a.id), viewOf);
  }
}
