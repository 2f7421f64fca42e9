import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Middleware } from 'openapi-fetch';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { api } from '../../common/api/client';
import { SessionProvider } from '../../common/session/session';
import { Component as LabelsPage } from './LabelsPage';

const PRODUCER = '1c0ffee0-0000-4000-8000-000000000001';
const PRODUCT = '1c0ffee0-0000-4000-8000-000000000002';
const BATCH = '1c0ffee0-0000-4000-8000-000000000003';
const JOB = '1c0ffee0-0000-4000-8000-000000000004';

interface Seen {
  method: string;
  path: string;
  body: unknown;
  key: string | null;
}

/**
 * The gateway as this page meets it, answered in the client's middleware (openapi-fetch sends nothing further):
 * a signed-in producer, its released batch, and label jobs that report `jobAnswers` in turn.
 */
function fakeGateway(options: {
  producerStatus?: string;
  jobStarts?: { status: number; body: unknown }[];
  jobAnswers?: unknown[];
}) {
  const seen: Seen[] = [];
  const jobStarts = [...(options.jobStarts ?? [])];
  const jobAnswers = [...(options.jobAnswers ?? [])];
  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const queued = {
    jobId: JOB,
    status: 'queued',
    done: 0,
    total: 500,
    format: 'pdf',
    layout: 'a4-3x8',
    createdAt: '2026-12-04T03:05:00.000Z',
  };
  const middleware: Middleware = {
    async onRequest({ request }) {
      const path = new URL(request.url).pathname;
      const body = request.method === 'POST' ? ((await request.clone().json()) as unknown) : undefined;
      seen.push({ method: request.method, path, body, key: request.headers.get('idempotency-key') });
      switch (`${request.method} ${path}`) {
        case 'GET /api/session':
          return json({
            csrfToken: 'csrf',
            account: {
              accountId: 'a',
              displayName: 'Cô Ba',
              roles: ['producer'],
              producerId: PRODUCER,
              language: 'vi',
              status: 'active',
              createdAt: '',
              updatedAt: '',
            },
          });
        case `GET /api/traceability/batches/${BATCH}`:
          return json({
            batchId: BATCH,
            producerId: PRODUCER,
            productId: PRODUCT,
            lot: 'SR261202',
            quantity: 400,
            unit: 'KGM',
            status: 'released',
            packingDate: '2026-12-03',
            bestBeforeDate: '2027-01-02',
            growingAreas: [],
            inputs: [],
            digitalLink: 'https://id.example/01/1',
            createdAt: '',
            updatedAt: '',
          });
        case `GET /api/catalogue/products/${PRODUCT}`:
          return json({
            productId: PRODUCT,
            producerId: PRODUCER,
            nameVi: 'Sầu riêng Ri6',
            status: 'active',
            ocop: null,
          });
        case `GET /api/catalogue/producers/${PRODUCER}`:
          return json({
            producerId: PRODUCER,
            name: 'Chánh Thu',
            status: options.producerStatus ?? 'verified',
          });
        case `POST /api/traceability/batches/${BATCH}/units`:
          return json(
            {
              generationId: 'g',
              batchId: BATCH,
              count: 500,
              firstSeq: 101,
              lastSeq: 600,
              totalUnits: 600,
              signed: true,
            },
            201,
          );
        case `POST /api/traceability/batches/${BATCH}/label-jobs`: {
          const start = jobStarts.shift() ?? { status: 202, body: queued };
          return json(start.body, start.status);
        }
        case `GET /api/traceability/label-jobs/${JOB}`:
          return json(jobAnswers.length > 1 ? jobAnswers.shift() : (jobAnswers[0] ?? queued));
        default:
          return json({ code: 'not-found', title: 'Not found' }, 404);
      }
    },
  };
  api.use(middleware);
  return { seen, eject: () => api.eject(middleware) };
}

let eject: (() => void) | undefined;
afterEach(() => {
  eject?.();
  sessionStorage.clear();
});

function openPage() {
  const router = createMemoryRouter([{ path: '/lo-hang/:batchId/tem', Component: LabelsPage }], {
    initialEntries: [`/lo-hang/${BATCH}/tem`],
  });
  const queries = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={queries}>
      <SessionProvider>
        <RouterProvider router={router} />
      </SessionProvider>
    </QueryClientProvider>,
  );
}

describe('the labels page', () => {
  it('makes new units for the labels, prints exactly those, and follows the job to its file', async () => {
    const gateway = fakeGateway({
      jobAnswers: [
        {
          jobId: JOB,
          status: 'running',
          done: 240,
          total: 500,
          format: 'pdf',
          layout: 'a4-3x8',
          createdAt: '2026-12-04T03:05:00.000Z',
        },
        {
          jobId: JOB,
          status: 'succeeded',
          done: 500,
          total: 500,
          format: 'pdf',
          layout: 'a4-3x8',
          createdAt: '2026-12-04T03:05:00.000Z',
          outputUrl: `/label-jobs/${JOB}/output`,
        },
      ],
    });
    eject = gateway.eject;
    openPage();
    expect(await screen.findByRole('heading', { level: 1, name: 'In tem truy xuất' })).toBeInTheDocument();
    expect(await screen.findByText('400 kg')).toBeInTheDocument();
    expect(screen.getByText('Dùng tốt nhất trước')).toBeInTheDocument();

    await userEvent.type(await screen.findByLabelText('Số tem'), '500');
    await userEvent.click(screen.getByRole('button', { name: 'Tạo 500 tem' }));

    expect(await screen.findByText('Đang tạo tem: 240/500')).toBeInTheDocument();
    expect(await screen.findByText('Đã xong 500 tem.', undefined, { timeout: 5000 })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Tải tệp PDF' })).toHaveAttribute(
      'href',
      `/api/traceability/label-jobs/${JOB}/output`,
    );
    const posts = gateway.seen.filter((s) => s.method === 'POST');
    expect(posts.map((p) => [p.path, p.body])).toEqual([
      [`/api/traceability/batches/${BATCH}/units`, { count: 500, signed: true }],
      [
        `/api/traceability/batches/${BATCH}/label-jobs`,
        { format: 'pdf', layout: 'a4-3x8', fromSeq: 101, toSeq: 600 },
      ],
    ]);
    expect(posts[0].key).toMatch(/^labels-[0-9a-f]{32}$/);
    // A reload of the tab finds the run again.
    expect(sessionStorage.getItem(`ocop.labels.${BATCH}`)).toContain(JOB);
  });

  it('after a job that could not start, trying again reuses the units already made (same idempotency key)', async () => {
    const gateway = fakeGateway({
      jobStarts: [{ status: 503, body: { code: 'service-unavailable', title: 'Unavailable' } }],
    });
    eject = gateway.eject;
    openPage();
    await userEvent.type(await screen.findByLabelText('Số tem'), '500');
    await userEvent.click(screen.getByRole('button', { name: 'Tạo 500 tem' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Hệ thống đang bận');
    // The number stays for the retry.
    await userEvent.click(screen.getByRole('button', { name: 'Tạo 500 tem' }));
    expect(await screen.findByText('Đang chờ đến lượt…')).toBeInTheDocument();
    const keys = gateway.seen
      .filter((s) => s.path.endsWith('/units') && s.method === 'POST')
      .map((s) => s.key);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
  });

  it('says why a suspended producer gets no labels, and offers no form', async () => {
    eject = fakeGateway({ producerStatus: 'suspended' }).eject;
    openPage();
    expect(await screen.findByText('Chưa in tem cho lô này được')).toBeInTheDocument();
    expect(
      screen.getByText('Cơ sở đang bị tạm ngưng: chưa in tem được cho đến khi cán bộ xã mở lại.'),
    ).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByLabelText('Số tem')).toBeNull());
  });
});
