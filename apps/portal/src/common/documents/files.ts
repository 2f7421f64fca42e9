/**
 * What the services take as a document (a dossier's evidence, a registration's papers, a site request's
 * certificates; service-kit's DOCUMENT_TYPES and each service's *_MAX_BYTES): told before the upload, so that
 * nobody waits for a 20 MB scan to be refused. The service stays the judge: it also checks that the content is
 * what the type says.
 */
export const DOCUMENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export const DOCUMENT_ACCEPT = '.pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg';
export const DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;

/** Why a file cannot go, before it is sent; undefined when it may. */
export function fileRefusal(file: { type: string; size: number }): 'type' | 'size' | 'empty' | undefined {
  if (!(DOCUMENT_TYPES as readonly string[]).includes(file.type)) return 'type';
  if (file.size === 0) return 'empty';
  if (file.size > DOCUMENT_MAX_BYTES) return 'size';
  return undefined;
}
