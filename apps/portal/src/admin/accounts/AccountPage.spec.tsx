import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Middleware } from 'openapi-fetch';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { api } from '../../common/api/client';
import { formatDateTime } from '../../common/format/format';
import { Component as AccountPage } from './AccountPage';

const ID = '6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b';
const EXPIRED = '2026-03-02T01:30:00.000Z';
const RENEWED = '2099-03-09T01:30:00.000Z';

const invited = (invitationExpiresAt: string) => ({
  accountId: ID,
  email: 'bichngoc@example.vn',
  displayName: 'Phan Thị Bích Ngọc',
  language: 'vi',
  roles: ['council'],
  status: 'invited',
  createdAt: '2026-02-23T01:30:00.000Z',
  updatedAt: '2026-02-23T01:30:00.000Z',
  invitationExpiresAt,
});

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': status < 300 ? 'application/json' : 'application/problem+json' },
  });

/**
 * The gateway as this page meets it: the account as `reads` says, one after another (the last one again), and a
 * new invitation answered by `answer`.
 */
function fakeGateway(reads: unknown[], answer: () => Response) {
  const sent: string[] = [];
  let read = 0;
  const middleware: Middleware = {
    onRequest({ request }) {
      const path = new URL(request.url).pathname;
      if (request.method === 'POST' && path === `/api/identity/admin/accounts/${ID}/invitation`) {
        sent.push(path);
        return answer();
      }
      if (request.method === 'GET' && path === `/api/identity/admin/accounts/${ID}`)
        return json(reads[Math.min(read++, reads.length - 1)]);
      return json({ items: [] });
    },
  };
  api.use(middleware);
  return { sent, eject: () => api.eject(middleware) };
}

let eject: (() => void) | undefined;
afterEach(() => eject?.());

function openPage() {
  const router = createMemoryRouter([{ path: '/quan-tri/tai-khoan/:accountId', Component: AccountPage }], {
    initialEntries: [`/quan-tri/tai-khoan/${ID}`],
  });
  const queries = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={queries}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
}

describe("an invited account's page", () => {
  it('says the invitation expired, and sends a new one only once the admin confirms', async () => {
    const gateway = fakeGateway([invited(EXPIRED)], () => json({ account: invited(RENEWED) }, 201));
    eject = gateway.eject;
    const user = userEvent.setup();
    openPage();
    expect(await screen.findByText('Lời mời đã hết hạn')).toBeInTheDocument();
    expect(
      screen.getByText(
        `Lời mời gửi tới bichngoc@example.vn đã hết hạn lúc ${formatDateTime(EXPIRED)}. Liên kết trong thư không dùng được nữa.`,
      ),
    ).toBeInTheDocument();

    // The page's button; the confirmation has one of the same name, kept in the page once shown.
    const send = screen.getByRole('button', { name: 'Gửi lại lời mời' });
    await user.click(send);
    const confirm = await screen.findByRole('tooltip');
    expect(
      within(confirm).getByText(
        'Gửi lời mời mới tới bichngoc@example.vn? Liên kết trong thư mời trước sẽ không dùng được nữa.',
      ),
    ).toBeInTheDocument();
    // Cancelled: nothing goes out.
    await user.click(within(confirm).getByRole('button', { name: 'Hủy' }));
    expect(gateway.sent).toEqual([]);

    await user.click(send);
    await user.click(within(confirm).getByRole('button', { name: 'Gửi lại lời mời' }));
    expect(
      await screen.findByText(
        `Đã gửi lại lời mời tới bichngoc@example.vn. Liên kết mới dùng được đến ${formatDateTime(RENEWED)}.`,
      ),
    ).toBeInTheDocument();
    expect(gateway.sent).toHaveLength(1);
    // The page shows the account as the service answered it: waiting, until the new expiry.
    expect(screen.getByText('Đang chờ người dùng nhận lời mời')).toBeInTheDocument();
    expect(screen.queryByText('Lời mời đã hết hạn')).not.toBeInTheDocument();
  });

  it('says in the person’s words when the account no longer waits, and shows it as it is now', async () => {
    const active = { ...invited(EXPIRED), status: 'active', invitationExpiresAt: undefined };
    const gateway = fakeGateway([invited(EXPIRED), active], () =>
      json(
        {
          status: 409,
          code: 'account-not-invited',
          title: 'Tài khoản không chờ nhận lời mời / Account not waiting for an invitation',
        },
        409,
      ),
    );
    eject = gateway.eject;
    const user = userEvent.setup();
    openPage();
    await user.click(await screen.findByRole('button', { name: 'Gửi lại lời mời' }));
    await user.click(
      within(await screen.findByRole('tooltip')).getByRole('button', { name: 'Gửi lại lời mời' }),
    );
    expect(
      await screen.findByText(
        'Tài khoản này không còn chờ nhận lời mời: người dùng vừa đặt mật khẩu, hoặc tài khoản đã bị vô hiệu hóa.',
      ),
    ).toBeInTheDocument();
    // Read again: the owner has set a password meanwhile, so there is no invitation to send any more.
    expect(await screen.findByText('Đang hoạt động')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Gửi lại lời mời' })).not.toBeInTheDocument();
  });
});
