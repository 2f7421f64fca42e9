import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Middleware } from 'openapi-fetch';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { api } from '../../common/api/client';
import { ImportSection } from './ImportSection';
import type { ImportResult, RubricIssue, VersionValidation } from './rubric-views';

const versions = [
  { version: 'qd148-2023', legalBasis: '148/QĐ-TTg' },
  { version: 'qd1048-2019', legalBasis: '1048/QĐ-TTg' },
] as VersionValidation[];

interface Sent {
  url: string;
  contentType: string | undefined;
  body: File;
}

/** Rating's import route as the page meets it through XMLHttpRequest: every upload answered with `answer`. */
function fakeUploads(answer: { status: number; body: unknown }) {
  const sent: Sent[] = [];
  class FakeRequest {
    status = 0;
    statusText = '';
    response: unknown;
    responseType = '';
    upload = { onprogress: null };
    onload: (() => void) | null = null;
    onerror: (() => void) | null = null;
    private url = '';
    private headers: Record<string, string> = {};
    open(_method: string, url: string) {
      this.url = url;
    }
    setRequestHeader(name: string, value: string) {
      this.headers[name] = value;
    }
    send(body: File) {
      sent.push({ url: this.url, contentType: this.headers['content-type'], body });
      this.status = answer.status;
      this.response = answer.body;
      queueMicrotask(() => this.onload?.());
    }
  }
  vi.stubGlobal('XMLHttpRequest', FakeRequest);
  return sent;
}

/** The activation route: refused, as when another admin activated a revision meanwhile. */
function fakeActivation() {
  const activated: string[] = [];
  const middleware: Middleware = {
    onRequest({ request }) {
      const path = new URL(request.url).pathname;
      if (request.method === 'POST' && path.endsWith('/activate')) {
        activated.push(path);
        return new Response(
          JSON.stringify({
            status: 409,
            code: 'rubric-sheet-activation-conflict',
            title: 'Xung đột / Conflict',
          }),
          { status: 409, headers: { 'content-type': 'application/problem+json' } },
        );
      }
      return new Response('{}', { headers: { 'content-type': 'application/json' } });
    },
  };
  api.use(middleware);
  return { activated, eject: () => api.eject(middleware) };
}

let eject: (() => void) | undefined;
afterEach(() => {
  eject?.();
  eject = undefined;
  vi.unstubAllGlobals();
});

function openSection() {
  const queries = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const { container } = render(
    <QueryClientProvider client={queries}>
      <ImportSection versions={versions} />
    </QueryClientProvider>,
  );
  return container.querySelector<HTMLInputElement>('input[type="file"]') as HTMLInputElement;
}

const issue = (code: string, messageVi: string, extra: Partial<RubricIssue> = {}): RubricIssue => ({
  severity: 'error',
  code,
  messageVi,
  messageEn: code,
  ...extra,
});

const totals = (c: number) => [
  {
    parts: {
      A: { maximum: 40, reached: 40 },
      B: { maximum: 25, reached: 25 },
      C: { maximum: 35, reached: c },
    },
    total: 65 + c,
  },
];

const sheet = (revision: number, setNo: number, name: string, errors: RubricIssue[]) => ({
  sheetId: `00000000-0000-4000-8000-00000000000${revision}`,
  decision: 'qd148-2023',
  setCode: `set-${setNo}`,
  setNo,
  name,
  revision,
  status: 'draft' as const,
  usable: errors.length === 0,
  provisional: false,
  source: 'import' as const,
  fileName: 'bo-7-8.csv',
  note: 'Đối chiếu phụ lục',
  importedAt: '2026-12-03T02:00:00Z',
  activatedAt: null,
  report: {
    usable: errors.length === 0,
    provisional: false,
    totals: totals(errors.length ? 34 : 35),
    criteria: 30,
    options: 110,
    unverified: [],
    errors,
    warnings: [],
  },
});

describe('importing scoring sheets', () => {
  it('sends a CSV as text/csv whatever type the browser gave it, and shows each draft’s report', async () => {
    const result: ImportResult = {
      sheets: [
        sheet(3, 7, 'Chế biến từ rau, củ, quả, hạt', []),
        sheet(2, 8, 'Chế biến thịt, thủy sản', [
          issue('criterion-maximum-mismatch', 'Tiêu chí C.6.4 tối đa 4 điểm nhưng mức cao nhất 3 điểm', {
            line: 57,
            at: 'C.6.4',
          }),
        ]),
      ],
      fileIssues: [],
    };
    const sent = fakeUploads({ status: 201, body: result });
    const gateway = fakeActivation();
    eject = gateway.eject;
    const user = userEvent.setup();
    const input = openSection();
    // Windows with Excel installed types a .csv file as Excel's.
    const file = new File(['set_no,level\n'], 'bo-7-8.csv', { type: 'application/vnd.ms-excel' });
    await user.upload(input, file);
    expect(screen.getByText('bo-7-8.csv')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Ghi chú (nguồn đối chiếu, lý do sửa)'), '  Đối chiếu phụ lục ');
    await user.click(screen.getByRole('button', { name: 'Nhập phiếu' }));

    expect(await screen.findByText(/Đã nhập 2 phiếu thành bản nháp/)).toBeInTheDocument();
    expect(sent).toHaveLength(1);
    expect(sent[0].contentType).toBe('text/csv');
    expect(sent[0].body.name).toBe('bo-7-8.csv');
    const query = new URL(sent[0].url, 'http://portal').searchParams;
    expect(new URL(sent[0].url, 'http://portal').pathname).toBe('/api/rating/rubrics/qd148-2023/sheets');
    expect(Object.fromEntries(query)).toEqual({ fileName: 'bo-7-8.csv', note: 'Đối chiếu phụ lục' });

    const imported = screen.getByRole('region', { name: 'Phiếu vừa nhập' });
    const sheetItem = (name: string) =>
      within(imported).getByRole('heading', { name }).closest('li') as HTMLElement;
    const good = sheetItem('7. Chế biến từ rau, củ, quả, hạt');
    const broken = sheetItem('8. Chế biến thịt, thủy sản');
    expect(good).toHaveTextContent('Lần 3 · cộng đúng điểm');
    expect(good).toHaveTextContent('Phần A 40/40 · Phần B 25/25 · Phần C 35/35 · Tổng 100');
    expect(broken).toHaveTextContent('Lần 2 · không cộng đúng điểm');
    expect(within(broken).getByText(/Tiêu chí C\.6\.4 tối đa 4 điểm/).textContent).toBe(
      'dòng 57 · C.6.4: Tiêu chí C.6.4 tối đa 4 điểm nhưng mức cao nhất 3 điểm',
    );
    // Only a sheet whose points add up is offered for activation.
    expect(within(broken).queryByRole('button', { name: /^Kích hoạt/ })).not.toBeInTheDocument();

    await user.click(
      within(good).getByRole('button', { name: 'Kích hoạt: lần 3, Chế biến từ rau, củ, quả, hạt' }),
    );
    expect(await screen.findByText(/Đợt đánh giá mở từ nay dùng phiếu này/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Kích hoạt' }));
    expect(
      await within(good).findByText(/^Không kích hoạt được: Vừa có người kích hoạt một phiếu khác/),
    ).toBeInTheDocument();
    expect(gateway.activated).toEqual([
      '/api/rating/rubrics/sheets/00000000-0000-4000-8000-000000000003/activate',
    ]);
  });

  it('tells rating’s refusal of a set the decision does not have under the file, with the set it named', async () => {
    fakeUploads({
      status: 422,
      body: {
        status: 422,
        code: 'rubric-import-invalid',
        title: 'Không xử lý được / Unprocessable',
        issues: [
          issue('set-unknown', 'Dòng 2: bộ sản phẩm số 27 không có trong QĐ 148', { line: 2 }),
          issue('set-name-differs', 'Tên bộ khác tên trong quyết định', { severity: 'warning' }),
        ],
      },
    });
    const user = userEvent.setup();
    const input = openSection();
    await user.upload(input, new File(['x'], 'bo-27.csv', { type: 'text/csv' }));
    await user.click(screen.getByRole('button', { name: 'Nhập phiếu' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(/^Tệp không có phiếu nào của quyết định này/);
    expect(
      within(alert)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Dòng 2: bộ sản phẩm số 27 không có trong QĐ 148']);
    const fileButton = screen.getByRole('button', { name: 'Tệp phiếu Chọn tệp khác' });
    expect(fileButton).toHaveAttribute('aria-invalid', 'true');
    expect(fileButton.getAttribute('aria-describedby')).toContain(alert.id);
    expect(fileButton).toHaveFocus();
  });

  it('stops a file rating cannot read, or none, before sending anything', async () => {
    const sent = fakeUploads({ status: 201, body: { sheets: [], fileIssues: [] } });
    // The chooser offers CSV and XLSX only; a file dropped in anyway is refused by its name.
    const user = userEvent.setup({ applyAccept: false });
    const input = openSection();
    await user.click(screen.getByRole('button', { name: 'Nhập phiếu' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Hãy chọn tệp phiếu đánh giá.');
    await user.upload(input, new File(['%PDF'], 'phu-luc.pdf', { type: 'application/pdf' }));
    await user.click(screen.getByRole('button', { name: 'Nhập phiếu' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Chỉ nhận tệp .csv hoặc .xlsx.');
    expect(sent).toEqual([]);
  });
});
