import { uploadFile } from '../../common/api/client';
import type { Attachment } from './rating-views';

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
