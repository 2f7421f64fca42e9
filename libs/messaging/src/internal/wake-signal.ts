import { pause } from './pause';

/**
 * Lets a polling loop sleep until either its poll interval passes or someone has news for it. A notification
 * that arrives while the loop is busy is remembered, so the next `wait` returns at once instead of missing it.
 */
export class WakeSignal {
  private pending = false;
  private wake?: AbortController;

  notify(): void {
    this.pending = true;
    this.wake?.abort();
  }

  async wait(ms: number, signal: AbortSignal): Promise<void> {
    if (!this.pending) {
      this.wake = new AbortController();
      await pause(ms, AbortSignal.any([this.wake.signal, signal]));
      this.wake = undefined;
    }
    this.pending = false;
  }
}
