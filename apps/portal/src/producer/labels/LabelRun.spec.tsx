import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { RunStatus } from './LabelRun';
import type { LabelJob } from './templates';

const range = { firstSeq: 1, lastSeq: 500 };
const job = (over: Partial<LabelJob>): LabelJob => ({
  jobId: '4b3f7d0e-1c2a-4f5e-9a8b-7c6d5e4f3a2b',
  status: 'queued',
  done: 0,
  total: 500,
  format: 'pdf',
  layout: 'a4-3x8',
  createdAt: '2026-12-04T03:05:00.000Z',
  ...over,
});
const show = (j: LabelJob, onAnotherFormat = vi.fn()) =>
  render(
    <RunStatus
      job={j}
      range={range}
      templateName="Tờ A4 24 tem 70 × 37 mm"
      onAnotherFormat={onAnotherFormat}
    />,
  );

describe('a print run', () => {
  it('names what it makes, and when in Viet Nam time', () => {
    show(job({}));
    expect(screen.getByText('500 tem · Tờ A4 24 tem 70 × 37 mm · PDF')).toBeInTheDocument();
    expect(screen.getByText('Sê-ri thứ 1 đến 500 của lô · tạo lúc 10:05 04/12/2026')).toBeInTheDocument();
  });

  it('waits its turn', () => {
    show(job({ status: 'queued' }));
    expect(screen.getByRole('status')).toHaveTextContent('Đang chờ đến lượt…');
    expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '0');
    expect(screen.queryByRole('link')).toBeNull();
  });

  it('counts labels made while running', () => {
    show(job({ status: 'running', done: 240 }));
    expect(screen.getByRole('status')).toHaveTextContent('Đang tạo tem: 240/500');
    expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '48');
    expect(screen.queryByRole('link')).toBeNull();
  });

  it('offers the file to save when done, and the same labels in the other formats', async () => {
    const another = vi.fn();
    show(
      job({
        status: 'succeeded',
        done: 500,
        outputUrl: '/label-jobs/4b3f7d0e-1c2a-4f5e-9a8b-7c6d5e4f3a2b/output',
      }),
      another,
    );
    expect(screen.getByRole('status')).toHaveTextContent('Đã xong 500 tem.');
    const link = screen.getByRole('link', { name: 'Tải tệp PDF' });
    expect(link).toHaveAttribute(
      'href',
      '/api/traceability/label-jobs/4b3f7d0e-1c2a-4f5e-9a8b-7c6d5e4f3a2b/output',
    );
    expect(link).toHaveAttribute('download');
    await userEvent.click(screen.getByRole('button', { name: 'Thêm tệp ZPL cho các tem này' }));
    expect(another).toHaveBeenCalledWith('zpl');
    expect(screen.getByRole('button', { name: 'Thêm tệp CSV cho các tem này' })).toBeInTheDocument();
  });

  it('says why it failed, in the person’s language, with no file', () => {
    show(
      job({
        status: 'failed',
        done: 0,
        error: {
          code: 'producer-suspended',
          title: 'Xung đột trạng thái / Conflict',
          detail: 'Chủ thể đang bị tạm ngưng: không được in tem / The producer is suspended: no labels',
        } as unknown as LabelJob['error'],
      }),
    );
    expect(screen.getByText('Chủ thể đang bị tạm ngưng: không được in tem')).toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.queryByRole('link')).toBeNull();
  });
});
