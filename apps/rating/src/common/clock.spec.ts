import { ConfigError, loadConfig } from '@ocop/service-kit';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RatingConfig } from '../config';
import { FileOffsetClock } from './clock';

describe('the file-offset clock (end-to-end tests move rating through months)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rating-clock-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('adds the offset in the file, and none while the file is missing', () => {
    const file = join(dir, 'offset');
    const clock = new FileOffsetClock(file);
    expect(Math.abs(clock.now().getTime() - Date.now())).toBeLessThan(1000);
    writeFileSync(file, String(35 * 30 * 86_400_000));
    const later = new FileOffsetClock(file);
    expect(later.now().getTime() - Date.now()).toBeGreaterThan(34 * 30 * 86_400_000);
  });

  it('is refused in production', () => {
    const env = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/t', CLOCK_OFFSET_FILE: '/tmp/x' };
    expect(loadConfig('rating', RatingConfig, env).CLOCK_OFFSET_FILE).toBe('/tmp/x');
    let error: ConfigError | undefined;
    try {
      loadConfig('rating', RatingConfig, { ...env, NODE_ENV: 'production' });
    } catch (err) {
      error = err as ConfigError;
    }
    expect(error?.message).toContain('CLOCK_OFFSET_FILE');
  });
});
