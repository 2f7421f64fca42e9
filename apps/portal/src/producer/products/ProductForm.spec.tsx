import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiProblem } from '../../common/api/problem';
import type { Vocabularies } from './product-api';
import { type ProductBody, ProductForm, productBody } from './ProductForm';

const vocabularies: Vocabularies = {
  productGroups: [{ code: 'food', nameVi: 'Thực phẩm', nameEn: 'Food' }],
  productSets: [{ no: 7, group: 'food', nameVi: 'Bánh, mứt, kẹo', nameEn: 'Cakes, jams and candies' }],
  allergens: [{ code: 'milk', nameVi: 'Sữa', nameEn: 'Milk' }],
};

function renderForm(onSubmit: (body: ProductBody) => Promise<void>) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  client.setQueryData(['catalogue', 'vocabularies'], vocabularies);
  return render(
    <QueryClientProvider client={client}>
      <ProductForm submitLabel="Lưu sản phẩm" onSubmit={onSubmit} />
    </QueryClientProvider>,
  );
}

async function fillRequired(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByLabelText('Tên sản phẩm'), '  Kẹo dừa sáp ca cao ');
  const set = screen.getByLabelText('Bộ sản phẩm OCOP');
  fireEvent.mouseDown(set);
  await user.type(set, 'banh keo');
  await user.click(await screen.findByText('Bánh, mứt, kẹo'));
}

describe('the product form', () => {
  it('sends what the catalogue’s DTO takes: trimmed text, the set’s number, GTINs without blank boxes', async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn<(body: ProductBody) => Promise<void>>(async () => undefined);
    renderForm(onSubmit);
    await fillRequired(user);
    await user.click(screen.getByRole('button', { name: 'Thêm mã GTIN' }));
    await user.type(screen.getByLabelText('Mã GTIN thứ 1'), ' 8936047000500 ');
    await user.click(screen.getByRole('button', { name: 'Lưu sản phẩm' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]).toEqual([
      expect.objectContaining({ nameVi: 'Kẹo dừa sáp ca cao', productSet: 7, gtins: ['8936047000500'] }),
    ]);
    // A new product leaves an unfilled optional field out rather than sending null.
    expect(onSubmit.mock.calls[0][0].nameEn).toBeUndefined();
  });

  it('says which check digit a mistyped GTIN needs before anything is sent', async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn(async () => undefined);
    renderForm(onSubmit);
    await fillRequired(user);
    await user.click(screen.getByRole('button', { name: 'Thêm mã GTIN' }));
    await user.type(screen.getByLabelText('Mã GTIN thứ 1'), '8936047000501');
    await user.click(screen.getByRole('button', { name: 'Lưu sản phẩm' }));
    expect(await screen.findByText(/Chữ số cuối \(số kiểm tra\) phải là 0/)).toBeInTheDocument();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('shows the catalogue’s refusal of a GTIN under that GTIN’s box', async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn(async () => {
      throw new ApiProblem(
        409,
        'gtin-owned-by-another-producer',
        'Xung đột dữ liệu / Conflict',
        undefined,
        [{ field: 'gtins', message: 'Mã GTIN thuộc về chủ thể khác / GTIN belongs to another producer' }],
        { gtins: ['08936047000500'] },
      );
    });
    renderForm(onSubmit);
    await fillRequired(user);
    await user.click(screen.getByRole('button', { name: 'Thêm mã GTIN' }));
    await user.type(screen.getByLabelText('Mã GTIN thứ 1'), '8936047000500');
    await user.click(screen.getByRole('button', { name: 'Lưu sản phẩm' }));
    const message = await screen.findByText(/thuộc về cơ sở khác/);
    expect(message.closest('.ant-form-item')).toContainElement(screen.getByLabelText('Mã GTIN thứ 1'));
    expect(screen.queryByRole('alert', { name: /Xung đột/ })).toBeNull();
  });
});

describe('the body of a product edit', () => {
  it('clears an emptied optional field with null, and leaves it out of a new product', () => {
    const values = { nameVi: 'Kẹo', nameEn: '  ', productSet: 7, gtins: [' ', ''], allergens: [] };
    expect(productBody(values, true)).toMatchObject({ nameEn: null, shelfLifeDays: null, gtins: [] });
    expect(productBody(values, false).nameEn).toBeUndefined();
  });
});
