import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { Choices, ScoringSheet } from './rating-views';
import { ScoringSheetForm } from './ScoringSheetForm';

/** A sheet small enough to reason about: one criterion per part, parts worth 40, 25 and 35 as in QĐ 148. */
const sheet: ScoringSheet = {
  setCode: 'thu-nghiem',
  setNo: 7,
  name: 'Chế biến từ rau, củ, quả, hạt',
  cases: [],
  usable: true,
  provisional: false,
  parts: [
    {
      code: 'A',
      title: 'Phần A',
      maxPoints: 40,
      sections: [
        {
          title: '1. TỔ CHỨC SẢN XUẤT',
          maxPoints: 40,
          criteria: [
            {
              key: 'A.1.1',
              title: 'a) Nguồn nguyên liệu',
              maxPoints: 40,
              options: [
                { index: 0, text: 'Nguyên liệu trong tỉnh dưới 50%', points: 15 },
                { index: 1, text: 'Nguyên liệu trong tỉnh từ 50% đến dưới 75%', points: 20, minStars: 4 },
                { index: 2, text: 'Nguyên liệu trong tỉnh từ 75% đến 100%', points: 40 },
              ],
            },
          ],
        },
      ],
    },
    {
      code: 'B',
      title: 'Phần B',
      maxPoints: 25,
      sections: [
        {
          title: '4. TIẾP THỊ',
          maxPoints: 25,
          criteria: [
            {
              key: 'B.2.1',
              title: 'a) Kênh phân phối',
              maxPoints: 25,
              minStars: 3,
              options: [
                { index: 0, text: 'Bán tại địa phương', points: 5 },
                { index: 1, text: 'Bán trong và ngoài tỉnh', points: 25 },
              ],
            },
          ],
        },
      ],
    },
    {
      code: 'C',
      title: 'Phần C',
      maxPoints: 35,
      sections: [
        {
          title: '6. CHẤT LƯỢNG',
          maxPoints: 35,
          criteria: [
            {
              key: 'C.3.1',
              title: 'a) Chỉ tiêu an toàn thực phẩm',
              maxPoints: 35,
              options: [
                { index: 0, text: 'Có phiếu kiểm nghiệm', points: 10 },
                { index: 1, text: 'Kiểm nghiệm định kỳ đạt chuẩn', points: 35, minStars: 5 },
              ],
            },
          ],
        },
      ],
    },
  ],
};

function Controlled({ initial = {}, onChange }: { initial?: Choices; onChange?: (c: Choices) => void }) {
  const [value, setValue] = useState<Choices>(initial);
  return (
    <ScoringSheetForm
      sheet={sheet}
      value={value}
      onChange={(next) => {
        setValue(next);
        onChange?.(next);
      }}
    />
  );
}

const group = (key: string) =>
  screen.getByRole('radiogroup', { name: new RegExp(`^${key.replace(/\./g, '\\.')}`) });
const total = () => screen.getByRole('status');

describe('ScoringSheetForm', () => {
  it('asks one labelled question per criterion, with every option and its points', () => {
    render(<Controlled />);
    expect(screen.getAllByRole('radiogroup')).toHaveLength(3);
    const a = group('A.1.1');
    expect(a).toHaveAccessibleName(/Nguồn nguyên liệu/);
    expect(within(a).getAllByRole('radio')).toHaveLength(3);
    expect(within(a).getByRole('radio', { name: /từ 75% đến 100% · 40 điểm/ })).toBeInTheDocument();
    expect(within(a).getByText('≥ 4★')).toBeInTheDocument();
    expect(screen.getByText(/Tiêu chí bắt buộc để được 3 sao/)).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { level: 3, name: /Phần A\. Sản phẩm và sức mạnh cộng đồng/ }),
    ).toBeVisible();
    expect(total()).toHaveTextContent('Tổng điểm: 0/100');
    expect(total()).toHaveTextContent('Đã chọn 0/3 tiêu chí');
  });

  it('adds up the points and names the star of the total as options are chosen', async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    render(<Controlled onChange={onChange} />);
    await user.click(screen.getByRole('radio', { name: /từ 75% đến 100%/ }));
    expect(onChange).toHaveBeenLastCalledWith({ 'A.1.1': 2 });
    expect(total()).toHaveTextContent('Tổng điểm: 40/100');
    expect(total()).toHaveTextContent('Ứng với 2 sao');

    await user.click(screen.getByRole('radio', { name: /Bán trong và ngoài tỉnh/ }));
    await user.click(screen.getByRole('radio', { name: /Có phiếu kiểm nghiệm/ }));
    // 40 + 25 + 10 = 75: the 4★ band; C.3.1's ≥ 5★ marker is above the band, so it takes nothing away.
    expect(total()).toHaveTextContent('Tổng điểm: 75/100');
    expect(total()).toHaveTextContent('A 40/40 · B 25/25 · C 10/35');
    expect(total()).toHaveTextContent('Ứng với 4 sao');
    expect(total()).toHaveTextContent('Đã chọn 3/3 tiêu chí');
    expect(screen.queryByText(/chưa đạt mức tối thiểu/)).not.toBeInTheDocument();
  });

  it('caps the star when an option below a minimum-star marker would otherwise allow more, and says where', async () => {
    const user = userEvent.setup();
    render(<Controlled initial={{ 'B.2.1': 1, 'C.3.1': 1 }} />);
    // 60 points: 3★, so the ≥ 4★ marker of A.1.1 cannot bite yet.
    await user.click(screen.getByRole('radio', { name: /dưới 50%/ }));
    // 15 + 25 + 35 = 75 points: the 4★ band, held to 3★ by A.1.1.
    expect(total()).toHaveTextContent('Tổng điểm: 75/100');
    expect(total()).toHaveTextContent('Ứng với 3 sao');
    expect(total()).toHaveTextContent(
      'Điểm đạt mức 4 sao nhưng chỉ được 3 sao vì tiêu chí A.1.1 chưa đạt mức tối thiểu.',
    );
    expect(group('A.1.1')).toHaveAccessibleDescription(/dưới mức tối thiểu cho 4 sao.*tối đa 3 sao/);

    // Reaching the marked option lifts the cap (20 points: 80 in all, 4★).
    await user.click(screen.getByRole('radio', { name: /từ 50% đến dưới 75%/ }));
    expect(total()).toHaveTextContent('Tổng điểm: 80/100');
    expect(total()).toHaveTextContent('Ứng với 4 sao');
    expect(group('A.1.1')).not.toHaveAccessibleDescription();
  });

  it('shows a message the service gave beside its criterion', () => {
    render(
      <ScoringSheetForm
        sheet={sheet}
        value={{}}
        errors={{ 'C.3.1': 'Chưa chọn phương án cho tiêu chí này.' }}
      />,
    );
    expect(group('C.3.1')).toHaveAccessibleDescription('Chưa chọn phương án cho tiêu chí này.');
    expect(group('C.3.1')).toHaveAttribute('aria-invalid', 'true');
  });

  it('in read-only mode shows the answers and the total but changes nothing', async () => {
    // A click the page would swallow (pointer-events: none) is tried all the same.
    const user = userEvent.setup({ pointerEventsCheck: 0 });
    const onChange = vi.fn();
    render(<ScoringSheetForm sheet={sheet} value={{ 'A.1.1': 2 }} onChange={onChange} readOnly />);
    const radios = screen.getAllByRole('radio');
    radios.forEach((r) => expect(r).toBeDisabled());
    expect(screen.getByRole('radio', { name: /từ 75% đến 100%/ })).toBeChecked();
    await user.click(screen.getByRole('radio', { name: /Bán tại địa phương/ }));
    expect(onChange).not.toHaveBeenCalled();
    expect(total()).toHaveTextContent('Tổng điểm: 40/100');
    expect(screen.queryByText(/mức tối thiểu để được 4 sao/)).not.toBeInTheDocument();
  });

  it('is answered from the keyboard: Tab reaches each question, the arrow keys choose within it', async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    render(<Controlled onChange={onChange} />);
    await user.tab();
    expect(within(group('A.1.1')).getAllByRole('radio')[0]).toHaveFocus();
    await user.keyboard('[Space]');
    expect(onChange).toHaveBeenLastCalledWith({ 'A.1.1': 0 });
    await user.keyboard('[ArrowDown]');
    expect(onChange).toHaveBeenLastCalledWith({ 'A.1.1': 1 });
    await user.tab();
    expect(document.activeElement).toBe(within(group('B.2.1')).getAllByRole('radio')[0]);
  });
});
