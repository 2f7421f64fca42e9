import { bilingual, DomainError } from '@ocop/contracts';
import type { FastifyReply } from 'fastify';
import { createHash } from 'node:crypto';

/**
 * File types a person may file as evidence (a dossier's item, a producer's registration, a site request), each
 * recognised by its first bytes: the declared Content-Type alone is never trusted, so a script renamed to .pdf is
 * refused rather than stored and later served to an officer.
 */
export const DOCUMENT_TYPES: Readonly<Record<string, { magic: Buffer; extension: string }>> = {
  'application/pdf': { magic: Buffer.from('%PDF-'), extension: 'pdf' },
  'image/png': { magic: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), extension: 'png' },
  'image/jpeg': { magic: Buffer.from([0xff, 0xd8, 0xff]), extension: 'jpg' },
};

/** The media types of DOCUMENT_TYPES, for a route's upload options. */
export const DOCUMENT_MEDIA_TYPES = Object.keys(DOCUMENT_TYPES);

/** A file that passed acceptDocument: what a service stores, beside the bytes. */
export interface AcceptedDocument {
  fileName: string;
  contentType: string;
  content: Buffer;
  sizeBytes: number;
  sha256: Buffer;
}

/** A stored file as it goes back to whoever may read it. */
export interface StoredDocument {
  fileName: string;
  contentType: string;
  content: Buffer;
}

const unprocessable = (code: string, detailVi: string, detailEn: string, extensions = {}) =>
  new DomainError(
    code,
    422,
    bilingual('Không xử lý được', 'Unprocessable'),
    bilingual(detailVi, detailEn),
    extensions,
  );

/** A name to show and to offer on download: no path, no control characters, at most 200 characters. */
export function safeFileName(name: string | undefined, contentType: string): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .replace(/[\p{Cc}\p{Cf}"]/gu, '')
    .trim()
    .slice(0, 200);
  return cleaned || `tai-lieu.${DOCUMENT_TYPES[contentType]?.extension ?? 'bin'}`;
}

/**
 * Judges an uploaded file before anything is stored: a type of DOCUMENT_TYPES (422
 * `attachment-type-not-allowed`), not empty (400 `validation-failed`), at most `maxBytes` (422
 * `attachment-too-large`), and content that starts as its type must (422 `attachment-content-mismatch`).
 */
export function acceptDocument(file: {
  contentType: string | undefined;
  fileName: string | undefined;
  content: unknown;
  maxBytes: number;
}): AcceptedDocument {
  const type = (file.contentType ?? '').split(';')[0].trim().toLowerCase();
  const known = DOCUMENT_TYPES[type];
  if (!known) {
    throw unprocessable(
      'attachment-type-not-allowed',
      'Chỉ nhận tệp PDF, PNG hoặc JPEG',
      'Only PDF, PNG and JPEG files are accepted',
    );
  }
  const content = file.content;
  if (!Buffer.isBuffer(content) || content.length === 0) {
    const message = bilingual('tệp rỗng', 'the file is empty');
    throw new DomainError('validation-failed', 400, 'The request is not valid', `body: ${message}`, {
      errors: [{ field: 'body', message }],
    });
  }
  if (content.length > file.maxBytes) {
    throw unprocessable('attachment-too-large', 'Tệp quá lớn', 'The file is too large', {
      maxBytes: file.maxBytes,
    });
  }
  if (!content.subarray(0, known.magic.length).equals(known.magic)) {
    throw unprocessable(
      'attachment-content-mismatch',
      `Nội dung tệp không phải ${type}`,
      `The file's content is not ${type}`,
    );
  }
  return {
    fileName: safeFileName(file.fileName, type),
    contentType: type,
    content,
    sizeBytes: content.length,
    sha256: createHash('sha256').update(content).digest(),
  };
}

/**
 * RFC 6266 file name for any characters: an ASCII fallback and the UTF-8 original. Vietnamese đ has no
 * decomposition, so it is spelled d before the accents are dropped ("Bản đồ" → "Ban do", not "Ban o").
 */
export function contentDisposition(kind: 'attachment' | 'inline', fileName: string): string {
  const ascii =
    fileName
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D')
      .normalize('NFD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/["\\]/g, '') || 'file';
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** Sends a stored file: always a download, never rendered in our origin, never cached by a shared proxy. */
export async function sendDocument(reply: FastifyReply, file: StoredDocument): Promise<void> {
  await reply
    .header('content-type', file.contentType)
    .header('content-disposition', contentDisposition('attachment', file.fileName))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(file.content);
}
