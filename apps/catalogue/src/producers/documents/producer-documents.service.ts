import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor, ownsProducer } from '@ocop/auth';
import { ProducerStatus } from '@ocop/contracts';
import {
  acceptDocument,
  DocumentShelf,
  DocumentView,
  SERVICE_CONFIG,
  StoredDocument,
} from '@ocop/service-kit';
import { DataSource, EntityManager } from 'typeorm';
import { isAdmin, officerCovers } from '../../common/access';
import { CatalogueProblems } from '../../common/problems';
import { CatalogueConfig } from '../../config';
import { placesOf } from '../producer-views';
import { Producer } from '../producer.entity';
import { producerNotFound, ProducersService } from '../producers.service';

/** Files a registration may carry: enough for a licence, IDs and certificates, not a place to store an archive. */
export const MAX_PRODUCER_DOCUMENTS = 20;

/** While an officer has yet to decide who the producer is, its documents may still change. */
const FILING_OPEN: readonly ProducerStatus[] = ['pending', 'pending-reverification'];

/**
 * The documents of a producer's registration (its business licence, its representative's ID, certificates): the
 * producer, or the officer registering it, files them while the registration or an identity change waits for
 * review; the producer's own accounts, officers of its territory and admins read them. Council members, who read
 * the producer's record, do not read its identity papers.
 */
@Injectable()
export class ProducerDocuments {
  private readonly shelf = new DocumentShelf('producer_documents', 'producer_id');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly producers: ProducersService,
    @Inject(SERVICE_CONFIG) private readonly config: CatalogueConfig,
  ) {}

  async file(
    actor: Actor,
    producerId: string,
    contentType: string | undefined,
    fileName: string | undefined,
    content: unknown,
  ): Promise<DocumentView> {
    const file = acceptDocument({ contentType, fileName, content, maxBytes: this.config.DOCUMENT_MAX_BYTES });
    return this.dataSource.transaction(async (manager) => {
      // Locked, so that two uploads at once cannot both pass the count below.
      const producer = await this.producers.lockForEdit(manager, actor, producerId);
      assertFilingOpen(producer);
      if ((await this.shelf.count(manager, producerId)) >= MAX_PRODUCER_DOCUMENTS) {
        throw CatalogueProblems.conflict(
          'too-many-documents',
          'body',
          `Mỗi hồ sơ đăng ký có tối đa ${MAX_PRODUCER_DOCUMENTS} tài liệu; hãy xoá bớt tài liệu không cần`,
          `A registration carries at most ${MAX_PRODUCER_DOCUMENTS} documents; remove one that is not needed`,
          { max: MAX_PRODUCER_DOCUMENTS },
        );
      }
      return this.shelf.add(manager, producerId, file, actor.accountId, new Date());
    });
  }

  async list(actor: Actor, producerId: string): Promise<DocumentView[]> {
    await this.readable(this.dataSource.manager, actor, producerId);
    return this.shelf.list(this.dataSource.manager, producerId);
  }

  async download(actor: Actor, producerId: string, documentId: string): Promise<StoredDocument> {
    await this.readable(this.dataSource.manager, actor, producerId);
    const file = await this.shelf.read(this.dataSource.manager, producerId, documentId);
    if (!file) throw documentNotFound();
    return file;
  }

  async remove(actor: Actor, producerId: string, documentId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const producer = await this.producers.lockForEdit(manager, actor, producerId);
      assertFilingOpen(producer);
      if (!(await this.shelf.remove(manager, producerId, documentId))) throw documentNotFound();
    });
  }

  /** The producer, if the actor may read its papers: 404 for a producer the actor cannot see at all. */
  private async readable(manager: EntityManager, actor: Actor, producerId: string): Promise<Producer> {
    const producer = await manager.findOneBy(Producer, { id: producerId });
    if (
      !producer ||
      !(isAdmin(actor) || ownsProducer(actor, producerId) || officerCovers(actor, placesOf(producer)))
    ) {
      throw producerNotFound();
    }
    return producer;
  }
}

const documentNotFound = () => CatalogueProblems.notFound('tài liệu', 'Document');

function assertFilingOpen(producer: Producer): void {
  if (!FILING_OPEN.includes(producer.status)) {
    throw CatalogueProblems.conflict(
      'registration-documents-closed',
      undefined,
      'Chỉ nộp hoặc xoá tài liệu khi đăng ký hoặc thay đổi thông tin đang chờ cán bộ xác minh',
      'Documents are filed or removed only while a registration or an identity change waits for an officer',
      { currentStatus: producer.status },
    );
  }
}
