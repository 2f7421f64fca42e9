import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { api } from '../../common/api/client';
import type { Batch } from './batch-data';
import { RecallDialog } from './RecallDialog';

const batch = { batchId: '5b0c3b8e-8f7d-4c1e-9a43-0d6f1f7a2b11', lot: 'BX01', status: 'released' } as Batch;
const wait = { timeout: 10_000 };

describe('recalling a batch', () => {
  afterEach(() => vi.restoreAllMocks());

  it('says what a recall does to labels in shops, wants a reason, and sends it trimmed', async () => {
    const recalled = { ...batch, status: 'recalled' };
    const post = vi
      .spyOn(api, 'POST')
      .mockImplementation((() =>
        Promise.resolve({ data: recalled, response: new Response('{}', { status: 200 }) })) as never);
    const onRecalled = vi.fn();
    render(<RecallDialog batch={batch} open onClose={() => undefined} onRecalled={onRecalled} />);
    expect(screen.getByText(/kể cả tem đã dán trên hàng đang bày bán ở cửa hàng/)).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Thu hồi lô' }));
    expect(await screen.findByText('Nhập lý do, ít nhất 3 ký tự', {}, wait)).toBeInTheDocument();
    expect(post).not.toHaveBeenCalled();

    fireEvent.change(screen.getByLabelText('Lý do thu hồi'), { target: { value: '  Bưởi bị nấm mốc  ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Thu hồi lô' }));
    await waitFor(() => expect(onRecalled).toHaveBeenCalledWith(recalled), wait);
    expect(post).toHaveBeenCalledWith('/api/traceability/batches/{batchId}/recall', {
      params: { path: { batchId: batch.batchId } },
      body: { reason: 'Bưởi bị nấm mốc' },
    });
  });

  it('shows the service’s refusal of the reason under the field', async () => {
    vi.spyOn(api, 'POST').mockImplementation((() =>
      Promise.resolve({
        error: {
          code: 'validation-failed',
          title: 'Dữ liệu không hợp lệ / Invalid data',
          errors: [{ field: 'reason', message: 'ít nhất 3 ký tự / at least 3 characters' }],
        },
        response: new Response('{}', { status: 400 }),
      })) as never);
    render(<RecallDialog batch={batch} open onClose={() => undefined} onRecalled={() => undefined} />);
    fireEvent.change(screen.getByLabelText('Lý do thu hồi'), { target: { value: 'abc' } });
    fireEvent.click(screen.getByRole('button', { name: 'Thu hồi lô' }));
    expect(await screen.findByText('ít nhất 3 ký tự', {}, wait)).toBeInTheDocument();
  });
});
