import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Middleware } from 'openapi-fetch';
import { afterEach, describe, expect, it } from 'vitest';
import { api } from '../../common/api/client';
import type { LabelKey } from './label-key-views';
import { Component as LabelKeysPage } from './LabelKeysPage';

const ACTIVE = 'Qm7sX1mC1S2bJ3k9dM2vP0eH6uW4rT8yL5nA3zK7fYc';
const RETIRED = 'u2P9cQ4xV7bN1mL6kJ3hG8fD5sA0zX2wE9rT4yU7iOp';
const REVOKED = 'b8Kd2Lm9Qp3Rs7Tv1Wx5Yz0Ac4Ef6Gh8Ij2Kl4Mn6Op';

const keys: LabelKey[] = [
  {
    kid: ACTIVE,
    alg: 'EdDSA',
    crv: 'Ed25519',
    status: 'active',
    createdAt: '2026-11-01T03:00:00Z',
    signedUnits: 40,
  },
  {
    kid: RETIRED,
    alg: 'EdDSA',
    crv: 'Ed25519',
    status: 'retired',
    createdAt: '2025-06-01T03:00:00Z',
    retiredAt: '2026-11-01T03:00:00Z',
    signedUnits: 10_500,
  },
  {
    kid: REVOKED,
    alg: 'EdDSA',
    crv: 'Ed25519',
    status: 'revoked',
    createdAt: '2024-06-01T03:00:00Z',
    retiredAt: '2025-01-10T01:30:00Z',
    revokedAt: '2025-01-10T01:30:00Z',
    revokedReason: 'Máy chủ cũ bị mất',
    signedUnits: 0,
  },
];

/** Traceability's key routes as the page meets them; a revocation answered with `revokeAnswer`. */
function fakeGateway(revokeAnswer: { status: number; body?: unknown }) {
  const revoked: { kid: string; body: unknown }[] = [];
  const middleware: Middleware = {
    async onRequest({ request }) {
      const path = new URL(request.url).pathname;
      const match = /^\/api\/traceability\/label-keys\/([^/]+)\/revoke$/.exec(path);
      if (request.method === 'POST' && match) {
        revoked.push({ kid: decodeURIComponent(match[1]), body: await request.clone().json() });
        return revokeAnswer.body
          ? new Response(JSON.stringify(revokeAnswer.body), {
              status: revokeAnswer.status,
              headers: { 'content-type': 'application/problem+json' },
            })
          : new Response(null, { status: revokeAnswer.status });
      }
      return new Response(JSON.stringify({ items: keys }), {
        headers: { 'content-type': 'application/json' },
      });
    },
  };
  api.use(middleware);
  return { revoked, eject: () => api.eject(middleware) };
}

let eject: (() => void) | undefined;
afterEach(() => eject?.());

function openPage() {
  const queries = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={queries}>
      <LabelKeysPage />
    </QueryClientProvider>,
  );
}

/** The popconfirm's own confirm button (the form's submit button has the same words). */
async function confirm(user: ReturnType<typeof userEvent.setup>, question: string) {
  const popup = (await screen.findByText(question)).closest('.ant-popover') as HTMLElement;
  await user.click(within(popup).getByRole('button', { name: 'Thu hồi khóa' }));
}

describe('the label signing keys page', () => {
  it('lists the keys with their state, in Viet Nam time, and the labels each signed', async () => {
    eject = fakeGateway({ status: 204 }).eject;
    openPage();
    const retired = (await screen.findByText(RETIRED)).closest('li') as HTMLElement;
    expect(retired).toHaveTextContent('Đã nghỉ');
    expect(retired).toHaveTextContent('Ed25519 (EdDSA)');
    expect(retired).toHaveTextContent('Nghỉ lúc10:00 01/11/2026');
    expect(retired).toHaveTextContent('Tem đã ký10.500 đơn vị');
    expect((screen.getByText(ACTIVE).closest('li') as HTMLElement).textContent).toContain('Đang ký');
    // A revoked key says when and why, and offers nothing more to do.
    const revoked = screen.getByText(REVOKED).closest('li') as HTMLElement;
    expect(revoked).toHaveTextContent('Đã thu hồi');
    expect(revoked).toHaveTextContent('Thu hồi lúc08:30 10/01/2025');
    expect(revoked).toHaveTextContent('Lý do thu hồiMáy chủ cũ bị mất');
    expect(revoked).toHaveTextContent('Tem đã ký0 đơn vị');
    expect(within(revoked).queryByRole('button')).not.toBeInTheDocument();
  });

  it('asks for a reason beside its box, says what a revocation does, and tells a key already revoked', async () => {
    const gateway = fakeGateway({
      status: 409,
      body: { status: 409, code: 'label-key-revoked', title: 'Xung đột / Conflict' },
    });
    eject = gateway.eject;
    const user = userEvent.setup();
    openPage();
    await screen.findByText(RETIRED);
    await user.click(screen.getByRole('button', { name: `Thu hồi khóa ${RETIRED}` }));
    const form = screen.getByRole('region', { name: `Thu hồi khóa ${RETIRED}` });
    expect(form).toHaveTextContent(
      'Không hoàn tác được: mọi tem đã ký bằng khóa này, khi quét, sẽ bị báo là ký bằng khóa đã thu hồi và không còn đáng tin. Khóa này đã ký 10.500 tem.',
    );
    const reason = within(form).getByLabelText('Lý do thu hồi');
    expect(reason).toHaveFocus();

    await user.type(reason, ' x ');
    await user.click(within(form).getByRole('button', { name: 'Thu hồi khóa' }));
    expect(await within(form).findByText('Hãy ghi lý do thu hồi (ít nhất 3 ký tự).')).toBeInTheDocument();
    expect(gateway.revoked).toEqual([]);

    await user.clear(reason);
    await user.type(reason, '  Máy chủ cũ bị mất  ');
    await user.click(within(form).getByRole('button', { name: 'Thu hồi khóa' }));
    await confirm(user, `Thu hồi khóa ${RETIRED}? Không hoàn tác được.`);
    const refusal = await within(form).findByText(
      'Khóa này đã bị thu hồi rồi (có thể quản trị viên khác vừa làm).',
    );
    expect(refusal.closest('[role="alert"]')).not.toBeNull();
    expect(gateway.revoked).toEqual([{ kid: RETIRED, body: { reason: 'Máy chủ cũ bị mất' } }]);
  });

  it('warns before revoking the key in use, and says what came of it under the key', async () => {
    eject = fakeGateway({ status: 204 }).eject;
    const user = userEvent.setup();
    openPage();
    await screen.findByText(ACTIVE);
    await user.click(screen.getByRole('button', { name: `Thu hồi khóa ${ACTIVE}` }));
    const form = screen.getByRole('region', { name: `Thu hồi khóa ${ACTIVE}` });
    expect(form).toHaveTextContent('Đây là khóa đang ký: một khóa mới sẽ được tạo khi ký tem lần tới.');
    await user.type(within(form).getByLabelText('Lý do thu hồi'), 'Lộ khóa');
    await user.click(within(form).getByRole('button', { name: 'Thu hồi khóa' }));
    await confirm(user, `Thu hồi khóa ${ACTIVE}? Không hoàn tác được.`);
    const item = screen.getByText(ACTIVE).closest('li') as HTMLElement;
    expect(
      await within(item).findByText(
        `Đã thu hồi khóa ${ACTIVE}. Tem đã ký bằng khóa này, khi quét, sẽ bị báo là ký bằng khóa đã thu hồi. Khóa này đã ký 40 tem.`,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: `Thu hồi khóa ${ACTIVE}` })).not.toBeInTheDocument();
  });
});
