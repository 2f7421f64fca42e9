import { Injectable } from '@nestjs/common';
import { Actor, ownsProducer } from '@ocop/auth';
import { CertificateRevokedV1, CertificateSupersededV1, RatingEvents } from '@ocop/contracts';
import { EventOutbox } from '@ocop/messaging';
import { certificateValidity, CertifiedStars, RoundLevel } from '@ocop/ocop-domain';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { isAdmin, isOfficer, officerCoversPlaces, Places, scopeMap } from '../common/access';
import { Clock } from '../common/clock';
import { decodeTimeIdCursor, Page, timeIdKey, toPage } from '@ocop/service-kit';
import { RatingProblems, uniqueViolation } from '../common/problems';
import { SqlParams } from '../common/sql';
import { RatingConfig } from '../config';
import { CertificateReminders } from '../reminders/certificate-reminders';
import { Certificate, certificateV1, certificateView } from './certificate.entity';
import { CertificateListQuery } from './certificate.dto';

export interface IssueInput {
  productId: string;
  producerId: string;
  productName: string;
  producerName: string;
  stars: CertifiedStars;
  decisionRef: string;
  /** YYYY-MM-DD: the certificate is issued at the start of that day in Viet Nam. */
  decisionDate: string;
  /** Kept for imported certificates; new ones are numbered here. */
  number?: string;
  source: 'round' | 'import';
  level?: RoundLevel;
  resultId?: string;
  actorId: string;
}

export type CertificateView = ReturnType<typeof certificateView>;

const notFound = () => RatingProblems.notFound('giấy chứng nhận', 'Certificate');

/** Revocation and import are provincial decisions: admins, or officers whose scope is the whole province. */
export function mayDecideCertificates(actor: Actor): boolean {
  return (
    isAdmin(actor) ||
    (isOfficer(actor) && !!actor.scope && !actor.scope.districtCode && !actor.scope.communeCode)
  );
}

@Injectable()
export class CertificatesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: EventOutbox,
    private readonly reminders: CertificateReminders,
    private readonly clock: Clock,
    private readonly config: RatingConfig,
  ) {}

  verifyUrl(number: string): string {
    return `${this.config.LOOKUP_BASE_URL.replace(/\/+$/, '')}/certificates/${encodeURIComponent(number)}`;
  }

  view(certificate: Certificate): CertificateView {
    return certificateView(certificate, this.verifyUrl(certificate.number));
  }

  /**
   * Issues a certificate in the caller's transaction: numbers it, supersedes the product's earlier valid
   * certificate (a renewal or an upgrade replaces it), schedules its reminders and writes its events. A certificate
   * that is history by now is recorded as such and nothing else happens: one that has run out is expired, and an
   * older one imported after the product's newer certificate is superseded by it from the newer one's issue, so
   * that coverage on any past day counts each product once (decision 0035).
   */
  async issue(manager: EntityManager, input: IssueInput): Promise<Certificate> {
    const now = this.clock.now();
    const { issuedAt, expiresAt } = certificateValidity(input.decisionDate);
    const successor = await this.successorOf(manager, input.productId, issuedAt, expiresAt);
    const history = expiresAt <= now || successor !== null;
    const certificate = manager.create(Certificate, {
      id: randomUUID(),
      number: input.number ?? (await this.nextNumber(manager, Number(input.decisionDate.slice(0, 4)))),
      productId: input.productId,
      producerId: input.producerId,
      productName: input.productName,
      producerName: input.producerName,
      stars: input.stars,
      decisionRef: input.decisionRef,
      decisionDate: input.decisionDate,
      issuedAt,
      expiresAt,
      status: successor ? 'superseded' : history ? 'expired' : 'issued',
      revokedAt: null,
      revokeReason: null,
      supersededAt: successor?.issuedAt ?? null,
      supersededBy: successor?.id ?? null,
      source: input.source,
      level: input.level ?? null,
      resultId: input.resultId ?? null,
      createdBy: input.actorId,
      createdAt: now,
    });
    const previous = history
      ? null
      : await manager.findOne(Certificate, {
          where: { productId: input.productId, status: 'issued' },
          lock: { mode: 'pessimistic_write' },
        });
    if (previous) {
      previous.status = 'superseded';
      // An imported renewal replaced the old certificate on its own decision's day, not on the day of the import.
      previous.supersededAt = input.source === 'import' && issuedAt < now ? issuedAt : now;
      await manager.save(previous);
      await this.reminders.cancel(manager, previous.id, now);
    }
    try {
      await manager.insert(Certificate, certificate);
    } catch (err) {
      if (uniqueViolation(err) === 'certificates_number_key') {
        throw RatingProblems.conflict(
          'certificate-number-taken',
          `Số giấy chứng nhận ${certificate.number} đã tồn tại`,
          `Certificate number ${certificate.number} already exists`,
        );
      }
      throw err;
    }
    if (previous) {
      await manager.update(Certificate, { id: previous.id }, { supersededBy: certificate.id });
      const data: CertificateSupersededV1 = {
        ...certificateV1(previous),
        supersededAt: (previous.supersededAt ?? now).toISOString(),
        supersededBy: {
          certificateId: certificate.id,
          certificateNumber: certificate.number,
          stars: certificate.stars,
        },
      };
      await this.outbox.add(manager, {
        type: RatingEvents.certificateSuperseded,
        subject: previous.id,
        data,
      });
    }
    if (history) return certificate;
    await this.reminders.schedule(manager, certificate, now);
    await this.outbox.add(manager, {
      type: RatingEvents.certificateIssued,
      subject: certificate.id,
      data: certificateV1(certificate),
    });
    return certificate;
  }

  /**
   * The product's certificate that replaced one valid on [issuedAt, expiresAt): the first issued after it and
   * before it ran out. Only an import of an older certificate finds one; a new decision is the newest.
   */
  private async successorOf(
    manager: EntityManager,
    productId: string,
    issuedAt: Date,
    expiresAt: Date,
  ): Promise<{ id: string; issuedAt: Date } | null> {
    const [next]: { id: string; issued_at: Date }[] = await manager.query(
      `SELECT id, issued_at FROM certificates WHERE product_id = $1 AND issued_at > $2 AND issued_at < $3
        ORDER BY issued_at, number LIMIT 1`,
      [productId, issuedAt, expiresAt],
    );
    return next ? { id: next.id, issuedAt: next.issued_at } : null;
  }

  /** `<prefix>-<year>-<0001>`: one counter per year, incremented under its row lock, so numbers never repeat. */
  private async nextNumber(manager: EntityManager, year: number): Promise<string> {
    const [row] = await manager.query(
      `INSERT INTO certificate_sequences (year, last_value) VALUES ($1, 1)
       ON CONFLICT (year) DO UPDATE SET last_value = certificate_sequences.last_value + 1 RETURNING last_value`,
      [year],
    );
    return `${this.config.CERTIFICATE_NUMBER_PREFIX}-${year}-${String(row.last_value).padStart(4, '0')}`;
  }

  async revoke(actor: Actor, certificateId: string, reason: string): Promise<CertificateView> {
    return this.dataSource.transaction(async (manager) => {
      const certificate = await manager.findOne(Certificate, {
        where: { id: certificateId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!certificate || !(await this.mayRead(manager, actor, certificate))) throw notFound();
      if (!mayDecideCertificates(actor)) {
        throw RatingProblems.forbidden(
          'Chỉ cán bộ cấp tỉnh thu hồi được giấy chứng nhận',
          'Only provincial officers revoke certificates',
        );
      }
      if (certificate.status !== 'issued') {
        throw RatingProblems.conflict(
          'certificate-not-valid',
          `Giấy chứng nhận đang ở trạng thái "${certificate.status}"`,
          `The certificate is ${certificate.status}`,
          { currentStatus: certificate.status },
        );
      }
      await this.revokeWithin(manager, certificate, reason);
      return this.view(certificate);
    });
  }

  /** Revokes a valid certificate in the caller's transaction: its reminders stop and the revocation is told. */
  async revokeWithin(manager: EntityManager, certificate: Certificate, reason: string): Promise<void> {
    const now = this.clock.now();
    certificate.status = 'revoked';
    certificate.revokedAt = now;
    certificate.revokeReason = reason;
    await manager.save(certificate);
    await this.reminders.cancel(manager, certificate.id, now);
    const data: CertificateRevokedV1 = {
      ...certificateV1(certificate),
      revokedAt: now.toISOString(),
      reason,
    };
    await this.outbox.add(manager, { type: RatingEvents.certificateRevoked, subject: certificate.id, data });
  }

  async mayRead(manager: EntityManager, actor: Actor, certificate: Certificate): Promise<boolean> {
    if (isAdmin(actor) || ownsProducer(actor, certificate.producerId)) return true;
    if (!isOfficer(actor)) return false;
    const [producer] = await manager.query(`SELECT places FROM producer_views WHERE id = $1`, [
      certificate.producerId,
    ]);
    return Boolean(producer) && officerCoversPlaces(actor, producer.places as Places);
  }

  async get(actor: Actor, certificateId: string): Promise<Certificate> {
    const certificate = await this.dataSource.manager.findOneBy(Certificate, { id: certificateId });
    if (!certificate || !(await this.mayRead(this.dataSource.manager, actor, certificate))) throw notFound();
    return certificate;
  }

  async list(actor: Actor, query: CertificateListQuery): Promise<Page<CertificateView>> {
    const p = new SqlParams();
    const who: string[] = [];
    if (isAdmin(actor)) who.push('true');
    if (actor.roles.includes('producer') && actor.producerId)
      who.push(`c.producer_id = ${p.add(actor.producerId)}`);
    const map = scopeMap(actor);
    if (isOfficer(actor) && map && actor.scope) {
      const at = `pv.places -> ${p.add(map)}`;
      const { provinceCode, districtCode, communeCode } = actor.scope;
      who.push(`EXISTS (SELECT 1 FROM producer_views pv WHERE pv.id = c.producer_id
        AND ${at} ->> 'provinceCode' = ${p.add(provinceCode)}
        ${communeCode ? `AND ${at} ->> 'communeCode' = ${p.add(communeCode)}` : ''}
        ${!communeCode && districtCode ? `AND ${at} ->> 'districtCode' = ${p.add(districtCode)}` : ''})`);
    }
    if (!who.length) return { items: [] };
    const where = [`(${who.join(' OR ')})`];
    if (query.status) where.push(`c.status = ${p.add(query.status)}`);
    if (query.productId) where.push(`c.product_id = ${p.add(query.productId)}`);
    if (query.producerId) where.push(`c.producer_id = ${p.add(query.producerId)}`);
    if (query.number) where.push(`c.number = ${p.add(query.number)}`);
    if (query.cursor) {
      const c = decodeTimeIdCursor(query.cursor, 'certificates');
      where.push(`(c.created_at, c.id) < (${p.add(c.at)}, ${p.add(c.id)})`);
    }
    const rows = await this.dataSource
      .getRepository(Certificate)
      .createQueryBuilder('c')
      .where(where.join(' AND '), p.values)
      .orderBy('c.created_at', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .limit(query.limit + 1)
      .getMany();
    return toPage(
      rows,
      query.limit,
      'certificates',
      (c) => timeIdKey(c.createdAt, c.id),
      (c) => this.view(c),
    );
  }
}
