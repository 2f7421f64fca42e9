/** One inbox item as the notifications service returns it (its OpenAPI document leaves the answer untyped). */
export interface InboxItem {
  id: string;
  workflow: string;
  critical: boolean;
  title: string;
  body: string;
  /** The event that caused the notice: its type, subject and payload. */
  data: { eventType?: string; subject?: string | null; data?: Record<string, unknown> } | null;
  createdAt: string;
  readAt: string | null;
}

export interface InboxPage {
  items: InboxItem[];
  nextCursor?: string;
  unread: number;
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && /^[\w-]{1,80}$/.test(value) ? value : undefined;
const field = (value: unknown, key: string): unknown =>
  value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;

/**
 * The portal page where the reader acts on a notice, from the event it carries: the dossier, the batch, the
 * growing area. Undefined when the portal has no page for it yet (the notice then stands on its own). Ids are
 * checked to be plain identifiers so that a payload can never make a link leave the portal.
 */
export function noticeLink(item: Pick<InboxItem, 'workflow' | 'data'>): string | undefined {
  const payload = item.data?.data;
  const at = (prefix: string, id: unknown) => (text(id) ? `${prefix}/${text(id)}` : undefined);
  switch (item.workflow) {
    case 'dossier-returned':
    case 'dossier-submitted':
    case 'dossier-accepted':
    case 'dossier-below-three-stars':
      return at('/ho-so', field(payload, 'dossierId'));
    case 'product-certified':
      return at('/ho-so', field(payload, 'dossierId')) ?? '/ho-so';
    case 'certificate-expiring':
    case 'certificate-expired':
    case 'certificate-revoked':
      return '/ho-so';
    case 'batch-recalled':
      return at('/lo-hang', field(field(payload, 'batch'), 'batchId'));
    case 'scan-suspicious':
      return at('/lo-hang', field(payload, 'batchId'));
    case 'growing-area-issued':
    case 'growing-area-rejected':
      return at('/vung-trong', field(field(payload, 'growingArea'), 'growingAreaId'));
    case 'report-filed':
    case 'report-filed-producer':
      return at('/phan-anh', field(payload, 'reportId'));
    default:
      return undefined;
  }
}
