import { execFile, spawn } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const root = join(__dirname, '../../..');
const bundle = join(root, 'dist/apps/identity/main.js');

/** The shipped bundle, run as an operator would; resolves with its exit code and what it wrote to stderr. */
function runBundle(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundle], {
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

describe('identity main bundle (integration)', () => {
  beforeAll(async () => {
    // Nx's cache makes this near-instant when `npm test` has just built; alone it takes a few seconds.
    await promisify(execFile)('npx', ['nx', 'run', 'identity:build', '--outputStyle=static'], {
      cwd: root,
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
    });
  }, 180_000);

  it('exits non-zero naming each bad variable, before touching the database', async () => {
    const { code, stderr } = await runBundle({
      PORT: '70000',
      ACCESS_TOKEN_TTL_SECONDS: 'soon',
      DATABASE_URL: 'mysql://x',
    });
    expect(code).not.toBe(0);
    expect(stderr).toContain('Invalid configuration for identity');
    expect(stderr).toMatch(/PORT: .*\(got "70000"\)/);
    expect(stderr).toMatch(/ACCESS_TOKEN_TTL_SECONDS: .*\(got "soon"\)/);
    expect(stderr).toMatch(/DATABASE_URL: /);
  });

  it('refuses to start in production with the development key-encryption secret', async () => {
    const { code, stderr } = await runBundle({ NODE_ENV: 'production' });
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/KEY_ENCRYPTION_SECRET: must be a secret of your own in production/);
  });

  it('prints no secret in its refusal: secret values are masked whole, URL credentials by ***', async () => {
    const secrets = {
      database: 'db-pass-7f3a',
      nats: 'nats-pass-91c2',
      key: 'short-key-5e8d',
      admin: 'Admin-ocop-2026!',
    };
    const { code, stderr } = await runBundle({
      NODE_ENV: 'production',
      // Each value is wrong, so each is reported: the leak was in how a refusal shows what it got.
      DATABASE_URL: `postgres://ocop:${secrets.database}@db host:5432/ocop_identity`,
      NATS_URL: `nats://ocop:${secrets.nats}@nats:4222,tls://elsewhere`,
      KEY_ENCRYPTION_SECRET: secrets.key,
      BOOTSTRAP_ADMIN_EMAIL: 'admin@ocop.vn',
      BOOTSTRAP_ADMIN_PASSWORD: secrets.admin,
    });
    expect(code).not.toBe(0);
    for (const secret of Object.values(secrets)) expect(stderr).not.toContain(secret);
    expect(stderr).toContain('DATABASE_URL: ');
    expect(stderr).toContain('(got "postgres://***@db host:5432/ocop_identity")');
    expect(stderr).toContain('(got "nats://***@nats:4222,tls://elsewhere")');
    expect(stderr).toMatch(
      /KEY_ENCRYPTION_SECRET: must be at least 32 characters long in production \(got "\*\*\*"\)/,
    );
    expect(stderr).toMatch(/BOOTSTRAP_ADMIN_PASSWORD: .*published in the repository \(got "\*\*\*"\)/);
  });
});
