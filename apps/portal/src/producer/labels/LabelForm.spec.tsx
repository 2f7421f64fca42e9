import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiProblem } from '../../common/api/problem';
import { LabelForm, type LabelFormValues } from './LabelForm';

const quantityField = () => screen.getByLabelText('Số tem');
/** The field's own error line (antd puts it under the input, tied to it). */
const errorUnder = async (label: string, text: string) => {
  const item = screen.getByLabelText(label).closest('.ant-form-item') as HTMLElement;
  await waitFor(() => expect(within(item).getByText(text)).toBeInTheDocument());
};

describe('the new labels form', () => {
  it('asks for a number before sending anything', async () => {
    const onSubmit = vi.fn<(v: LabelFormValues) => Promise<void>>();
    render(<LabelForm onSubmit={onSubmit} />);
    expect(screen.getByText('Nhập số tem để biết cần bao nhiêu tờ.')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Tạo tem' }));
    await errorUnder('Số tem', 'Nhập số tem cần in');
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('refuses more than the units service ever accepts, before sending', async () => {
    const onSubmit = vi.fn<(v: LabelFormValues) => Promise<void>>();
    render(<LabelForm onSubmit={onSubmit} />);
    await userEvent.type(quantityField(), '2000000');
    await userEvent.click(screen.getByRole('button', { name: 'Tạo tem' }));
    await errorUnder('Số tem', 'Mỗi lần in tối đa 1.000.000 tem');
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('says how many sheets the run takes on the chosen template, and sends quantity, template and file type', async () => {
    const onSubmit = vi.fn<(v: LabelFormValues) => Promise<void>>().mockResolvedValue();
    const onTemplateChange = vi.fn();
    render(<LabelForm onSubmit={onSubmit} onTemplateChange={onTemplateChange} />);
    await userEvent.type(quantityField(), '500');
    await screen.findByText('500 tem, in trên 21 tờ. Tờ cuối có 20 tem.');

    await userEvent.click(screen.getByRole('radio', { name: /Tờ A4 40 tem 52,5 × 29,7 mm/ }));
    await screen.findByText('500 tem, in trên 13 tờ. Tờ cuối có 20 tem.');
    expect(onTemplateChange).toHaveBeenLastCalledWith(expect.objectContaining({ id: 'a4-4x10' }));

    await userEvent.click(screen.getByRole('radio', { name: /Cuộn tem nhiệt 40 × 30 mm/ }));
    await screen.findByText('500 tem trên cuộn.');
    await userEvent.click(screen.getByRole('radio', { name: /ZPL/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Tạo 500 tem' }));
    await waitFor(() =>
      expect(onSubmit).toHaveBeenCalledWith({ quantity: 500, layout: 'thermal-40x30', format: 'zpl' }),
    );
    // Sent: the number is cleared, so that a second click does not make 500 more by mistake.
    await waitFor(() => expect(quantityField()).toHaveValue(''));
    expect(screen.getByRole('radio', { name: /Cuộn tem nhiệt 40 × 30 mm/ })).toBeChecked();
  });

  it('puts the service’s refusal of the quantity under the quantity, in the person’s words', async () => {
    const refusal = new ApiProblem(400, 'too-many-units', 'Dữ liệu không hợp lệ / Invalid data', undefined, [
      {
        field: 'count',
        message: 'tối đa 100000 đơn vị mỗi lần / at most 100000 units per generation',
      },
    ]);
    const onSubmit = vi.fn<(v: LabelFormValues) => Promise<void>>().mockRejectedValue(refusal);
    render(<LabelForm onSubmit={onSubmit} />);
    await userEvent.type(quantityField(), '200000');
    await userEvent.click(screen.getByRole('button', { name: /Tạo 200\.000 tem/ }));
    await errorUnder('Số tem', 'tối đa 100000 đơn vị mỗi lần');
    // Nothing above the form: the whole answer is about the quantity.
    expect(document.querySelector('.ant-alert')).toBeNull();
  });

  it('tells a problem of no field above the form, in the page’s words', async () => {
    const refusal = new ApiProblem(
      409,
      'batch-not-labelable',
      'Xung đột trạng thái / Conflict',
      undefined,
      [],
    );
    render(
      <LabelForm
        onSubmit={() => Promise.reject(refusal)}
        describeProblem={(p) => (p === refusal ? 'Lô đã bị thu hồi' : 'khác')}
      />,
    );
    await userEvent.type(quantityField(), '10');
    await userEvent.click(screen.getByRole('button', { name: 'Tạo 10 tem' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Lô đã bị thu hồi');
  });
});
