import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  bilingual,
  CatalogueRpc,
  DomainError,
  FieldError,
  ProducerHolderQueryV1,
  ProducerHolderV1,
  UnitMapId,
} from '@ocop/contracts';
import { RpcClient } from '@ocop/messaging';
import { adminUnits, isTaxCodeFor } from '@ocop/ocop-domain';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AccountEvents } from '../accounts/account-events';
import { Account, snapshotOf } from '../accounts/account.entity';
import { AccountsService } from '../accounts/accounts.service';
import { normaliseEmail, normaliseVietnamesePhone } from '../accounts/identifiers';
import { PasswordHasher } from '../accounts/password-hasher';
import { accountWords, PasswordStrength } from '../accounts/password-strength';
import { AuditTrail } from '../audit/audit-trail.service';
import { Clock } from '../common/clock';
import { RegistrationDto } from './registration.dto';

const invalid = (errors: FieldError[]) =>
  new DomainError(
    'validation-failed',
    400,
    bilingual('Dữ liệu không hợp lệ', 'Validation failed'),
    errors.map((e) => `${e.field}: ${e.message}`).join('; '),
    { errors },
  );

/** Serialises registrations naming the same e-mail, phone or tax code, so the duplicate check holds. */
const IDENTIFIER_LOCK = `SELECT pg_advisory_xact_lock(hashtext('identity:registration:' || $1))`;

/**
 * A household or an organisation signs itself up (decision 0034): an active account with the producer role, bound
 * to a new producer id, and an event from which the catalogue records that producer as `pending` for an officer
 * of its commune to verify. Nothing tells the registrant whether the e-mail, phone or tax code was registered
 * before: every registration gets the same answer, and an existing owner is told by e-mail instead.
 */
@Injectable()
export class Registrations {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly accounts: AccountsService,
    private readonly hasher: PasswordHasher,
    private readonly strength: PasswordStrength,
    private readonly events: AccountEvents,
    private readonly audit: AuditTrail,
    private readonly rpc: RpcClient,
    private readonly clock: Clock,
  ) {}

  async register(dto: RegistrationDto): Promise<void> {
    const now = this.clock.now();
    const unitMap = adminUnits().mapAt(now).id;
    const email = dto.email ? normaliseEmail(dto.email) : undefined;
    const phone = dto.phone ? normaliseVietnamesePhone(dto.phone) : undefined;
    const taxCode = dto.taxCode.trim();
    this.assertFits(dto, { email, phone, taxCode, unitMap });
    this.strength.assertAcceptable(dto.password, [
      ...accountWords({ email, phone, displayName: dto.fullName }),
      taxCode,
    ]);
    // Hashed on every path, the duplicate ones too: the answer takes as long whatever was registered before.
    const passwordHash = await this.hasher.hash(dto.password);
    const holder = await this.rpc.request<ProducerHolderV1, ProducerHolderQueryV1>(
      CatalogueRpc.producerHolder,
      {
        taxCode,
      },
    );

    await this.dataSource.transaction(async (manager) => {
      for (const identifier of [email, phone, taxCode].filter((v): v is string => !!v).sort()) {
        await manager.query(IDENTIFIER_LOCK, [identifier]);
      }
      const existing = await this.existingAccount(manager, email, phone);
      if (existing) return this.repeated(manager, { reason: 'account-exists', accountId: existing.id });
      if (holder.producerId)
        return this.repeated(manager, { reason: 'producer-exists', producerId: holder.producerId });

      const producerId = randomUUID();
      const { account } = await this.accounts.register(manager, {
        ...(email ? { email } : {}),
        ...(phone ? { phone } : {}),
        displayName: dto.fullName,
        language: dto.language,
        roles: ['producer'],
        producerId,
        passwordHash,
      });
      await this.events.registered(manager, account);
      await this.events.registrationSubmitted(manager, {
        accountId: account.id,
        producerId,
        producer: {
          type: dto.type,
          name: dto.name.trim(),
          taxCode,
          legalRepresentativeName: dto.fullName.trim(),
          communeCode: dto.communeCode,
          unitMap,
          ...(phone ? { phone } : {}),
          ...(email ? { email } : {}),
        },
        submittedAt: now.toISOString(),
      });
      await this.audit.record(manager, {
        actorId: account.id,
        action: 'account.self-registered',
        targetType: 'account',
        targetId: account.id,
        details: { ...snapshotOf(account), producerType: dto.type, communeCode: dto.communeCode, unitMap },
      });
    });
  }

  /** Field rules that depend on each other or on the map in force, each named by its field. */
  private assertFits(
    dto: RegistrationDto,
    v: { email?: string; phone?: string; taxCode: string; unitMap: UnitMapId },
  ): void {
    const errors: FieldError[] = [];
    if (!dto.email && !dto.phone) {
      errors.push({
        field: 'email',
        message: bilingual('cần e-mail hoặc số điện thoại', 'an e-mail or a phone number is required'),
      });
    }
    if (dto.phone && !v.phone) {
      errors.push({
        field: 'phone',
        message: bilingual('không phải số điện thoại Việt Nam', 'is not a Vietnamese phone number'),
      });
    }
    if (!isTaxCodeFor(dto.type, v.taxCode)) {
      errors.push({
        field: 'taxCode',
        message:
          dto.type === 'household'
            ? bilingual(
                'hộ gia đình dùng số định danh cá nhân 12 chữ số hoặc mã số thuế 10 chữ số',
                'a household gives its 12-digit personal ID number or its 10-digit tax code',
              )
            : bilingual(
                'mã số thuế gồm 10 chữ số, hoặc 10 chữ số - 3 chữ số (đơn vị phụ thuộc)',
                'a tax code is 10 digits, or 10 digits - 3 digits for a dependent unit',
              ),
      });
    }
    if (!adminUnits().commune(v.unitMap, dto.communeCode)) {
      errors.push({
        field: 'communeCode',
        message: bilingual(
          `không phải mã xã/phường trên bản đồ hành chính đang có hiệu lực (${v.unitMap})`,
          `is not a commune of the administrative map in force (${v.unitMap})`,
        ),
      });
    }
    if (errors.length) throw invalid(errors);
  }

  private existingAccount(
    manager: EntityManager,
    email: string | undefined,
    phone: string | undefined,
  ): Promise<Account | null> {
    const qb = manager.getRepository(Account).createQueryBuilder('a');
    if (email) qb.orWhere('a.email = :email', { email });
    if (phone) qb.orWhere('a.phone = :phone', { phone });
    return qb.getOne();
  }

  private async repeated(
    manager: EntityManager,
    what: { reason: 'account-exists'; accountId: string } | { reason: 'producer-exists'; producerId: string },
  ): Promise<void> {
    await this.events.registrationRepeated(manager, { ...what, attemptedAt: this.clock.now().toISOString() });
    await this.audit.record(manager, {
      actorId: null,
      action: 'registration.repeated',
      targetType: what.reason === 'account-exists' ? 'account' : 'producer',
      targetId: what.reason === 'account-exists' ? what.accountId : what.producerId,
      details: { reason: what.reason },
    });
  }
}
