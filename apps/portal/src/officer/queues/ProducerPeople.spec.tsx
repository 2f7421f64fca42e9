import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Middleware } from 'openapi-fetch';
import { afterEach, describe, expect, it } from 'vitest';
import { api } from '../../common/api/client';
import { formatDateTime } from '../../common/format/format';
import { ProducerPeople } from './ProducerPeople';

const PRODUCER = '3c2b1a09-8f7e-4d6c-9b5a-4f3e2d1c0b9a';
const LAN = '6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b';
const EXPIRED = '2026-03-02T01:30:00.000Z';
const RENEWED = '2099-03-09T01:30:00.000Z';

const person = (overrides: Record<string, unknown>) => ({
  accountId: LAN,
  email: 'lan.hoang@example.vn',
  displayName: 'Hoàng Thị Lan',
  language: 'vi',
  roles: ['producer'],
  producerId: PRODUCER,
  status: 'invited',
  createdAt: '2026-02-23T01:30:00.000Z',
  updatedAt: '2026-02-23T01:30:00.000Z',
  ...overrides,
});

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': status < 300 ? 'application/json' : 'application/problem+json' },
  });

/** The gateway as the section meets it: the people as `lists` says, one read after another, and its answers. */
function fakeGateway(lists: unknown[][], answers: { invite?: () => Response; reissue?: () => Response }) {
  const posted: { path: string; body: unknown }[] = [];
  let read = 0;
  const middleware: Middleware = {
    async onRequest({ request }) {
      const url = new URL(request.url);
      if (request.method === 'GET' && url.pathname === '/api/identity/producer-invitations') {
        expect(url.searchParams.get('producerId')).toBe(PRODUCER);
        return json({ items: lists[Math.min(read++, lists.length - 1)] });
      }
      if (request.method === 'POST') {
        const body = request.headers.get('content-type')?.includes('json') ? await request.json() : undefined;
        posted.push({ path: url.pathname, body });
        if (url.pathname === '/api/identity/producer-invitations' && answers.invite) return answers.invite();
        if (url.pathname === `/api/identity/producer-invitations/${LAN}/reissue` && answers.reissue)
          return answers.reissue();
      }
      return json({ status: 404, code: 'not-found', title: 'Not found' }, 404);
    },
  };
  api.use(middleware);
  return { posted, eject: () => api.eject(middleware) };
}

let eject: (() => void) | undefined;
afterEach(() => eject?.());

function openSection() {
  const queries = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={queries}>
      <ProducerPeople producerId={PRODUCER} />
    </QueryClientProvider>,
  );
}

describe("the producer's people, on the officer's page of the producer", () => {
  it('shows an expired invitation and sends a new one only once the officer confirms', async () => {
    const renewed = person({ invitationExpiresAt: RENEWED });
    const gateway = fakeGateway(
      [
        [
          person({ invitationExpiresAt: EXPIRED }),
          person({ accountId: 'b1', displayName: 'Võ Văn Tư', email: 'tu@example.vn', status: 'active' }),
        ],
        [renewed],
      ],
      { reissue: () => json({ account: renewed }, 201) },
    );
    eject = gateway.eject;
    const user = userEvent.setup();
    openSection();
    expect(await screen.findByText('Lời mời hết hạn')).toBeInTheDocument();
    expect(screen.getByText(`Lời mời đã hết hạn lúc ${formatDateTime(EXPIRED)}.`)).toBeInTheDocument();
    expect(screen.getByText('Đang hoạt động')).toBeInTheDocument();
    // Only the invited person has the button.
    expect(screen.getAllByRole('button', { name: /^Gửi lại lời mời cho/ })).toHaveLength(1);

    const send = screen.getByRole('button', { name: 'Gửi lại lời mời cho Hoàng Thị Lan' });
    await user.click(send);
    const confirm = await screen.findByRole('tooltip');
    expect(
      within(confirm).getByText(
        'Gửi lời mời mới tới lan.hoang@example.vn? Liên kết trong thư mời trước sẽ không dùng được nữa.',
      ),
    ).toBeInTheDocument();
    await user.click(within(confirm).getByRole('button', { name: 'Hủy' }));
    expect(gateway.posted).toEqual([]);

    await user.click(send);
    await user.click(within(confirm).getByRole('button', { name: 'Gửi lại lời mời' }));
    expect(
      await screen.findByText(
        `Đã gửi lại lời mời tới lan.hoang@example.vn. Liên kết mới dùng được đến ${formatDateTime(RENEWED)}.`,
      ),
    ).toBeInTheDocument();
    expect(gateway.posted.map((p) => p.path)).toEqual([`/api/identity/producer-invitations/${LAN}/reissue`]);
    expect(await screen.findByText(`Lời mời dùng được đến ${formatDateTime(RENEWED)}.`)).toBeInTheDocument();
  });

  it('invites a new person for this producer, with the e-mail already in use told under its field', async () => {
    let answered = 0;
    const gateway = fakeGateway([[]], {
      invite: () =>
        answered++ === 0
          ? json({ status: 409, code: 'account-exists', title: 'Account exists' }, 409)
          : json({ account: person({ email: 'moi@example.vn', invitationExpiresAt: RENEWED }) }, 201),
    });
    eject = gateway.eject;
    const user = userEvent.setup();
    openSection();
    expect(await screen.findByText('Chưa có ai đăng nhập làm việc cho chủ thể này.')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Gửi lời mời' }));
    expect(await screen.findByText('Nhập họ và tên người được mời')).toBeInTheDocument();
    expect(screen.getByText('Nhập e-mail để gửi lời mời')).toBeInTheDocument();
    expect(gateway.posted).toEqual([]);

    await user.type(screen.getByLabelText('Họ và tên'), 'Hoàng Thị Lan');
    await user.type(screen.getByLabelText('E-mail'), 'lan.hoang');
    await user.click(screen.getByRole('button', { name: 'Gửi lời mời' }));
    expect(await screen.findByText('E-mail chưa đúng dạng, ví dụ: ten@example.vn')).toBeInTheDocument();
    expect(gateway.posted).toEqual([]);

    await user.type(screen.getByLabelText('E-mail'), '@example.vn');
    await user.click(screen.getByRole('button', { name: 'Gửi lời mời' }));
    expect(await screen.findByText('Đã có tài khoản với e-mail này.')).toBeInTheDocument();

    await user.clear(screen.getByLabelText('E-mail'));
    await user.type(screen.getByLabelText('E-mail'), 'moi@example.vn');
    await user.click(screen.getByRole('button', { name: 'Gửi lời mời' }));
    expect(
      await screen.findByText(
        `Đã gửi lời mời tới moi@example.vn. Liên kết dùng được đến ${formatDateTime(RENEWED)}.`,
      ),
    ).toBeInTheDocument();
    expect(gateway.posted.map((p) => p.body)).toEqual([
      { displayName: 'Hoàng Thị Lan', email: 'lan.hoang@example.vn', language: 'vi', producerId: PRODUCER },
      { displayName: 'Hoàng Thị Lan', email: 'moi@example.vn', language: 'vi', producerId: PRODUCER },
    ]);
    // The form is empty again for the next person.
    expect(screen.getByLabelText('Họ và tên')).toHaveValue('');
  });
});
