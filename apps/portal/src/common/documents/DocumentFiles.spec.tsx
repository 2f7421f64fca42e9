import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Middleware } from 'openapi-fetch';
import { afterEach, describe, expect, it } from 'vitest';
import { api } from '../api/client';
import { DocumentFiles } from './DocumentFiles';

const PRODUCER = '0b5c9e9e-6a43-4f3e-9a51-3c4f2f8d1e01';
const licence = {
  documentId: '6f1c2b1e-3f7e-4d8a-9a55-0c6f7a1d2e3f',
  fileName: 'Giấy đăng ký hộ kinh doanh.pdf',
  contentType: 'application/pdf',
  sizeBytes: 1_250_000,
  sha256: 'ab'.repeat(32),
  uploadedAt: '2026-12-02T03:04:00Z',
};

/** The catalogue's document list of one producer, as the component meets it. */
function fakeGateway(): () => void {
  const middleware: Middleware = {
    async onRequest({ request }) {
      const path = new URL(request.url).pathname;
      if (request.method === 'GET' && path === `/api/catalogue/producers/${PRODUCER}/documents`) {
        return new Response(JSON.stringify([licence]), { headers: { 'content-type': 'application/json' } });
      }
      return new Response(null, { status: 404 });
    },
  };
  api.use(middleware);
  return () => api.eject(middleware);
}

let eject: (() => void) | undefined;
afterEach(() => eject?.());

function show(editable: boolean) {
  const queries = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={queries}>
      <DocumentFiles
        owner={{ kind: 'producer', id: PRODUCER }}
        editable={editable}
        intro="Giấy tờ để xác minh"
      />
    </QueryClientProvider>,
  );
}

describe('DocumentFiles', () => {
  it('lists the files with a download link, their size and Viet Nam time; a reader gets nothing to change', async () => {
    eject = fakeGateway();
    show(false);
    const papers = screen.getByRole('region', { name: 'Giấy tờ kèm theo' });
    const link = await within(papers).findByRole('link', { name: licence.fileName });
    expect(link).toHaveAttribute(
      'href',
      `/api/catalogue/producers/${PRODUCER}/documents/${licence.documentId}`,
    );
    expect(link).toHaveAttribute('download');
    expect(papers).toHaveTextContent('1,2 MB · 10:04 02/12/2026');
    expect(within(papers).queryByRole('button')).not.toBeInTheDocument();
  });

  it('tells its owner beside the button why a file cannot go, before sending it', async () => {
    eject = fakeGateway();
    const user = userEvent.setup({ applyAccept: false });
    show(true);
    const papers = screen.getByRole('region', { name: 'Giấy tờ kèm theo' });
    await within(papers).findByRole('link', { name: licence.fileName });
    expect(papers).toHaveTextContent('Nhận tệp PDF, PNG hoặc JPEG, mỗi tệp tối đa 10 MB, tối đa 20 tệp.');
    const input = papers.querySelector('input[type="file"]') as HTMLInputElement;
    await user.upload(input, new File(['<svg/>'], 'so-do.svg', { type: 'image/svg+xml' }));
    expect(within(papers).getByRole('alert')).toHaveTextContent('Chỉ nhận tệp PDF, PNG hoặc JPEG.');
    expect(within(papers).getByRole('button', { name: 'Tải giấy tờ lên' })).toHaveAttribute(
      'aria-describedby',
      within(papers).getByRole('alert').id,
    );
    // jsdom joins the visible word and the hidden file name without the space a browser keeps.
    expect(
      within(papers).getByRole('button', { name: /^Xóa ?Giấy đăng ký hộ kinh doanh\.pdf$/ }),
    ).toBeInTheDocument();
  });
});
