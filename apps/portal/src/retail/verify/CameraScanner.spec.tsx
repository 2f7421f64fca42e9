import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Component as VerifyPage } from './VerifyPage';

type Decoded = (text: string) => void;

/** The reading of the picture as the page drives it: what it was handed, and a way to play a frame's code into it. */
const decoder = vi.hoisted(() => ({ callbacks: [] as Decoded[], stops: 0 }));

vi.mock('./camera-reading', () => ({
  startReading(_video: unknown, onText: Decoded) {
    decoder.callbacks.push(onText);
    return () => {
      decoder.stops += 1;
    };
  },
}));

const LINK = 'https://id.ocop.vn/01/08936047000500/10/L1/21/ABC';
const OTHER = 'https://id.ocop.vn/01/08936047000500/10/L1/21/ABD';

function withCamera(getUserMedia: () => Promise<unknown>) {
  Object.defineProperty(navigator, 'mediaDevices', { value: { getUserMedia }, configurable: true });
}

beforeEach(() => {
  decoder.callbacks.length = 0;
  decoder.stops = 0;
  // jsdom plays no video: the camera's picture "plays" at once.
  vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue();
});
afterEach(() => {
  Reflect.deleteProperty(navigator, 'mediaDevices');
  vi.restoreAllMocks();
});

describe('scanning with the camera on the code check', () => {
  it('adds each code the camera reads to the list once, says so, and gives the camera back when closed', async () => {
    const track = { stop: vi.fn() };
    withCamera(() => Promise.resolve({ getTracks: () => [track] }));
    const user = userEvent.setup();
    render(<VerifyPage />);
    await user.type(screen.getByLabelText('Mã cần kiểm tra, mỗi dòng một mã'), 'abc{enter}');
    const toggle = screen.getByRole('button', { name: 'Quét bằng camera' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await user.click(toggle);
    await waitFor(() => expect(decoder.callbacks).toHaveLength(1));
    const frame = (text: string) => act(() => decoder.callbacks[0](text));

    await frame(LINK);
    await frame(LINK);
    const box = screen.getByLabelText('Mã cần kiểm tra, mỗi dòng một mã');
    expect(box).toHaveValue(`abc\n${LINK}`);
    expect(screen.getByRole('status')).toHaveTextContent(`Đã đọc mã ${LINK}`);
    await frame(OTHER);
    // A label read again after another is in the list already: said, not added.
    await frame(LINK);
    expect(box).toHaveValue(`abc\n${LINK}\n${OTHER}`);
    expect(screen.getByRole('status')).toHaveTextContent(`Mã ${LINK} đã có trong danh sách`);

    await user.click(screen.getByRole('button', { name: 'Tắt camera' }));
    expect(track.stop).toHaveBeenCalled();
    expect(decoder.stops).toBe(1);
    expect(screen.getByRole('button', { name: 'Quét bằng camera' })).toHaveAttribute(
      'aria-expanded',
      'false',
    );
  });

  it('explains in words that the browser refused the camera, and keeps the list usable', async () => {
    withCamera(() => Promise.reject(new DOMException('Permission denied', 'NotAllowedError')));
    const user = userEvent.setup();
    render(<VerifyPage />);
    await user.click(screen.getByRole('button', { name: 'Quét bằng camera' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      /Trình duyệt không cho trang này dùng camera\. Hãy cho phép camera trong cài đặt trang/,
    );
    expect(decoder.callbacks).toHaveLength(0);
    expect(screen.getByLabelText('Mã cần kiểm tra, mỗi dòng một mã')).toBeEnabled();
  });

  it('offers no camera where the browser has none to give (plain HTTP, old browsers)', () => {
    render(<VerifyPage />);
    expect(screen.getByRole('button', { name: 'Kiểm tra' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Quét bằng camera' })).not.toBeInTheDocument();
  });
});
