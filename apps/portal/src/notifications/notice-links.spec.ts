import { describe, expect, it } from 'vitest';
import { noticeLink } from './notice-links';

const item = (workflow: string, data: Record<string, unknown>) => ({ workflow, data: { data } });

describe('noticeLink: the page where the reader acts on a notice', () => {
  it('leads a returned dossier, a recall and an issued growing-area code to their own pages', () => {
    expect(noticeLink(item('dossier-returned', { dossierId: 'd-1' }))).toBe('/ho-so/d-1');
    expect(noticeLink(item('dossier-accepted', { dossierId: 'd-3' }))).toBe('/ho-so/d-3');
    expect(noticeLink(item('dossier-below-three-stars', { dossierId: 'd-4' }))).toBe('/ho-so/d-4');
    expect(noticeLink(item('batch-recalled', { batch: { batchId: 'b-7' } }))).toBe('/lo-hang/b-7');
    expect(noticeLink(item('growing-area-issued', { growingArea: { growingAreaId: 'g-2' } }))).toBe(
      '/vung-trong/g-2',
    );
    expect(noticeLink(item('certificate-expiring', { certificateId: 'c-1' }))).toBe('/ho-so');
  });

  it('never builds a link that could leave the portal from what a payload says', () => {
    expect(noticeLink(item('dossier-returned', { dossierId: '../../evil' }))).toBeUndefined();
    expect(noticeLink(item('dossier-returned', { dossierId: '//evil.example/x' }))).toBeUndefined();
    expect(noticeLink(item('batch-recalled', { batch: 'b-7' }))).toBeUndefined();
    expect(noticeLink({ workflow: 'batch-recalled', data: null })).toBeUndefined();
  });

  it('leads a consumer report to its case, for the officers and for the producer', () => {
    expect(noticeLink(item('report-filed', { reportId: 'r-1' }))).toBe('/phan-anh/r-1');
    expect(noticeLink(item('report-filed-producer', { reportId: 'r-1' }))).toBe('/phan-anh/r-1');
  });

  it('gives no link for a notice the portal has no page for yet', () => {
    expect(noticeLink(item('registration-repeated', { accountId: 'a-1' }))).toBeUndefined();
  });
});
