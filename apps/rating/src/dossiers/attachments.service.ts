import { Injectable } from '@nestjs/common';
import { Actor, ownsProducer } from '@ocop/auth';
import { checklistItem, DOSSIER_EDITABLE, DossierStatus } from '@ocop/ocop-domain';
import { acceptDocument, StoredDocument } from '@ocop/service-kit';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { officerCoversPlaces } from '../common/access';
import { Clock, vietnamDate } from '../common/clock';
import { RatingProblems } from '../common/problems';
import { RatingConfig } from '../config';
import { attachmentView } from './dossier-views';
import { Attachment, ChecklistEntry } from './dossier.entity';
import { DossiersService } from './dossiers.service';

/** Statuses in which evidence may still arrive for an item that was given a supplementary deadline. */
const SUPPLEMENT_OPEN: readonly DossierStatus[] = ['submitted', 'accepted', 'scored'];

/**
 * Dossier files, kept in the database beside their description: every replica serves every file, backups hold
 * them with the dossier, and there is no path on disk for a name to escape through.
 */
@Injectable()
export class AttachmentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly dossiers: DossiersService,
    private readonly clock: Clock,
    private readonly config: RatingConfig,
  ) {}

  async upload(
    actor: Actor,
    dossierId: string,
    itemCode: string,
    contentType: string | undefined,
    fileName: string | undefined,
    content: unknown,
  ) {
    if (!checklistItem(itemCode))
      throw RatingProblems.notFound(`mục hồ sơ "${itemCode}"`, `Checklist item "${itemCode}"`);
    const file = acceptDocument({
      contentType,
      fileName,
      content,
      maxBytes: this.config.ATTACHMENT_MAX_BYTES,
    });
    return this.dataSource.transaction(async (manager) => {
      const dossier = await this.dossiers.readable(manager, actor, dossierId, true);
      if (!ownsProducer(actor, dossier.producerId) && !officerCoversPlaces(actor, dossier.places)) {
        throw RatingProblems.forbidden('Chỉ chủ thể nộp được tài liệu', 'Only the producer files documents');
      }
      const entry = await manager.findOneByOrFail(ChecklistEntry, { dossierId, code: itemCode });
      const supplementOpen =
        entry.supplementDueOn !== null &&
        vietnamDate(this.clock.now()) <= entry.supplementDueOn &&
        SUPPLEMENT_OPEN.includes(dossier.status);
      if (!DOSSIER_EDITABLE.includes(dossier.status) && !supplementOpen) {
        throw RatingProblems.conflict(
          'dossier-not-editable',
          `Hồ sơ ở trạng thái "${dossier.status}" không nhận thêm tài liệu cho mục này`,
          `A dossier in status "${dossier.status}" takes no more files for this item`,
          { currentStatus: dossier.status },
        );
      }
      const attachment = manager.create(Attachment, {
        id: randomUUID(),
        dossierId,
        itemCode,
        fileName: file.fileName,
        contentType: file.contentType,
        sizeBytes: file.sizeBytes,
        sha256: file.sha256,
        uploadedBy: actor.accountId,
        uploadedAt: this.clock.now(),
      });
      await manager.insert(Attachment, attachment);
      await manager.query(
        `INSERT INTO dossier_attachment_contents (attachment_id, content) VALUES ($1, $2)`,
        [attachment.id, file.content],
      );
      return attachmentView(attachment);
    });
  }

  async download(actor: Actor, dossierId: string, attachmentId: string): Promise<StoredDocument> {
    await this.dossiers.readable(this.dataSource.manager, actor, dossierId);
    const [row] = await this.dataSource.query(
      `SELECT a.file_name, a.content_type, c.content FROM dossier_attachments a
         JOIN dossier_attachment_contents c ON c.attachment_id = a.id WHERE a.id = $1 AND a.dossier_id = $2`,
      [attachmentId, dossierId],
    );
    if (!row) throw RatingProblems.notFound('tài liệu', 'Attachment');
    return { fileName: row.file_name, contentType: row.content_type, content: row.content };
  }

  async remove(actor: Actor, dossierId: string, attachmentId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.dossiers.editable(manager, actor, dossierId);
      const deleted = await manager.delete(Attachment, { id: attachmentId, dossierId });
      if (!deleted.affected) throw RatingProblems.notFound('tài liệu', 'Attachment');
    });
  }
}
