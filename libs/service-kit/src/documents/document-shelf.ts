import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { AcceptedDocument, StoredDocument } from './document-files';

/** A document as lists show it: never the bytes, which only a download reads. */
export interface DocumentView {
  documentId: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  /** SHA-256 of the bytes (hex), so that a reader can tell two copies of one scan apart from two scans. */
  sha256: string;
  uploadedAt: string;
}

interface DocumentRow {
  id: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: Buffer;
  uploaded_at: Date;
}

const viewOf = (row: DocumentRow): DocumentView => ({
  documentId: row.id,
  fileName: row.file_name,
  contentType: row.content_type,
  sizeBytes: row.size_bytes,
  sha256: row.sha256.toString('hex'),
  uploadedAt: row.uploaded_at.toISOString(),
});

/**
 * The documents filed with one kind of record (a producer's registration, a site request): descriptions in
 * `<table>`, bytes in `<table>_contents`, as the owning service's migration creates them. Kept in the service's own
 * database, as rating keeps a dossier's files: every replica serves every file, backups hold them with the record,
 * and there is no path on disk for a name to escape through. Who may file or read is the service's rule; the
 * shelf only stores.
 */
export class DocumentShelf {
  /** `table` and `ownerColumn` are the service's own constants, never input. */
  constructor(
    private readonly table: string,
    private readonly ownerColumn: string,
  ) {}

  async list(manager: EntityManager, ownerId: string): Promise<DocumentView[]> {
    const rows: DocumentRow[] = await manager.query(
      `SELECT id, file_name, content_type, size_bytes, sha256, uploaded_at FROM ${this.table}
        WHERE ${this.ownerColumn} = $1 ORDER BY uploaded_at, id`,
      [ownerId],
    );
    return rows.map(viewOf);
  }

  async count(manager: EntityManager, ownerId: string): Promise<number> {
    const [row] = await manager.query(
      `SELECT count(*)::int AS n FROM ${this.table} WHERE ${this.ownerColumn} = $1`,
      [ownerId],
    );
    return row.n;
  }

  async add(
    manager: EntityManager,
    ownerId: string,
    file: AcceptedDocument,
    uploadedBy: string,
    at: Date,
  ): Promise<DocumentView> {
    const id = randomUUID();
    const [row]: DocumentRow[] = await manager.query(
      `INSERT INTO ${this.table}
         (id, ${this.ownerColumn}, file_name, content_type, size_bytes, sha256, uploaded_by, uploaded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       RETURNING id, file_name, content_type, size_bytes, sha256, uploaded_at`,
      [id, ownerId, file.fileName, file.contentType, file.sizeBytes, file.sha256, uploadedBy, at],
    );
    await manager.query(`INSERT INTO ${this.table}_contents (document_id, content) VALUES ($1, $2)`, [
      id,
      file.content,
    ]);
    return viewOf(row);
  }

  async read(
    manager: EntityManager,
    ownerId: string,
    documentId: string,
  ): Promise<StoredDocument | undefined> {
    const [row] = await manager.query(
      `SELECT d.file_name, d.content_type, c.content FROM ${this.table} d
         JOIN ${this.table}_contents c ON c.document_id = d.id
        WHERE d.id = $1 AND d.${this.ownerColumn} = $2`,
      [documentId, ownerId],
    );
    return row && { fileName: row.file_name, contentType: row.content_type, content: row.content };
  }

  /** Whether there was such a document of that owner (its bytes go with it). */
  async remove(manager: EntityManager, ownerId: string, documentId: string): Promise<boolean> {
    // As a SELECT, so that the driver answers rows for every statement (a bare DELETE answers [rows, count]).
    const [row] = await manager.query(
      `WITH gone AS (DELETE FROM ${this.table} WHERE id = $1 AND ${this.ownerColumn} = $2 RETURNING id)
       SELECT count(*)::int AS n FROM gone`,
      [documentId, ownerId],
    );
    return row.n > 0;
  }
}
