import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Middleware } from 'openapi-fetch';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { api } from '../../common/api/client';
import { Component as NewAccountPage } from './NewAccountPage';

/** The gateway as this form meets it: every account creation is refused as an address already in use. */
function fakeGateway() {
  const posted: unknown[] = [];
  const middleware: Middleware = {
    async onRequest({ request }) {
      const path = new URL(request.url).pathname;
      if (request.method === 'POST' && path === '/api/identity/admin/accounts') {
        posted.push(await request.clone().json());
        return new Response(
          JSON.stringify({
            status: 409,
            code: 'account-exists',
            title: 'Conflict',
            detail: 'An account with this e-mail or phone number already exists.',
          }),
          { status: 409, headers: { 'content-type': 'application/problem+json' } },
        );
      }
      return new Response(JSON.stringify({ items: [] }), { headers: { 'content-type': 'application/json' } });
    },
  };
  api.use(middleware);
  return { posted, eject: () => api.eject(middleware) };
}

let eject: (() => void) | undefined;
afterEach(() => eject?.());

function openForm() {
  const router = createMemoryRouter([{ path: '/quan-tri/tai-khoan/moi', Component: NewAccountPage }], {
    initialEntries: ['/quan-tri/tai-khoan/moi'],
  });
  const queries = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={queries}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
}

/** The form item (label, field, help and error) a field belongs to. */
const itemOf = (field: HTMLElement) => field.closest('.ant-form-item') as HTMLElement;

describe('the new-account form', () => {
  it('stops an officer without a commune beside the commune field, before anything is sent', async () => {
    const gateway = fakeGateway();
    eject = gateway.eject;
    const user = userEvent.setup();
    openForm();
    await user.type(await screen.findByLabelText('Họ tên'), 'Lê Thị Thu Cúc');
    await user.type(screen.getByLabelText('E-mail'), 'thucuc@ocop.local');
    await user.click(screen.getByRole('checkbox', { name: /^Cán bộ/ }));
    // An officer always has a territory: "none" is offered to council members only.
    expect(screen.queryByRole('radio', { name: 'Không có địa bàn' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Tạo tài khoản' }));
    const commune = await screen.findByLabelText('Xã, phường');
    expect(await within(itemOf(commune)).findByText('Chọn xã, phường')).toBeInTheDocument();
    expect(gateway.posted).toEqual([]);
  });

  it('shows an address already in use under the e-mail it was typed in', async () => {
    const gateway = fakeGateway();
    eject = gateway.eject;
    const user = userEvent.setup();
    openForm();
    await user.type(await screen.findByLabelText('Họ tên'), '  Cửa hàng Dừa Xiêm  ');
    const email = screen.getByLabelText('E-mail');
    await user.type(email, 'duaxiem@example.vn');
    await user.click(screen.getByRole('checkbox', { name: /^Nhà bán lẻ/ }));
    await user.click(screen.getByRole('button', { name: 'Tạo tài khoản' }));
    expect(
      await within(itemOf(email)).findByText('Đã có tài khoản với e-mail hoặc số điện thoại này.'),
    ).toBeInTheDocument();
    // Invited (no password), with only what the retailer role needs: no producer, no territory.
    expect(gateway.posted).toEqual([
      { displayName: 'Cửa hàng Dừa Xiêm', email: 'duaxiem@example.vn', language: 'vi', roles: ['retailer'] },
    ]);
  });
});
