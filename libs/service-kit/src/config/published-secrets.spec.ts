import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isPublishedSecret, PUBLISHED_SECRETS } from './published-secrets';

const root = join(__dirname, '../../../..');

/**
 * A literal given to a name that ends in "secret" or "password" (any case): `KEY_ENCRYPTION_SECRET: 'x'`, `DEV_SCAN_CLIENT_SECRET = "x"`,
 * `"password": "x"` (JSON, YAML) and compose's `${VAR:-x}` fallbacks; in configuration files (YAML, env, shell)
 * also a bare `BOOTSTRAP_ADMIN_PASSWORD=x`.
 */
const NAME = String.raw`\b[\w-]*(?:secret|password|passwd)['"]?\s*[:=]\s*`;
const QUOTED = new RegExp(
  NAME +
    String.raw`(?:string\s*=\s*)?(?:'([^'\n]*)'|"([^"\n]*)"|\x60([^\x60\n$]*)\x60|\$\{\w+:?-([^}\n]*)\})`,
  'gi',
);
const BARE = new RegExp(NAME + String.raw`([^\s'"\x60,;{}()$?-][^\s,;{}()]*)`, 'gi');
const CONFIGURATION_FILE = /(\.ya?ml|\.env[\w.-]*|\.sh|\.conf|\.ini|Dockerfile)$/;

/** Where literals are code, not values anyone would deploy: tests pick their own, and docs explain. */
const SKIPPED = [/\.(int-)?spec\.ts$/, /(^|\/)test\//, /\.md$/, /\.csv$/, /package(-lock)?\.json$/];

function repositoryFiles(): string[] {
  // Tracked files and new ones not yet committed (but not ignored ones: builds, logs, node_modules).
  const out = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return [...new Set(out.split('\0').filter(Boolean))].filter((f) => !SKIPPED.some((p) => p.test(f)));
}

function literalsIn(text: string, configurationFile: boolean): string[] {
  const quoted = [...text.matchAll(QUOTED)].map((m) => m.slice(1).find((v) => v !== undefined) ?? '');
  const bare = configurationFile ? [...text.matchAll(BARE)].map((m) => m[1]) : [];
  return [...quoted, ...bare].filter((v) => v.trim() !== '');
}

describe('PUBLISHED_SECRETS', () => {
  it('holds every secret and password value that ships in the repository', () => {
    const missing: string[] = [];
    for (const file of repositoryFiles()) {
      let text: string;
      try {
        text = readFileSync(join(root, file), 'utf8');
      } catch {
        continue; // deleted in the working tree
      }
      for (const value of literalsIn(text, CONFIGURATION_FILE.test(file))) {
        if (!isPublishedSecret(value)) missing.push(`${file}: ${value}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('finds the shapes it looks for (so that the scan above can fail)', () => {
    const found = (text: string) => literalsIn(text, false);
    const foundInConfiguration = (text: string) => literalsIn(text, true);
    expect(found(`export const DEV_X_SECRET = 'a1';`)).toEqual(['a1']);
    expect(found(`  SCAN_CLIENT_SECRET: "a2",`)).toEqual(['a2']);
    expect(found(`KEY: string = 'x'; MY_SECRET: string = 'a3'`)).toEqual(['a3']);
    expect(found(`      "password": "a4"`)).toEqual(['a4']);
    expect(foundInConfiguration(`  KEY_ENCRYPTION_SECRET: \${KEY_ENCRYPTION_SECRET:-a5}`)).toEqual(['a5']);
    expect(foundInConfiguration(`LABEL_KEY_ENCRYPTION_SECRET=a6`)).toEqual(['a6']);
    expect(found(`const same = password === other;`)).toEqual([]);
    expect(found(`export const OPEN_BEFORE_PASSWORD_CHANGE = 'ocop:open';`)).toEqual([]);
    expect(foundInConfiguration(`  BOOTSTRAP_ADMIN_PASSWORD: a7-8`)).toEqual(['a7-8']);
    expect(foundInConfiguration(`  X_SECRET: \${X_SECRET:?set X_SECRET}`)).toEqual([]);
  });

  it('has no duplicates', () => {
    expect(new Set(PUBLISHED_SECRETS).size).toBe(PUBLISHED_SECRETS.length);
  });
});
