import { PUBLISHED_SECRETS } from '@ocop/service-kit';
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Json, StoryContext } from './story';
import { BOOTSTRAP_ADMIN, bootE2ePlatform, E2ePlatform } from './support/e2e-platform';

/**
 * Secrets and production defaults, across services: a service refuses public or short secrets and never prints
 * one; docker-compose cannot run production on fallbacks; the bootstrap admin's first session is good for
 * nothing but changing its password, on every service.
 */

const root = join(__dirname, '../../..');

/** A built service run as an operator would; resolves with its exit code and what it wrote to stderr. */
function runBundle(
  service: string,
  env: Record<string, string>,
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, `dist/apps/${service}/main.js`)], {
      cwd: root,
      env: { PATH: process.env['PATH'] ?? '', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

describe('secrets in production (end to end)', () => {
  const secretOf: Record<string, { name: string; published: string[] }> = {
    traceability: {
      name: 'LABEL_KEY_ENCRYPTION_SECRET',
      published: PUBLISHED_SECRETS.filter((s) => s.includes('label-key')),
    },
    lookup: {
      name: 'SCAN_CLIENT_SECRET',
      published: PUBLISHED_SECRETS.filter((s) => s.includes('scan-client')),
    },
  };

  it.each(Object.keys(secretOf))(
    '%s refuses every published secret and a short one, printing none of them nor a database password',
    async (service) => {
      const { name, published } = secretOf[service];
      // Its development default, its old compose fallback (and bench value), and a value one character too short.
      expect(published.length).toBeGreaterThanOrEqual(2);
      for (const value of [...published, 'only-thirty-one-characters-long']) {
        const { code, stderr } = await runBundle(service, {
          NODE_ENV: 'production',
          DATABASE_URL: `postgres://ocop:pg-pass-${service}@db host/ocop_${service}`,
          [name]: value,
        });
        expect(code).not.toBe(0);
        expect(stderr).toContain(`Invalid configuration for ${service}`);
        expect(stderr).toMatch(new RegExp(`${name}: must .* production.*\\(got "\\*\\*\\*"\\)`));
        expect(stderr).not.toContain(value);
        expect(stderr).not.toContain(`pg-pass-${service}`);
      }
    },
    60_000,
  );

  it('docker-compose refuses secret fallbacks: the compose check fails on one, and passes on the real file', async () => {
    const check = (file?: string) =>
      promisify(execFile)(process.execPath, ['tools/ci/compose-check.mjs', ...(file ? [file] : [])], {
        cwd: root,
      });
    await expect(check()).resolves.toMatchObject({ stdout: expect.stringContaining('matches npm start') });

    const compose = readFileSync(join(root, 'docker-compose.yml'), 'utf8');
    const dir = mkdtempSync(join(tmpdir(), 'ocop-compose-'));
    try {
      const withFallback = compose.replace(
        /\$\{SCAN_CLIENT_SECRET:\?[^}]*\}/,
        '${SCAN_CLIENT_SECRET:-compose-dev-scan-client-secret-change-me-0123456789}',
      );
      expect(withFallback).not.toBe(compose);
      writeFileSync(join(dir, 'fallback.yml'), withFallback);
      await expect(check(join(dir, 'fallback.yml'))).rejects.toMatchObject({
        stderr: expect.stringContaining('SCAN_CLIENT_SECRET must be ${SCAN_CLIENT_SECRET:?message}'),
      });

      const withoutSecret = compose.replace('<<: [*env, *lookup-secrets]', '<<: *env');
      expect(withoutSecret).not.toBe(compose);
      writeFileSync(join(dir, 'missing.yml'), withoutSecret);
      await expect(check(join(dir, 'missing.yml'))).rejects.toMatchObject({
        stderr: expect.stringContaining('lookup: SCAN_CLIENT_SECRET is not set'),
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the bootstrap admin at first login (end to end)', () => {
  let e2e: E2ePlatform;
  let ctx: StoryContext;

  beforeAll(async () => {
    // npm start skips the change for its demo admin; here identity behaves as in production.
    e2e = await bootE2ePlatform({
      extraEnv: { identity: { BOOTSTRAP_ADMIN_CHANGE_AT_FIRST_LOGIN: 'true' } },
    });
    ctx = e2e.ctx;
  }, 600_000);

  afterAll(async () => {
    const unclean = await e2e?.dispose();
    expect(unclean).toEqual([]);
  }, 180_000);

  /** One signed-in call on each service that is not about the password. */
  const everywhere = (token: string) =>
    Promise.all(
      (
        [
          [ctx.identity, '/admin/accounts'],
          [ctx.catalogue, '/producers'],
          [ctx.rating, '/rounds'],
          [ctx.traceability, '/batches'],
          [ctx.notifications, '/preferences'],
          [ctx.lookup, '/stats/scans'],
        ] as const
      ).map(async ([client, path]) => {
        const res = await client.request('GET', path, { token, expect: [200, 400, 403] });
        return { service: client.service, status: res.status, code: (res.body as Json)?.code as string };
      }),
    );

  it('may only change its password, on every service, and works everywhere once it has', async () => {
    const first = await ctx.identity.post('/auth/login', {
      body: { identifier: BOOTSTRAP_ADMIN.email, password: BOOTSTRAP_ADMIN.password },
      expect: 200,
    });
    expect(first.passwordChangeRequired).toBe(true);
    for (const answer of await everywhere(first.accessToken)) {
      expect(answer).toEqual({ service: answer.service, status: 403, code: 'password-change-required' });
    }

    const changed = await ctx.identity.post('/me/password', {
      token: first.accessToken,
      body: { currentPassword: BOOTSTRAP_ADMIN.password, newPassword: 'ba con sông chảy về biển Đông' },
      expect: 200,
    });
    expect(changed.passwordChangeRequired).toBeUndefined();
    for (const answer of await everywhere(changed.accessToken)) {
      expect(answer.code).not.toBe('password-change-required');
    }
    // The first session is over: its token still says "change first" until it expires, its refresh is revoked.
    expect((await everywhere(first.accessToken)).every((a) => a.code === 'password-change-required')).toBe(
      true,
    );
    const refresh = await ctx.identity.request('POST', '/auth/refresh', {
      body: { refreshToken: first.refreshToken },
      expect: 401,
    });
    expect(refresh.body.code).toBe('refresh-token-revoked');
  });
});
