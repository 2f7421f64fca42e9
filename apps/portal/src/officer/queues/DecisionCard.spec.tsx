import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiProblem } from '../../common/api/problem';
import { DecisionCard, type DecisionOption } from './DecisionCard';

const OPTIONS: DecisionOption<'issue' | 'reject'>[] = [
  { action: 'issue', label: 'Cấp mã', needsReason: false, primary: true },
  { action: 'reject', label: 'Từ chối', needsReason: true, danger: true },
];

function renderCard(onDecide: (action: 'issue' | 'reject', text: string | undefined) => Promise<unknown>) {
  render(<DecisionCard title="Quyết định" options={OPTIONS} onDecide={onDecide} pending={false} />);
}

describe('DecisionCard', () => {
  it('stops a refusal without a reason beside the box, then sends it with the reason', async () => {
    const user = userEvent.setup();
    const onDecide = vi.fn(() => Promise.resolve({}));
    renderCard(onDecide);
    await user.click(screen.getByRole('button', { name: 'Từ chối' }));
    expect(await screen.findByText('Ghi lý do để chủ thể biết vì sao (Từ chối)')).toBeInTheDocument();
    expect(onDecide).not.toHaveBeenCalled();

    await user.type(screen.getByLabelText('Lý do hoặc ghi chú'), '  Ranh giới chồng lên vùng đã cấp mã  ');
    await user.click(screen.getByRole('button', { name: 'Từ chối' }));
    expect(onDecide).toHaveBeenCalledWith('reject', 'Ranh giới chồng lên vùng đã cấp mã');
  });

  it('issues without a note, and shows what the service refused under the box', async () => {
    const user = userEvent.setup();
    const onDecide = vi.fn<(action: 'issue' | 'reject', text: string | undefined) => Promise<unknown>>(() =>
      Promise.reject(
        new ApiProblem(400, 'validation-failed', 'Dữ liệu không hợp lệ / Invalid data', undefined, [
          { field: 'reason', message: 'ít nhất 3 ký tự / at least 3 characters', rule: 'minLength' },
        ]),
      ),
    );
    renderCard(onDecide);
    await user.click(screen.getByRole('button', { name: 'Cấp mã' }));
    expect(onDecide).toHaveBeenCalledWith('issue', undefined);
    expect(await screen.findByText('ít nhất 3 ký tự')).toBeInTheDocument();
  });
});
