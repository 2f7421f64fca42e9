import { SiteStatus } from '@ocop/contracts';

/**
 * What an officer can do with a registered site (growing area or packing house), and from which status. A code
 * is allocated at the first issue and kept for good: re-issue renews it (new year of issue) under the same
 * facility number, and a cancelled site's number is never given to another, so numbers neither repeat nor skip.
 */
export type ReviewAction = 'issue' | 'reject' | 'suspend' | 'reissue' | 'cancel';

export const REVIEW_ACTIONS: readonly ReviewAction[] = ['issue', 'reject', 'suspend', 'reissue', 'cancel'];

const FROM: Record<ReviewAction, readonly SiteStatus[]> = {
  issue: ['pending'],
  reject: ['pending'],
  suspend: ['issued'],
  reissue: ['issued', 'suspended'],
  cancel: ['pending', 'rejected', 'issued', 'suspended'],
};

const TO: Record<ReviewAction, SiteStatus> = {
  issue: 'issued',
  reject: 'rejected',
  suspend: 'suspended',
  reissue: 'issued',
  cancel: 'cancelled',
};

export const STATUS_VI: Record<SiteStatus, string> = {
  pending: 'chờ duyệt',
  issued: 'đã cấp mã',
  rejected: 'bị từ chối',
  suspended: 'tạm đình chỉ',
  cancelled: 'đã hủy',
};

export const ACTION_VI: Record<ReviewAction, string> = {
  issue: 'cấp mã',
  reject: 'từ chối',
  suspend: 'đình chỉ',
  reissue: 'cấp lại mã',
  cancel: 'hủy mã',
};

/** The status after `action`, or undefined when the action is not allowed from `status`. */
export function afterReview(status: SiteStatus, action: ReviewAction): SiteStatus | undefined {
  return FROM[action].includes(status) ? TO[action] : undefined;
}

/** Actions that (re)assign the code. */
export const assignsCode = (action: ReviewAction): boolean => action === 'issue' || action === 'reissue';

/** A producer may amend its registration until an officer has issued a code. */
export const amendable = (status: SiteStatus): boolean => status === 'pending' || status === 'rejected';
