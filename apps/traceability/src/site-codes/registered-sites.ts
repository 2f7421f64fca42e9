import { Actor, ownsProducer } from '@ocop/auth';
import { SitePlaceV1, SiteStatus } from '@ocop/contracts';
import { DataSource, EntityManager, ObjectLiteral } from 'typeorm';
import { bilingual, conflict, invalidField, notFound } from '../common/bilingual';
import {
  acceptDocument,
  DocumentShelf,
  DocumentView,
  Page,
  queueKeyset,
  StoredDocument,
  timeIdKey,
  toPage,
} from '@ocop/service-kit';
import { TraceabilityConfig } from '../config';
import { isAdmin, mayReadSite, readableSitesWhere } from './site-access';
import { SiteKind, SITE_DOCUMENTS, SITE_NAME } from './site-kind';
import { amendable, ReviewAction } from './site-lifecycle';
import { ExportCodeDto, SiteHistoryView, SiteListQuery } from './site.dto';
import { SiteReviews } from './site-reviews.service';

/** Files a request may carry: enough for its certificates and sketches, not a place to store an archive. */
export const MAX_SITE_DOCUMENTS = 20;

/** The columns every registered site has. */
export interface SiteRecord extends ObjectLiteral {
  id: string;
  producerId: string;
  provinceCode: string;
  districtCode: string | null;
  communeCode: string;
  status: SiteStatus;
  code: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export const placeOf = (
  s: Pick<SiteRecord, 'provinceCode' | 'districtCode' | 'communeCode'>,
): SitePlaceV1 => ({
  provinceCode: s.provinceCode,
  ...(s.districtCode ? { districtCode: s.districtCode } : {}),
  communeCode: s.communeCode,
});

/**
 * What growing areas and packing houses share: who may read and amend them, the officer's review steps with
 * their events, export codes, history, and lists limited to what the caller may see.
 */
export abstract class RegisteredSites<E extends SiteRecord, V> {
  protected abstract readonly kind: SiteKind;
  protected abstract readonly entity: new () => E;
  protected abstract readonly reviewEvents: Record<ReviewAction, string>;
  protected abstract readonly exportCodeEvent: string;
  protected abstract view(site: E): V;
  /** Writes the site's event (whole record) to the outbox, in the transaction of the change. */
  protected abstract emit(
    manager: EntityManager,
    type: string,
    site: E,
    actor: Actor,
    reason?: string,
    previousCode?: string | null,
  ): Promise<void>;

  protected constructor(
    protected readonly dataSource: DataSource,
    protected readonly reviews: SiteReviews,
    protected readonly config: TraceabilityConfig,
  ) {}

  /** Documents of the request (a land-use certificate, a sketch, a VietGAP certificate), for the officer. */
  private get documents(): DocumentShelf {
    return SITE_DOCUMENTS[this.kind];
  }

  async get(actor: Actor, id: string): Promise<V> {
    return this.view(await this.readable(actor, id));
  }

  async list(actor: Actor, query: SiteListQuery): Promise<Page<V>> {
    const scope = readableSitesWhere(actor);
    const q = this.dataSource
      .getRepository(this.entity)
      .createQueryBuilder('s')
      .where(scope.sql, scope.params);
    if (query.status) q.andWhere('s.status = :status', { status: query.status });
    if (query.producerId) q.andWhere('s.producer_id = :producerId', { producerId: query.producerId });
    // An officer's queue is worked through from the request that has waited longest; a producer reads its own
    // list from the newest.
    const keyset = queueKeyset(query, this.kind);
    if (keyset.after) {
      q.andWhere(`(s.created_at, s.id) ${keyset.beyond} (:at::timestamptz, :id::uuid)`, keyset.after);
    }
    const rows = await q
      .orderBy('s.created_at', keyset.direction)
      .addOrderBy('s.id', keyset.direction)
      .limit(query.limit + 1)
      .getMany();
    return toPage(
      rows,
      query.limit,
      keyset.cursorKind,
      (s) => timeIdKey(s.createdAt, s.id),
      (s) => this.view(s),
    );
  }

  async review(actor: Actor, id: string, action: ReviewAction, reason?: string): Promise<V> {
    return this.dataSource.transaction(async (manager) => {
      const outcome = await this.reviews.review(manager, this.kind, id, action, actor, reason);
      const site = await this.load(manager, id);
      await this.emit(manager, this.reviewEvents[action], site, actor, reason, outcome.previousCode);
      return this.view(site);
    });
  }

  async addExportCode(actor: Actor, id: string, entry: ExportCodeDto): Promise<V> {
    return this.dataSource.transaction(async (manager) => {
      await this.reviews.addExportCode(manager, this.kind, id, actor, { ...entry });
      const site = await this.load(manager, id);
      await this.emit(manager, this.exportCodeEvent, site, actor);
      return this.view(site);
    });
  }

  async history(actor: Actor, id: string): Promise<SiteHistoryView[]> {
    await this.readable(actor, id);
    return (await this.reviews.history(this.kind, id)).map((h) => ({
      action: h.action,
      status: h.status,
      ...(h.code ? { code: h.code } : {}),
      ...(h.reason ? { reason: h.reason } : {}),
      actorId: h.actorId,
      at: h.at.toISOString(),
    }));
  }

  /**
   * The owner files a document while the request may still change (before its code is issued); the code's officer
   * reviews with it. Locked as an amendment is, so that two uploads at once cannot both pass the count.
   */
  async fileDocument(
    actor: Actor,
    id: string,
    contentType: string | undefined,
    fileName: string | undefined,
    content: unknown,
  ): Promise<DocumentView> {
    const file = acceptDocument({ contentType, fileName, content, maxBytes: this.config.DOCUMENT_MAX_BYTES });
    return this.dataSource.transaction(async (manager) => {
      await this.lockForAmendment(manager, actor, id);
      if ((await this.documents.count(manager, id)) >= MAX_SITE_DOCUMENTS) {
        throw conflict(
          'too-many-documents',
          `Mỗi hồ sơ có tối đa ${MAX_SITE_DOCUMENTS} tài liệu; hãy xoá bớt tài liệu không cần`,
          `A request carries at most ${MAX_SITE_DOCUMENTS} documents; remove one that is not needed`,
          { max: MAX_SITE_DOCUMENTS },
        );
      }
      return this.documents.add(manager, id, file, actor.accountId, new Date());
    });
  }

  /** The request's documents: its owner, officers of its place and admins. */
  async listDocuments(actor: Actor, id: string): Promise<DocumentView[]> {
    await this.readable(actor, id);
    return this.documents.list(this.dataSource.manager, id);
  }

  async downloadDocument(actor: Actor, id: string, documentId: string): Promise<StoredDocument> {
    await this.readable(actor, id);
    const file = await this.documents.read(this.dataSource.manager, id, documentId);
    if (!file) throw notFound('tài liệu', 'Document');
    return file;
  }

  async removeDocument(actor: Actor, id: string, documentId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.lockForAmendment(manager, actor, id);
      if (!(await this.documents.remove(manager, id, documentId))) throw notFound('tài liệu', 'Document');
    });
  }

  /** The site locked for an amendment by its owner: only before its code is issued. */
  protected async lockForAmendment(
    manager: EntityManager,
    actor: Actor,
    id: string,
    producerId?: string,
  ): Promise<E> {
    const site = await manager.getRepository(this.entity).findOne({
      where: { id } as never,
      lock: { mode: 'pessimistic_write' },
    });
    if (!site || !ownsProducer(actor, site.producerId)) throw this.notFound();
    if (producerId && producerId !== site.producerId) {
      throw invalidField('producerId', bilingual('không đổi được chủ thể', 'the producer cannot change'));
    }
    if (!amendable(site.status)) {
      throw conflict(
        'site-not-amendable',
        `${SITE_NAME[this.kind].vi} đã được cấp mã: thay đổi cần cán bộ cấp lại mã`,
        `The ${SITE_NAME[this.kind].en.toLowerCase()} has its code: changes go through a re-issue by an officer`,
        { status: site.status },
      );
    }
    return site;
  }

  /** Producers register their own sites; an admin names the producer. */
  protected ownerFor(actor: Actor, producerId: string | undefined): string {
    if (isAdmin(actor)) {
      if (!producerId)
        throw invalidField('producerId', bilingual('bắt buộc với quản trị viên', 'required for admins'));
      return producerId;
    }
    if (
      actor.roles.includes('producer') &&
      actor.producerId &&
      (!producerId || producerId === actor.producerId)
    ) {
      return actor.producerId;
    }
    throw notFound('chủ thể', 'Producer');
  }

  protected notFound() {
    return notFound(SITE_NAME[this.kind].vi, SITE_NAME[this.kind].en);
  }

  private load(manager: EntityManager, id: string): Promise<E> {
    return manager.getRepository(this.entity).findOneByOrFail({ id } as never);
  }

  private async readable(actor: Actor, id: string): Promise<E> {
    const site = await this.dataSource.getRepository(this.entity).findOneBy({ id } as never);
    if (!site || !mayReadSite(actor, { producerId: site.producerId, place: placeOf(site) })) {
      throw this.notFound();
    }
    return site;
  }
}
