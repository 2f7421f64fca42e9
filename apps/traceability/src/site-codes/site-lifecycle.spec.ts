import { afterReview, amendable } from './site-lifecycle';

describe('site lifecycle', () => {
  it('issues pending sites, suspends issued ones, re-issues issued or suspended ones', () => {
    expect(afterReview('pending', 'issue')).toBe('issued');
    expect(afterReview('issued', 'suspend')).toBe('suspended');
    expect(afterReview('suspended', 'reissue')).toBe('issued');
    expect(afterReview('issued', 'reissue')).toBe('issued');
  });

  it('cancels from any live status and never leaves cancelled', () => {
    for (const status of ['pending', 'rejected', 'issued', 'suspended'] as const) {
      expect(afterReview(status, 'cancel')).toBe('cancelled');
    }
    for (const action of ['issue', 'reject', 'suspend', 'reissue', 'cancel'] as const) {
      expect(afterReview('cancelled', action)).toBeUndefined();
    }
  });

  it('refuses out-of-order steps', () => {
    expect(afterReview('issued', 'issue')).toBeUndefined();
    expect(afterReview('pending', 'suspend')).toBeUndefined();
    expect(afterReview('rejected', 'issue')).toBeUndefined();
  });

  it('lets the producer amend only before a code is issued', () => {
    expect(amendable('pending')).toBe(true);
    expect(amendable('rejected')).toBe(true);
    expect(amendable('issued')).toBe(false);
  });
});
