import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { AttachmentChecklist, mayFile } from './AttachmentChecklist';
import type { ChecklistItem, Dossier } from './rating-views';

const item = (
  code: string,
  nameVi: string,
  required: boolean,
  extra: Partial<ChecklistItem> = {},
): ChecklistItem => ({
  code,
  nameVi,
  nameEn: code,
  required,
  officerComment: null,
  supplementDueOn: null,
  attachments: [],
  ...extra,
});

const dossier = (status: Dossier['status'], checklist: ChecklistItem[]): Dossier => ({
  dossierId: '6f1c2b1e-3f7e-4d8a-9a55-0c6f7a1d2e3f',
  roundId: 'f0e1d2c3-b4a5-4697-8877-665544332211',
  productId: '11111111-2222-4333-8444-555555555555',
  productName: 'Kẹo dừa lá dứa',
  rubric: { version: 'qd148-2023', setCode: 'bo-7', setNo: 7, sheetId: 'x' },
  status,
  registration: { productNameVi: 'Kẹo dừa lá dứa', representative: 'Lê Thị Lành', phone: '0275 3860 111' },
  selfAssessment: null,
  checklist,
  submittedAt: null,
  createdAt: '2026-12-01T01:00:00Z',
  updatedAt: '2026-12-01T01:00:00Z',
});

const filed = {
  attachmentId: 'a1',
  itemCode: 'registration-form',
  fileName: 'phieu-dang-ky.pdf',
  contentType: 'application/pdf',
  sizeBytes: 2_500_000,
  uploadedAt: '2026-12-02T03:04:00Z',
};

const renderList = (d: Dossier, errors?: Record<string, string>) =>
  render(<AttachmentChecklist dossier={d} errors={errors} onChanged={async () => undefined} />);

describe('AttachmentChecklist', () => {
  const checklist = [
    item('registration-form', 'Phiếu đăng ký sản phẩm', true, { attachments: [filed] }),
    item('business-plan', 'Phương án kinh doanh', true),
    item('product-story', 'Câu chuyện sản phẩm', false),
  ];

  it('says what is required, what is filed, the limits, and offers an upload and removal per item of a draft', () => {
    renderList(dossier('draft', checklist));
    expect(screen.getByText(/Nhận tệp PDF, PNG hoặc JPEG, mỗi tệp tối đa 10 MB/)).toBeInTheDocument();
    expect(screen.getByText('Đã nộp 1/2 tài liệu bắt buộc.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'phieu-dang-ky.pdf' })).toHaveAttribute(
      'href',
      '/api/rating/dossiers/6f1c2b1e-3f7e-4d8a-9a55-0c6f7a1d2e3f/attachments/a1',
    );
    expect(screen.getByText(/2,4 MB · 10:04 02\/12\/2026/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /Xóa.*phieu-dang-ky\.pdf/ })).toBeInTheDocument();
    expect(screen.getAllByRole('button', { name: /Tải tệp lên/ })).toHaveLength(3);
    expect(screen.getByRole('button', { name: /Tải tệp lên.*Phương án kinh doanh/ })).toBeInTheDocument();
  });

  it('refuses a file of another type or too large before sending anything, beside its item', () => {
    const send = vi.spyOn(XMLHttpRequest.prototype, 'send');
    const { container } = renderList(dossier('draft', checklist));
    const inputs = container.querySelectorAll<HTMLInputElement>('input[type="file"]');
    fireEvent.change(inputs[1], {
      target: { files: [new File(['x'], 'ke-hoach.docx', { type: 'application/msword' })] },
    });
    const row = screen.getByText('Phương án kinh doanh').closest('.checklist-item') as HTMLElement;
    expect(within(row).getByRole('alert')).toHaveTextContent('Chỉ nhận tệp PDF, PNG hoặc JPEG.');
    const big = new File(['%PDF-'], 'ban-scan.pdf', { type: 'application/pdf' });
    Object.defineProperty(big, 'size', { value: 11 * 1024 * 1024 });
    fireEvent.change(inputs[1], { target: { files: [big] } });
    expect(within(row).getByRole('alert')).toHaveTextContent('Tệp lớn hơn 10 MB');
    expect(send).not.toHaveBeenCalled();
  });

  it('marks the items the service said are missing', () => {
    renderList(dossier('draft', checklist), {
      'business-plan': 'Mục bắt buộc: hãy tải tài liệu này lên trước khi nộp.',
    });
    const row = screen.getByText('Phương án kinh doanh').closest('.checklist-item') as HTMLElement;
    expect(within(row).getByRole('alert')).toHaveTextContent('Mục bắt buộc');
    expect(within(row).getByRole('button', { name: /Tải tệp lên/ })).toHaveAccessibleDescription(
      /Mục bắt buộc/,
    );
  });

  it('once submitted, takes files only for items the officer gave a deadline that has not passed', () => {
    const due = item('test-results', 'Phiếu kết quả kiểm nghiệm', false, { supplementDueOn: '2026-12-20' });
    const late = item('awards', 'Giải thưởng', false, { supplementDueOn: '2026-11-30' });
    const submitted = dossier('accepted', [...checklist, due, late]);
    const today = new Date('2026-12-04T05:00:00Z');
    expect(mayFile(submitted, due, today)).toBe(true);
    expect(mayFile(submitted, late, today)).toBe(false);
    expect(mayFile(submitted, checklist[1], today)).toBe(false);
    expect(mayFile(dossier('decided', [due]), due, today)).toBe(false);
    expect(mayFile(dossier('returned', checklist), checklist[1], today)).toBe(true);
  });

  it('offers no removal once the dossier is no longer the producer’s', () => {
    renderList(dossier('submitted', checklist));
    expect(screen.queryByRole('button', { name: /Xóa/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Tải tệp lên/ })).not.toBeInTheDocument();
  });
});
