import { currentCsrfToken } from '../../shared/api/client';
import { ApiProblem } from '../../shared/api/problem';
import { currentLanguage } from '../../shared/i18n/i18n';
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

/**
 * Files a document for one checklist item. XMLHttpRequest rather than fetch: only it reports how much of the body
 * has gone, for the progress bar a producer on a slow rural line needs. The body is the file itself, as rating
 * takes it, with the session's CSRF token like every other mutation.
 */
export function uploadAttachment(
  dossierId: string,
  itemCode: string,
  file: File,
  onProgress: (percent: number) => void,
): Promise<Attachment> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const query = new URLSearchParams({ fileName: file.name });
    xhr.open(
      'POST',
      `/api/rating/dossiers/${encodeURIComponent(dossierId)}/attachments/${encodeURIComponent(itemCode)}?${query}`,
    );
    xhr.setRequestHeader('content-type', file.type);
    xhr.setRequestHeader('accept-language', currentLanguage());
    const csrf = currentCsrfToken();
    if (csrf) xhr.setRequestHeader('x-csrf-token', csrf);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onerror = () => reject(ApiProblem.offline());
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as Attachment);
      else
        reject(ApiProblem.from(new Response(null, { status: xhr.status, statusText: xhr.statusText }), body));
    };
    xhr.send(file);
  });
}
