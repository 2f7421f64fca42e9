import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor, ownsProducer } from '@ocop/auth';
import {
  CatalogueEvents,
  ProducerChangeRejectedV1,
  ProducerRegisteredV1,
  ProducerSuspendedV1,
  ProducerUpdatedV1,
  ProducerVerifiedV1,
  RegistrationSubmittedV1,
  TerritoryScope,
  UnitMapId,
} from '@ocop/contracts';
import { EventOutbox } from '@ocop/messaging';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { adminUnits } from '@ocop/ocop-domain';
import {
  isAdmin,
  mayEditProducer,
  mayReadProducer,
  mayReviewProducer,
  officerCovers,
  scopeMap,
} from '../common/access';
import { decodeCursor, Page, toPage } from '@ocop/service-kit';
import { CatalogueProblems, uniqueViolation } from '../common/problems';
import { bilingual, fieldErrorsOf, invalidField, invalidFields } from '../common/validation';
import { CreateProducerDto, UpdateProducerDto } from './dto/producer.dto';
import { ProducerListQuery } from './dto/producer-list.query';
import { identityChanges, identityOf, isPublicProducer, withPendingIdentity } from './producer-identity';
import { pendingChangeOf, placesOf, producerSnapshot, producerView, ProducerView } from './producer-views';
import { Producer } from './producer.entity';

const STATUS_VI = { pending: 'chờ xác minh', verified: 'đã xác minh', suspended: 'tạm ngưng' } as const;

export const producerNotFound = () => CatalogueProblems.notFound('chủ thể', 'Producer');

const taxCodeTaken = () =>
  CatalogueProblems.conflict(
    'tax-code-taken',
    'taxCode',
    'Mã số thuế đã có chủ thể khác dùng',
    'Another producer has this tax code',
  );

/** The fields of a producer that a create or update sets, in the shape CreateProducerDto validates. */
function inputOf(p: Producer): CreateProducerDto {
  return {
    type: p.type,
    name: p.name,
    tradingName: p.tradingName,
    nameEn: p.nameEn,
    taxCode: p.taxCode,
    gs1CompanyPrefix: p.gs1CompanyPrefix,
    legalRepresentative: {
      fullName: p.legalRepName,
      position: p.legalRepPosition,
      woman: p.legalRepWoman,
      ethnicMinority: p.legalRepEthnicMinority,
    },
    address: { street: p.street, unitMap: p.unitMap, communeCode: p.communeCode },
    contact: { phone: p.phone, email: p.email, website: p.website },
  };
}

/** Writes validated input onto the entity, rolling the address up under both maps. */
export function applyProducerInput(p: Producer, input: Partial<CreateProducerDto>, now: Date): void {
  if (input.type !== undefined) p.type = input.type;
  if (input.name !== undefined) p.name = input.name;
  if (input.tradingName !== undefined) p.tradingName = input.tradingName ?? null;
  if (input.nameEn !== undefined) p.nameEn = input.nameEn ?? null;
  if (input.taxCode !== undefined) p.taxCode = input.taxCode ?? null;
  if (input.gs1CompanyPrefix !== undefined) p.gs1CompanyPrefix = input.gs1CompanyPrefix ?? null;
  if (input.legalRepresentative) {
    p.legalRepName = input.legalRepresentative.fullName;
    p.legalRepPosition = input.legalRepresentative.position ?? null;
    p.legalRepWoman = input.legalRepresentative.woman;
    p.legalRepEthnicMinority = input.legalRepresentative.ethnicMinority;
  }
  if (input.address) {
    const unitMap: UnitMapId = input.address.unitMap ?? adminUnits().mapAt(now).id;
    const places = adminUnits().places(unitMap, input.address.communeCode);
    p.street = input.address.street ?? null;
    p.unitMap = unitMap;
    p.communeCode = input.address.communeCode ?? null;
    p.bt2022DistrictCode = places['bt-2022'].districtCode ?? null;
    p.bt2022CommuneCode = places['bt-2022'].communeCode ?? null;
    p.vl2025CommuneCode = places['vl-2025-07'].communeCode ?? null;
  }
  if (input.contact !== undefined) {
    p.phone = input.contact?.phone ?? null;
    p.email = input.contact?.email ?? null;
    p.website = input.contact?.website ?? null;
  }
}

@Injectable()
export class ProducersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: EventOutbox,
  ) {}

  /**
   * Registers a producer. A producer account registers itself, under the producer id identity gave its account;
   * officers register producers of their territory; admins any.
   */
  async register(actor: Actor, dto: CreateProducerDto, manager: EntityManager): Promise<ProducerView> {
    const now = new Date();
    const producer = manager.create(Producer, {
      status: 'pending',
      statusReason: null,
      statusChangedAt: null,
      statusChangedBy: null,
      createdAt: now,
      createdBy: actor.accountId,
      updatedAt: now,
    });
    applyProducerInput(producer, dto, now);
    producer.id = this.newProducerId(actor);
    if (!isAdmin(actor) && !ownsProducer(actor, producer.id) && !officerCovers(actor, placesOf(producer))) {
      throw invalidField(
        'address.communeCode',
        bilingual('nằm ngoài địa bàn bạn phụ trách', 'is outside the territory you are responsible for'),
      );
    }
    if (await manager.existsBy(Producer, { id: producer.id })) {
      throw CatalogueProblems.conflict(
        'producer-exists',
        undefined,
        'Tài khoản này đã đăng ký chủ thể',
        'This account has already registered its producer',
      );
    }
    await this.assertTaxCodeFree(manager, producer);
    await this.insert(manager, producer);
    await this.outbox.add<ProducerRegisteredV1>(manager, {
      type: CatalogueEvents.producerRegistered,
      subject: producer.id,
      data: { producer: producerSnapshot(producer), actorId: actor.accountId },
    });
    return producerView(producer);
  }

  /**
   * A household or an organisation registered itself through identity (decision 0034): its producer starts
   * `pending`, under the id identity bound the account to, for an officer of its commune to verify. Identity asked
   * `producerHolder` before accepting the registration; a producer that took the tax code in between (a race of
   * milliseconds) makes this fail, so the event goes to the dead-letter subject for an operator rather than a
   * second holder of the tax code or a registration quietly changed.
   */
  async registerSelfRegistered(manager: EntityManager, signup: RegistrationSubmittedV1): Promise<void> {
    if (await manager.existsBy(Producer, { id: signup.producerId })) return;
    const now = new Date(signup.submittedAt);
    const { producer: asked } = signup;
    const producer = manager.create(Producer, {
      id: signup.producerId,
      status: 'pending',
      statusReason: null,
      statusChangedAt: null,
      statusChangedBy: null,
      createdAt: now,
      createdBy: signup.accountId,
      updatedAt: now,
    });
    applyProducerInput(
      producer,
      {
        type: asked.type,
        name: asked.name,
        taxCode: asked.taxCode,
        legalRepresentative: { fullName: asked.legalRepresentativeName, woman: false, ethnicMinority: false },
        address: { unitMap: asked.unitMap, communeCode: asked.communeCode },
        contact: { phone: asked.phone ?? null, email: asked.email ?? null },
      },
      now,
    );
    await this.assertTaxCodeFree(manager, producer);
    await this.insert(manager, producer);
    await this.outbox.add<ProducerRegisteredV1>(manager, {
      type: CatalogueEvents.producerRegistered,
      subject: producer.id,
      data: { producer: producerSnapshot(producer), actorId: signup.accountId },
    });
  }

  /** The producer holding a tax code or personal ID, as its record or as an identity change it asked for. */
  async holderOf(taxCode: string): Promise<string | undefined> {
    const row = await this.dataSource.manager
      .createQueryBuilder(Producer, 'p')
      .select('p.id', 'id')
      .where(`p.tax_code = :taxCode OR p.pending_identity ->> 'taxCode' = :taxCode`, { taxCode })
      .orderBy('p.created_at', 'ASC')
      .limit(1)
      .getRawOne<{ id: string }>();
    return row?.id;
  }

  /** Whether an officer of this territory reviews the producer (as verify and suspend decide it). */
  async reviewableBy(producerId: string, scope: TerritoryScope): Promise<boolean> {
    const producer = await this.dataSource.manager.findOneBy(Producer, { id: producerId });
    if (!producer) return false;
    const officer: Actor = { accountId: 'identity', roles: ['officer'], scope, language: 'vi' };
    return mayReviewProducer(officer, { id: producer.id, places: placesOf(producer) });
  }

  async get(actor: Actor, id: string): Promise<ProducerView> {
    const producer = await this.dataSource.manager.findOneBy(Producer, { id });
    if (!producer || !mayReadProducer(actor, { id, places: placesOf(producer) })) throw producerNotFound();
    return producerView(producer);
  }

  async list(actor: Actor, query: ProducerListQuery): Promise<Page<ProducerView>> {
    const qb = this.dataSource.manager.createQueryBuilder(Producer, 'p');
    this.restrictToReadable(actor, qb);
    if (query.status) qb.andWhere('p.status = :status', { status: query.status });
    if (query.type) qb.andWhere('p.type = :type', { type: query.type });
    if (query.q) qb.andWhere(`p.name_folded LIKE '%' || catalogue_fold(:q) || '%'`, { q: query.q });
    if (query.sort === 'waiting') {
      // An officer's desk works from the producer that has waited longest: since its registration, or since the
      // identity change it asked for.
      const waitingSince = 'COALESCE(p.pending_since, p.created_at)';
      if (query.cursor) {
        const [at, id] = decodeCursor(query.cursor, 'producers:waiting', ['timestamptz', 'uuid']);
        qb.andWhere(`(${waitingSince}, p.id) > (:at::timestamptz, :id::uuid)`, { at, id });
      }
      const rows = await qb
        .orderBy(waitingSince, 'ASC')
        .addOrderBy('p.id', 'ASC')
        .limit(query.limit + 1)
        .getMany();
      return toPage(
        rows,
        query.limit,
        'producers:waiting',
        (p) => [(p.pendingSince ?? p.createdAt).toISOString(), p.id],
        producerView,
      );
    }
    if (query.cursor) {
      const [name, id] = decodeCursor(query.cursor, 'producers', ['text', 'uuid']);
      qb.andWhere('(p.name_folded, p.id) > (:name, :id)', { name, id });
    }
    const rows = await qb
      .orderBy('p.name_folded', 'ASC')
      .addOrderBy('p.id', 'ASC')
      .limit(query.limit + 1)
      .getMany();
    return toPage(rows, query.limit, 'producers', (p) => [p.nameFolded, p.id], producerView);
  }

  /**
   * Edits the producer. Once its identity has been verified, identity fields go to `pendingIdentity` for an
   * officer to review (the record keeps the verified ones, which the public sees); other fields change at once.
   */
  async update(actor: Actor, id: string, dto: UpdateProducerDto): Promise<ProducerView> {
    return this.dataSource.transaction(async (manager) => {
      const producer = await this.lockForEdit(manager, actor, id);
      // Edits build on the identity the producer last asked for, so that two edits in a row add up.
      const edited = withPendingIdentity(producer);
      const before = producerSnapshot(edited);
      const now = new Date();
      applyProducerInput(edited, dto, now);
      // PATCH validates fields one by one; whether they fit together (tax code of the type…) shows on the whole.
      const { errors } = await fieldErrorsOf(CreateProducerDto, inputOf(edited));
      if (errors.length) throw invalidFields(errors);
      const after = producerSnapshot(edited);
      const changed = (Object.keys(after) as (keyof typeof after)[]).filter(
        (key) => key !== 'updatedAt' && JSON.stringify(before[key]) !== JSON.stringify(after[key]),
      );
      if (!changed.length) return producerView(producer);
      if (!isAdmin(actor) && !mayEditProducer(actor, { id, places: placesOf(edited) })) {
        throw invalidField(
          'address.communeCode',
          bilingual('nằm ngoài địa bàn bạn phụ trách', 'is outside the territory you are responsible for'),
        );
      }
      if (changed.includes('taxCode')) await this.assertTaxCodeFree(manager, edited, true);
      if (producer.identityVerifiedAt && !edited.communeCode) {
        // No officer could accept such a change: verification needs the commune.
        throw invalidField(
          'address.communeCode',
          bilingual(
            'bắt buộc với chủ thể đã được xác minh',
            'is required once the producer has been verified',
          ),
        );
      }
      if (producer.identityVerifiedAt) {
        const verified = identityOf(producer);
        Object.assign(producer, edited, verified);
        this.askForIdentity(producer, edited, actor, now);
      } else {
        Object.assign(producer, edited);
      }
      producer.updatedAt = now;
      await this.save(manager, producer);
      await this.outbox.add<ProducerUpdatedV1>(manager, {
        type: CatalogueEvents.producerUpdated,
        subject: id,
        data: { producer: producerSnapshot(producer), changed, actorId: actor.accountId },
      });
      return producerView(producer);
    });
  }

  /**
   * The identity change waits for review, or is dropped when the producer asked back for its verified identity.
   * While it waits a verified producer is `pending-reverification`; a suspended one stays suspended.
   */
  private askForIdentity(producer: Producer, asked: Producer, actor: Actor, now: Date): void {
    const differs = identityChanges(producerSnapshot(producer), producerSnapshot(asked)).length > 0;
    producer.pendingIdentity = differs ? identityOf(asked) : null;
    producer.pendingSince = differs ? now : null;
    producer.pendingBy = differs ? actor.accountId : null;
    if (differs && producer.status === 'verified') {
      this.setStatus(producer, 'pending-reverification', null, actor);
    } else if (!differs && producer.status === 'pending-reverification') {
      this.setStatus(
        producer,
        'verified',
        bilingual('Chủ thể đã rút yêu cầu thay đổi', 'The producer withdrew its identity change'),
        actor,
      );
    }
  }

  /**
   * An officer of the producer's territory confirms it is who it says (documents checked): a new producer, a
   * suspended one, or the identity change a verified one asked for, which then becomes public.
   */
  async verify(actor: Actor, id: string, note: string | null | undefined): Promise<ProducerView> {
    return this.dataSource.transaction(async (manager) => {
      const producer = await this.lockForReview(manager, actor, id);
      if (producer.status === 'verified')
        throw CatalogueProblems.invalidTransition(STATUS_VI.verified, 'verified', 'xác minh / verify');
      const asked = pendingChangeOf(producer);
      Object.assign(producer, withPendingIdentity(producer));
      if (!producer.communeCode) {
        throw CatalogueProblems.conflict(
          'producer-address-incomplete',
          'address.communeCode',
          'Cần mã xã của chủ thể trước khi xác minh',
          'The producer needs a commune code before it can be verified',
        );
      }
      if (asked?.changed.includes('taxCode')) await this.assertTaxCodeFree(manager, producer);
      this.setStatus(producer, 'verified', note ?? null, actor);
      producer.identityVerifiedAt = producer.statusChangedAt;
      await this.save(manager, producer);
      await this.outbox.add<ProducerVerifiedV1>(manager, {
        type: CatalogueEvents.producerVerified,
        subject: id,
        data: { producer: producerSnapshot(producer), actorId: actor.accountId },
      });
      return producerView(producer);
    });
  }

  /** Takes the producer and so all its products out of the public catalogue, with the reason on record. */
  async suspend(actor: Actor, id: string, reason: string): Promise<ProducerView> {
    return this.dataSource.transaction(async (manager) => {
      const producer = await this.lockForReview(manager, actor, id);
      if (producer.status === 'suspended')
        throw CatalogueProblems.invalidTransition(STATUS_VI.suspended, 'suspended', 'tạm ngưng / suspend');
      this.setStatus(producer, 'suspended', reason, actor);
      await this.save(manager, producer);
      await this.outbox.add<ProducerSuspendedV1>(manager, {
        type: CatalogueEvents.producerSuspended,
        subject: id,
        data: { producer: producerSnapshot(producer), reason, actorId: actor.accountId },
      });
      return producerView(producer);
    });
  }

  /** An officer turns down the identity change a producer asked for: it keeps its verified identity. */
  async rejectChange(actor: Actor, id: string, reason: string): Promise<ProducerView> {
    return this.dataSource.transaction(async (manager) => {
      const producer = await this.lockForReview(manager, actor, id);
      const rejected = pendingChangeOf(producer);
      if (!rejected) {
        throw CatalogueProblems.conflict(
          'no-identity-change',
          undefined,
          'Chủ thể không có thay đổi nào chờ xác minh',
          'The producer has no identity change waiting for review',
        );
      }
      producer.pendingIdentity = null;
      producer.pendingSince = null;
      producer.pendingBy = null;
      // A suspended producer keeps its suspension and its reason; only a waiting one goes back to verified.
      if (producer.status === 'pending-reverification') this.setStatus(producer, 'verified', reason, actor);
      else producer.updatedAt = new Date();
      await this.save(manager, producer);
      await this.outbox.add<ProducerChangeRejectedV1>(manager, {
        type: CatalogueEvents.producerChangeRejected,
        subject: id,
        data: { producer: producerSnapshot(producer), rejected, reason, actorId: actor.accountId },
      });
      return producerView(producer);
    });
  }

  /** Loads a producer the actor may edit, locked for the rest of the transaction (404 when unseen, 403 when read-only). */
  async lockForEdit(manager: EntityManager, actor: Actor, id: string): Promise<Producer> {
    const producer = await manager.findOne(Producer, { where: { id }, lock: { mode: 'pessimistic_write' } });
    const ref = producer && { id, places: placesOf(producer) };
    if (
      !producer ||
      !ref ||
      !(isAdmin(actor) || mayReadProducer(actor, ref) || isPublicProducer(producer.status))
    )
      throw producerNotFound();
    if (!isAdmin(actor) && !mayEditProducer(actor, ref)) {
      throw CatalogueProblems.forbidden('Bạn không được sửa chủ thể này', 'You may not change this producer');
    }
    return producer;
  }

  private async lockForReview(manager: EntityManager, actor: Actor, id: string): Promise<Producer> {
    const producer = await manager.findOne(Producer, { where: { id }, lock: { mode: 'pessimistic_write' } });
    const ref = producer && { id, places: placesOf(producer) };
    if (
      !producer ||
      !ref ||
      !(isAdmin(actor) || mayReadProducer(actor, ref) || isPublicProducer(producer.status))
    ) {
      throw producerNotFound();
    }
    if (!mayReviewProducer(actor, ref)) {
      throw CatalogueProblems.forbidden(
        'Chỉ cán bộ phụ trách địa bàn mới xác minh hoặc tạm ngưng chủ thể',
        'Only officers of the producer’s territory may verify or suspend it',
      );
    }
    return producer;
  }

  private setStatus(p: Producer, status: Producer['status'], reason: string | null, actor: Actor): void {
    const now = new Date();
    p.status = status;
    p.statusReason = reason;
    p.statusChangedAt = now;
    p.statusChangedBy = actor.accountId;
    p.updatedAt = now;
  }

  /** Which rows of `producers p` the actor may list: all (admin), its territory (staff), its own (producer). */
  restrictToReadable(
    actor: Actor,
    qb: { andWhere(where: string, params?: object): unknown },
    alias = 'p',
  ): void {
    if (isAdmin(actor)) return;
    const clauses: string[] = [];
    const params: Record<string, string> = {};
    if (actor.roles.includes('producer') && actor.producerId) {
      clauses.push(`${alias}.id = :ownProducerId`);
      params['ownProducerId'] = actor.producerId;
    }
    const map = scopeMap(actor);
    const scope = actor.scope;
    if ((actor.roles.includes('officer') || actor.roles.includes('council')) && map && scope) {
      if (scope.communeCode) {
        clauses.push(
          map === 'bt-2022'
            ? `${alias}.bt2022_commune_code = :scopeCommune`
            : `${alias}.vl2025_commune_code = :scopeCommune`,
        );
        params['scopeCommune'] = scope.communeCode;
      } else if (scope.districtCode) {
        clauses.push(map === 'bt-2022' ? `${alias}.bt2022_district_code = :scopeDistrict` : 'false');
        params['scopeDistrict'] = scope.districtCode;
      } else {
        clauses.push('true');
      }
    }
    qb.andWhere(clauses.length ? `(${clauses.join(' OR ')})` : 'false', params);
  }

  private newProducerId(actor: Actor): string {
    if (isAdmin(actor) || actor.roles.includes('officer')) return randomUUID();
    if (actor.roles.includes('producer') && actor.producerId) return actor.producerId;
    throw CatalogueProblems.forbidden(
      'Tài khoản chưa gắn với chủ thể nào',
      'This account is bound to no producer',
    );
  }

  /**
   * No other producer has the tax code; with `orAsked`, none has asked for it either. A registration is not held
   * up by another's unreviewed request; a request is, and the unique index settles it at verification.
   */
  private async assertTaxCodeFree(manager: EntityManager, p: Producer, orAsked = false): Promise<void> {
    if (!p.taxCode) return;
    const asked = orAsked ? ` OR p.pending_identity ->> 'taxCode' = :taxCode` : '';
    const taken = await manager
      .createQueryBuilder(Producer, 'p')
      .where(`(p.tax_code = :taxCode${asked}) AND p.id <> :id`, { taxCode: p.taxCode, id: p.id })
      .getExists();
    if (taken) throw taxCodeTaken();
  }

  private async insert(manager: EntityManager, p: Producer): Promise<void> {
    try {
      await manager.insert(Producer, p);
    } catch (err) {
      // Two registrations with one tax code at the same moment: the unique index decides.
      if (uniqueViolation(err) === 'producers_tax_code_key') throw taxCodeTaken();
      throw err;
    }
  }

  private async save(manager: EntityManager, p: Producer): Promise<void> {
    try {
      await manager.save(Producer, p);
    } catch (err) {
      if (uniqueViolation(err) === 'producers_tax_code_key') throw taxCodeTaken();
      throw err;
    }
  }
}
