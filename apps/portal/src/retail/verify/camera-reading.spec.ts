import { create as qrSymbol } from 'qrcode';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startReading } from './camera-reading';

/** What jsQR makes of each frame, when a test scripts it (a code, nothing, or an error); otherwise jsQR itself. */
const script = vi.hoisted(() => ({
  outcomes: undefined as (string | null | Error)[] | undefined,
  frames: 0,
}));

vi.mock('jsqr', async (original) => {
  const real = (await original<typeof import('jsqr')>()).default;
  return {
    default: (...args: Parameters<typeof real>) => {
      script.frames += 1;
      if (!script.outcomes) return real(...args);
      const outcome = script.outcomes.shift() ?? null;
      if (outcome instanceof Error) throw outcome;
      return outcome === null ? null : { data: outcome };
    },
  };
});

const W = 640;
const H = 480;

/** A white picture of the camera's size, or one with a QR code of `scale` pixels a module in the middle. */
function picture(code?: { text: string; scale: number }) {
  const data = new Uint8ClampedArray(W * H * 4).fill(255);
  if (code) {
    const { modules } = qrSymbol(code.text, { errorCorrectionLevel: 'M' });
    const side = modules.size * code.scale;
    const left = (W - side) >> 1;
    const top = (H - side) >> 1;
    for (let y = 0; y < side; y++) {
      for (let x = 0; x < side; x++) {
        if (!modules.get(Math.floor(y / code.scale), Math.floor(x / code.scale))) continue;
        data.fill(0, ((top + y) * W + left + x) * 4, ((top + y) * W + left + x) * 4 + 3);
      }
    }
  }
  return { data, width: W, height: H };
}

/** A camera's video element: no picture until `show()`, as a camera warming up. */
function camera() {
  const video = { readyState: 0, videoWidth: 0, videoHeight: 0, HAVE_CURRENT_DATA: 2 };
  return {
    video: video as unknown as HTMLVideoElement,
    show() {
      Object.assign(video, { readyState: 4, videoWidth: W, videoHeight: H });
    },
  };
}

/** jsdom draws nothing: the canvas hands back the picture the test chose as the camera's. */
function cameraSees(shown: ReturnType<typeof picture>) {
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue({
    drawImage: vi.fn(),
    getImageData: () => shown,
  } as unknown as CanvasRenderingContext2D);
}

beforeEach(() => {
  vi.useFakeTimers();
  script.outcomes = undefined;
  script.frames = 0;
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('reading codes from the camera', () => {
  it('waits for the picture, reads on after a frame it could not make out, and stops when told', () => {
    cameraSees(picture());
    script.outcomes = [];
    const { video, show } = camera();
    const read: string[] = [];
    const stop = startReading(video, (text) => read.push(text), 250);
    vi.advanceTimersByTime(1000);
    // No picture yet: no frame is read (ZXing's own loop read a picture of no size and gave up).
    expect(script.frames).toBe(0);

    show();
    script.outcomes.push(new TypeError("Cannot read properties of undefined (reading 'getBits')"), 'CODE-1');
    vi.advanceTimersByTime(250);
    expect(read).toEqual([]);
    vi.advanceTimersByTime(250);
    expect(read).toEqual(['CODE-1']);

    stop();
    script.outcomes.push('CODE-2');
    vi.advanceTimersByTime(1000);
    expect(read).toEqual(['CODE-1']);
  });

  it("reads a label's code that fills the picture, as with a phone held near the label", () => {
    // A unit's link whose code ZXing's QR detector misses at 7 pixels a module (it missed one label in five there).
    const link =
      'http://127.0.0.1:24070/01/00200000000011/10/SR261204/21/ZN47ZUCWFB27?15=270105&8030=' +
      '8YWmtaCDY4UsQY3pKv-XCH6vJ6Jl90V2QrzhQIKLN4iCsv6VUOITXbYSN-ggHkr7Lp5dYTAHvU1JSSO9hrdi5g';
    cameraSees(picture({ text: link, scale: 7 }));
    const { video, show } = camera();
    show();
    const read: string[] = [];
    const stop = startReading(video, (text) => read.push(text), 250);
    stop();
    expect(read).toEqual([link]);
  });
});
