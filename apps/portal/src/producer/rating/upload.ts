import { uploadFile } from '../../common/api/client';
import type { Attachment } from './rating-views';

/**
 * What rating accepts for a dossier's document (apps/rating attachments.service.ts ATTACHMENT_TYPES, config
 * ATTACHMENT_MAX_BYTES): told before the upload, so that nobody waits for a 20 MB scan to be refused. The service
 * stays the judge: it also checks that the content is what the type says.
 */
export const ATTACHMENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export const ATTACHMENT_ACCEPT = '.pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg';
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

/** Why a file cannot go, before it is sent; undefined when it may. */
export function fileRefusal(file: { type: string; size: number }): 'type' | 'size' | 'empty' | undefined {
  if (!(ATTACHMENT_TYPES as readonly string[]).includes(file.type)) return 'type';
  if (file.size === 0) return 'empty';
  if (file.size > ATTACHMENT_MAX_BYTES) return 'size';
  return undefined;
}

/** Files a document for one checklist item, the file itself as the body (as rating takes it), with progress. */
export function uploadAttachment(
  dossierId: string,
  itemCode: string,
  file: File,
  onProgress: (percent: number) => void,
): Promise<Attachment> {
  const query = new URLSearchParams({ fileName: file.name });
  return uploadFile<Attachment>(
    `/api/rating/dossiers/${encodeURIComponent(dossierId)}/attachments/${encodeURIComponent(itemCode)}?${query}`,
    file,
    onProgress,
  );
}
