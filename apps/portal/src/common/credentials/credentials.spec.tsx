import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { formatDateTime } from '../format/format';
import { type ApiKey, ApiKeyItem } from './ApiKeyItem';
import { ShownOnce } from './ShownOnce';

const key = (overrides: Partial<ApiKey> = {}): ApiKey => ({
  id: '0b5c9e9e-6a43-4f3e-9a51-3c4f2f8d1e01',
  name: 'Máy bán hàng quầy 1',
  prefix: 'ocop_k1a2',
  createdAt: '2026-03-01T01:00:00.000Z',
  ...overrides,
});

describe('a secret shown once', () => {
  it('copies it, and says so; where the clipboard is refused, says to select it in its box', async () => {
    const user = userEvent.setup();
    const writeText = vi.spyOn(navigator.clipboard, 'writeText');
    const done = vi.fn();
    render(
      <ShownOnce
        title="Khóa API mới"
        note="Chỉ hiện một lần"
        label="Khóa API"
        value="ocop_secret"
        onDone={done}
      />,
    );
    expect(screen.getByLabelText('Khóa API')).toHaveValue('ocop_secret');

    await user.click(screen.getByRole('button', { name: 'Sao chép' }));
    expect(writeText).toHaveBeenLastCalledWith('ocop_secret');
    expect(await screen.findByRole('status')).toHaveTextContent('Đã sao chép.');

    writeText.mockRejectedValueOnce(new Error('NotAllowedError'));
    await user.click(screen.getByRole('button', { name: 'Sao chép' }));
    expect(
      await screen.findByText('Không sao chép được. Hãy chọn nội dung trong ô rồi sao chép.'),
    ).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Tôi đã cất' }));
    expect(done).toHaveBeenCalledTimes(1);
  });
});

describe('an API key in a list', () => {
  it('is revoked only once the person confirms', async () => {
    const user = userEvent.setup();
    const revoke = vi.fn();
    render(
      <ul>
        <ApiKeyItem apiKey={key()} onRevoke={revoke} revoking={false} />
      </ul>,
    );
    expect(screen.getByText(/Chưa dùng lần nào/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Thu hồi: Máy bán hàng quầy 1' }));
    const confirm = await screen.findByRole('tooltip');
    expect(
      within(confirm).getByText(
        'Thu hồi khóa Máy bán hàng quầy 1? Máy dùng khóa này sẽ không được cấp quyền truy cập mới.',
      ),
    ).toBeInTheDocument();
    await user.click(within(confirm).getByRole('button', { name: 'Hủy' }));
    expect(revoke).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Thu hồi: Máy bán hàng quầy 1' }));
    await user.click(within(confirm).getByRole('button', { name: 'Thu hồi' }));
    expect(revoke).toHaveBeenCalledTimes(1);
  });

  it('once revoked, says when, and offers nothing more', () => {
    const revokedAt = '2026-03-05T02:00:00.000Z';
    render(
      <ul>
        <ApiKeyItem
          apiKey={key({ revokedAt, lastUsedAt: '2026-03-04T02:00:00.000Z' })}
          onRevoke={vi.fn()}
          revoking={false}
        />
      </ul>,
    );
    expect(screen.getByText(`Đã thu hồi lúc ${formatDateTime(revokedAt)}`)).toBeInTheDocument();
    expect(screen.getByText(/Dùng lần cuối lúc/)).toBeInTheDocument();
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });
});
