import { Injectable } from '@nestjs/common';
import { Actor, ownsProducer } from '@ocop/auth';
import { checklistItem, DOSSIER_EDITABLE, DossierStatus } from '@ocop/ocop-domain';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { officerCoversPlaces } from '../common/access';
import { Clock, vietnamDate } from '../common/clock';
import { RatingProblems } from '../common/problems';
import { RatingConfig } from '../config';
import { attachmentView } from './dossier-views';
import { Attachment, ChecklistEntry } from './dossier.entity';
import { DossiersService } from './dossiers.service';

/**
 * File types a dossier accepts, each recognised by its first bytes: the declared Content-Type alone is never
 * trusted, so a script renamed to .pdf is refused rather than stored and later served to an officer.
 */
export const ATTACHMENT_TYPES: Readonly<Record<string, Buffer>> = {
  'application/pdf': Buffer.from('%PDF-'),
  'image/png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  'image/jpeg': Buffer.from([0xff, 0xd8, 0xff]),
};

/** Statuses in which evidence may still arrive for an item that was given a supplementary deadline. */
const SUPPLEMENT_OPEN: readonly DossierStatus[] = ['submitted', 'accepted', 'scored'];

/** A name to show and to offer on download: no path, no control characters, at most 200 characters. */
export function safeFileName(name: string | undefined, contentType: string): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .replace(/[\p{Cc}\p{Cf}"]/gu, '')
    .trim()
    .slice(0, 200);
  const extension = { 'application/pdf': 'pdf', 'image/png': 'png', 'image/jpeg': 'jpg' }[contentType];
  return cleaned || `tai-lieu.${extension ?? 'bin'}`;
}

export interface StoredFile {
  fileName: string;
  contentType: string;
  content: Buffer;
}

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
    contentType: string,
    fileName: string | undefined,
    content: Buffer,
  ) {
    if (!checklistItem(itemCode))
      throw RatingProblems.notFound(`mục hồ sơ "${itemCode}"`, `Checklist item "${itemCode}"`);
    const type = contentType.split(';')[0].trim().toLowerCase();
    const magic = ATTACHMENT_TYPES[type];
    if (!magic) {
      throw RatingProblems.unprocessable(
        'attachment-type-not-allowed',
        'Chỉ nhận tệp PDF, PNG hoặc JPEG',
        'Only PDF, PNG and JPEG files are accepted',
      );
    }
    if (!Buffer.isBuffer(content) || content.length === 0) {
      throw RatingProblems.invalid('body', 'tệp rỗng', 'the file is empty');
    }
    if (content.length > this.config.ATTACHMENT_MAX_BYTES) {
      throw RatingProblems.unprocessable('attachment-too-large', 'Tệp quá lớn', 'The file is too large', {
        maxBytes: this.config.ATTACHMENT_MAX_BYTES,
      });
    }
    if (!content.subarray(0, magic.length).equals(magic)) {
      throw RatingProblems.unprocessable(
        'attachment-content-mismatch',
        `Nội dung tệp không phải ${type}`,
        `The file's content is not ${type}`,
      );
    }
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
        fileName: safeFileName(fileName, type),
        contentType: type,
        sizeBytes: content.length,
        sha256: createHash('sha256').update(content).digest(),
        uploadedBy: actor.accountId,
        uploadedAt: this.clock.now(),
      });
      await manager.insert(Attachment, attachment);
      await manager.query(
        `INSERT INTO dossier_attachment_contents (attachment_id, content) VALUES ($1, $2)`,
        [attachment.id, content],
      );
      return attachmentView(attachment);
    });
  }

  async download(actor: Actor, dossierId: string, attachmentId: string): Promise<StoredFile> {
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
