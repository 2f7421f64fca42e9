import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Middleware } from 'openapi-fetch';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { api } from '../../common/api/client';
import { Component as WebhookPage } from './WebhookPage';
import { Component as WebhooksPage } from './WebhooksPage';

const ID = '7d1c6a52-3f0e-4f4b-9a8e-2f6a1c0b9d11';
const RECALLED = 'ocop.traceability.batch.recalled';
const subscription = {
  id: ID,
  ownerId: '0b8f2f7e-8a61-4d6e-9d7a-3c2b1a0f9e88',
  url: 'https://kho.coopbentre.vn/ocop',
  eventTypes: [RECALLED],
  description: 'Kho Co.op Bến Tre',
  status: 'active',
  consecutiveFailures: 1,
  disabledReason: null,
  disabledAt: null,
  createdAt: '2026-12-01T02:00:00.000Z',
  updatedAt: '2026-12-01T02:00:00.000Z',
};
const failed = {
  id: '5a0e8d0c-1b2c-4d3e-8f4a-9b8c7d6e5f40',
  eventId: '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a',
  eventType: RECALLED,
  status: 'failed',
  attempts: 1,
  nextAttemptAt: null,
  lastError: 'HTTP 500',
  lastStatus: 500,
  // 08:05 on 3 December in Viet Nam.
  createdAt: '2026-12-03T01:05:00.000Z',
  sentAt: null,
};

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': status < 400 ? 'application/json' : 'application/problem+json' },
  });

/** Notifications as these pages meet it: one subscription with one failed delivery; `answers` says what else. */
function fakeGateway(answers: Record<string, () => Response>) {
  const asked: string[] = [];
  const middleware: Middleware = {
    onRequest({ request }) {
      const path = new URL(request.url).pathname.replace('/api/notifications/webhooks', '');
      asked.push(`${request.method} ${path}`);
      const answer = answers[`${request.method} ${path}`];
      if (answer) return answer();
      if (path === '/event-types') return json({ eventTypes: [RECALLED] });
      if (path === `/subscriptions/${ID}/deliveries`) return json({ items: [failed] });
      if (path === `/subscriptions/${ID}`) return json(subscription);
      return json({ items: [] });
    },
  };
  api.use(middleware);
  eject = () => api.eject(middleware);
  return asked;
}

let eject: (() => void) | undefined;
afterEach(() => eject?.());

function open(path: string) {
  const router = createMemoryRouter(
    [
      { path: '/kiem-tra-ma/webhook', Component: WebhooksPage },
      { path: '/kiem-tra-ma/webhook/:subscriptionId', Component: WebhookPage },
    ],
    { initialEntries: [path] },
  );
  const queries = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={queries}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
}

describe('the webhook pages', () => {
  it('show a failed delivery in Viet Nam time with the receiver’s answer, and the refusal of its replay in words', async () => {
    const problem = {
      status: 409,
      code: 'subscription-disabled',
      title: 'Xung đột / Conflict',
      detail: 'Đăng ký webhook đang tắt; hãy bật lại trước khi gửi lại / The subscription is disabled',
    };
    const asked = fakeGateway({
      [`POST /subscriptions/${ID}/deliveries/${failed.id}/replay`]: () => json(problem, 409),
    });
    const user = userEvent.setup();
    open(`/kiem-tra-ma/webhook/${ID}`);
    const log = await screen.findByRole('region', { name: 'Nhật ký gửi' });
    const row = (await within(log).findByText('HTTP 500 · 1 lần thử')).closest('tr') as HTMLElement;
    // Viet Nam's clock (UTC+7), in whichever order the browser's Vietnamese puts the date and the time.
    const when = within(row).getAllByRole('cell')[0].textContent ?? '';
    expect(when).toMatch(/08:05/);
    expect(when).toMatch(/03\/12\/2026/);
    expect(row).toHaveTextContent('Lô hàng bị thu hồi');
    expect(row).toHaveTextContent('Gửi không được');

    await user.click(within(row).getByRole('button', { name: `Gửi lại: Lô hàng bị thu hồi, ${when}` }));
    expect(await within(row).findByRole('alert')).toHaveTextContent(
      'Đăng ký đang tạm dừng hoặc đã tự tắt. Hãy bật lại đăng ký rồi gửi lại.',
    );
    expect(asked).toContain(`POST /subscriptions/${ID}/deliveries/${failed.id}/replay`);
  });

  it('says under the URL why the service refused the address, and asks for an event before sending', async () => {
    const asked = fakeGateway({
      'POST /subscriptions': () =>
        json(
          {
            status: 422,
            code: 'webhook-url-private-address',
            title: 'Không xử lý được / Unprocessable',
            detail: 'URL không được trỏ tới địa chỉ nội bộ / The URL must not point at a private address',
          },
          422,
        ),
    });
    const user = userEvent.setup();
    open('/kiem-tra-ma/webhook');
    const form = await screen.findByRole('region', { name: 'Đăng ký webhook mới' });
    const url = within(form).getByLabelText('Địa chỉ nhận (URL)');
    await user.type(url, 'http://192.168.1.10/hook');
    await user.click(within(form).getByRole('button', { name: 'Đăng ký' }));
    expect(await within(form).findByText('Chọn ít nhất một sự kiện')).toBeInTheDocument();
    expect(asked).not.toContain('POST /subscriptions');

    await user.click(await within(form).findByRole('checkbox', { name: /Lô hàng bị thu hồi/ }));
    await user.click(within(form).getByRole('button', { name: 'Đăng ký' }));
    const item = url.closest('.ant-form-item') as HTMLElement;
    expect(
      await within(item).findByText(/Địa chỉ không được trỏ tới máy nội bộ \(localhost, mạng riêng\)/),
    ).toBeInTheDocument();
    expect(asked).toContain('POST /subscriptions');
  });
});
