import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startReading } from './camera-reading';

/** What the decoder makes of each frame it is given, in turn: a code, nothing, or an error of its own. */
const frames = vi.hoisted(() => ({ outcomes: [] as (string | Error)[], read: 0 }));

vi.mock('@zxing/library', async (original) => ({
  ...(await original<typeof import('@zxing/library')>()),
  MultiFormatReader: class {
    hints: unknown;
    setHints(hints: unknown) {
      this.hints = hints;
    }
    decodeWithState() {
      frames.read += 1;
      const outcome = frames.outcomes.shift() ?? new Error('No code in this frame');
      if (outcome instanceof Error) throw outcome;
      return { getText: () => outcome };
    }
  },
}));

/** A camera's video element: no picture until `show()`, as a camera warming up. */
function camera() {
  const video = { readyState: 0, videoWidth: 0, videoHeight: 0, HAVE_CURRENT_DATA: 2 };
  return {
    video: video as unknown as HTMLVideoElement,
    show() {
      Object.assign(video, { readyState: 4, videoWidth: 4, videoHeight: 2 });
    },
  };
}

beforeEach(() => {
  vi.useFakeTimers();
  frames.outcomes.length = 0;
  frames.read = 0;
  // jsdom draws nothing: a context that hands back a white picture of the size asked for.
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue({
    drawImage: vi.fn(),
    getImageData: (_x: number, _y: number, width: number, height: number) => ({
      width,
      height,
      data: new Uint8ClampedArray(width * height * 4).fill(255),
    }),
  } as unknown as CanvasRenderingContext2D);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('reading codes from the camera', () => {
  it('waits for the picture, reads on after a frame the decoder chokes on, and stops when told', () => {
    const { video, show } = camera();
    const read: string[] = [];
    const stop = startReading(video, (text) => read.push(text), 250);
    vi.advanceTimersByTime(1000);
    // No picture yet: no frame handed to the decoder (zxing's loop read a picture of no size and gave up).
    expect(frames.read).toBe(0);

    show();
    frames.outcomes.push(new TypeError("Cannot read properties of undefined (reading 'getBits')"), 'CODE-1');
    vi.advanceTimersByTime(250);
    expect(read).toEqual([]);
    vi.advanceTimersByTime(250);
    expect(read).toEqual(['CODE-1']);

    stop();
    frames.outcomes.push('CODE-2');
    vi.advanceTimersByTime(1000);
    expect(read).toEqual(['CODE-1']);
  });
});
