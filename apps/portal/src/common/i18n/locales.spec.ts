import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = join(import.meta.dirname, '../..');

function localeDirs(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (!statSync(path).isDirectory()) return [];
    return name === 'locales' ? [path] : localeDirs(path);
  });
}

type Messages = { [key: string]: string | Messages };
const keysOf = (m: Messages, prefix = ''): string[] =>
  Object.entries(m).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}${k}`] : keysOf(v, `${prefix}${k}.`),
  );

describe('locale files', () => {
  const dirs = localeDirs(src);

  it('exist for the shared words and say everything in both languages, key for key', () => {
    expect(dirs.length).toBeGreaterThan(0);
    for (const dir of dirs) {
      const vi = JSON.parse(readFileSync(join(dir, 'vi.json'), 'utf8')) as Messages;
      const en = JSON.parse(readFileSync(join(dir, 'en.json'), 'utf8')) as Messages;
      expect({ dir, keys: keysOf(en).sort() }).toEqual({ dir, keys: keysOf(vi).sort() });
      for (const value of [...keysOf(vi)]) expect(value).not.toBe('');
    }
  });

  it('never give two areas the same top-level key (one would hide the other)', () => {
    const owners = new Map<string, string>();
    for (const dir of dirs) {
      for (const key of Object.keys(JSON.parse(readFileSync(join(dir, 'vi.json'), 'utf8')) as object)) {
        expect({ key, also: owners.get(key) }).toEqual({ key, also: undefined });
        owners.set(key, dir);
      }
    }
  });
});
