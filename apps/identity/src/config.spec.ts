import { ConfigError, loadConfig, PUBLISHED_SECRETS } from '@ocop/service-kit';
import { randomBytes } from 'node:crypto';
import { DEV_ACCOUNT_MAIL_SECRET, DEV_KEY_ENCRYPTION_SECRET, IdentityConfig } from './config';

/** The account-mail secret production needs besides the one a test looks at. */
const mailSecret = { ACCOUNT_MAIL_SECRET: randomBytes(32).toString('base64url') };

const load = (env: Record<string, string>) => loadConfig('identity', IdentityConfig, env);

function problemsOf(env: Record<string, string>): string[] {
  try {
    load(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe('IdentityConfig', () => {
  it('runs in development with the documented defaults', () => {
    expect(load({})).toMatchObject({
      PORT: 3001,
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/ocop_identity',
      JWT_ISSUER: 'ocop-identity',
      JWT_AUDIENCE: 'ocop',
      ACCESS_TOKEN_TTL_SECONDS: 900,
      KEY_ENCRYPTION_SECRET: DEV_KEY_ENCRYPTION_SECRET,
      LOGIN_THROTTLE_AFTER_FAILURES: 3,
      LOGIN_LOCK_AFTER_FAILURES: 10,
      LOGIN_LOCK_SECONDS: 900,
      PASSWORD_SCRYPT_COST_LOG2: 15,
      INVITATION_TTL_SECONDS: 7 * 24 * 3600,
      PASSWORD_RESET_TTL_SECONDS: 30 * 60,
      PASSWORD_RESETS_PER_ACCOUNT_PER_HOUR: 3,
      PASSWORD_RESETS_PER_ADDRESS_PER_HOUR: 10,
      REGISTRATIONS_PER_ADDRESS_PER_HOUR: 5,
      ACCOUNT_MAIL_SECRET: DEV_ACCOUNT_MAIL_SECRET,
    });
  });

  it('reads numbers from the environment', () => {
    expect(load({ ACCESS_TOKEN_TTL_SECONDS: '600', LOGIN_LOCK_AFTER_FAILURES: '5' })).toMatchObject({
      ACCESS_TOKEN_TTL_SECONDS: 600,
      LOGIN_LOCK_AFTER_FAILURES: 5,
    });
  });

  it('refuses production with the public development secret or a test-grade password cost', () => {
    const secret = randomBytes(32).toString('base64url');
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual([
      expect.stringMatching(/^ACCOUNT_MAIL_SECRET: must be a secret of your own in production/),
      expect.stringMatching(/^KEY_ENCRYPTION_SECRET: must be a secret of your own in production/),
    ]);
    expect(
      problemsOf({
        NODE_ENV: 'production',
        KEY_ENCRYPTION_SECRET: secret,
        ...mailSecret,
        PASSWORD_SCRYPT_COST_LOG2: '12',
      }),
    ).toEqual([expect.stringMatching(/^PASSWORD_SCRYPT_COST_LOG2: must be at least 15 in production/)]);
    expect(problemsOf({ NODE_ENV: 'production', KEY_ENCRYPTION_SECRET: secret, ...mailSecret })).toEqual([]);
  });

  it('refuses in production any published secret and any secret shorter than 32 characters', () => {
    for (const published of PUBLISHED_SECRETS) {
      expect(problemsOf({ NODE_ENV: 'production', KEY_ENCRYPTION_SECRET: published, ...mailSecret })).toEqual(
        [expect.stringMatching(/^KEY_ENCRYPTION_SECRET: .*published in the repository \(got "\*\*\*"\)$/)],
      );
      expect(
        problemsOf({
          NODE_ENV: 'production',
          KEY_ENCRYPTION_SECRET: randomBytes(32).toString('base64url'),
          ACCOUNT_MAIL_SECRET: published,
        }),
      ).toEqual([
        expect.stringMatching(/^ACCOUNT_MAIL_SECRET: .*published in the repository \(got "\*\*\*"\)$/),
      ]);
    }
    expect(PUBLISHED_SECRETS).toContain(DEV_ACCOUNT_MAIL_SECRET);
    expect(
      problemsOf({ NODE_ENV: 'production', KEY_ENCRYPTION_SECRET: 'z'.repeat(31), ...mailSecret }),
    ).toEqual([
      expect.stringMatching(/^KEY_ENCRYPTION_SECRET: must be at least 32 characters long in production/),
    ]);
  });

  it("refuses in production a published bootstrap password, and skipping the admin's first password change", () => {
    const production = {
      NODE_ENV: 'production',
      KEY_ENCRYPTION_SECRET: randomBytes(32).toString('base64url'),
      ...mailSecret,
    };
    const admin = { ...production, BOOTSTRAP_ADMIN_EMAIL: 'admin@ocop.vn' };
    expect(problemsOf({ ...admin, BOOTSTRAP_ADMIN_PASSWORD: 'Admin-ocop-2026!' })).toEqual([
      expect.stringMatching(/^BOOTSTRAP_ADMIN_PASSWORD: .*published in the repository \(got "\*\*\*"\)$/),
    ]);
    expect(problemsOf({ ...admin, BOOTSTRAP_ADMIN_PASSWORD: 'Officer-cholach-2026!' })).toHaveLength(1);
    expect(problemsOf({ ...admin, BOOTSTRAP_ADMIN_PASSWORD: 'a fresh one for the province' })).toEqual([]);
    expect(problemsOf({ ...production, BOOTSTRAP_ADMIN_CHANGE_AT_FIRST_LOGIN: 'false' })).toEqual([
      expect.stringMatching(/^BOOTSTRAP_ADMIN_CHANGE_AT_FIRST_LOGIN: must be true in production/),
    ]);
    // Development may skip it, for npm start's demo admin; the default is to ask.
    expect(load({}).BOOTSTRAP_ADMIN_CHANGE_AT_FIRST_LOGIN).toBe(true);
    expect(
      load({ BOOTSTRAP_ADMIN_CHANGE_AT_FIRST_LOGIN: 'false' }).BOOTSTRAP_ADMIN_CHANGE_AT_FIRST_LOGIN,
    ).toBe(false);
  });

  it('refuses an access token TTL beyond 15 minutes, and a lock that comes before the throttle', () => {
    expect(problemsOf({ ACCESS_TOKEN_TTL_SECONDS: '3600' })).toEqual([
      expect.stringMatching(/^ACCESS_TOKEN_TTL_SECONDS:/),
    ]);
    expect(problemsOf({ LOGIN_THROTTLE_AFTER_FAILURES: '5', LOGIN_LOCK_AFTER_FAILURES: '5' })).toEqual([
      expect.stringMatching(/^LOGIN_LOCK_AFTER_FAILURES: must be greater than LOGIN_THROTTLE_AFTER_FAILURES/),
    ]);
  });

  it('wants both bootstrap admin variables or neither', () => {
    expect(problemsOf({ BOOTSTRAP_ADMIN_EMAIL: 'admin@ocop.vn' })).toEqual([
      expect.stringMatching(/^BOOTSTRAP_ADMIN_PASSWORD:/),
    ]);
    expect(problemsOf({ BOOTSTRAP_ADMIN_PASSWORD: 'long enough password' })).toEqual([
      expect.stringMatching(/^BOOTSTRAP_ADMIN_EMAIL:/),
    ]);
    expect(
      problemsOf({ BOOTSTRAP_ADMIN_EMAIL: 'admin@ocop.vn', BOOTSTRAP_ADMIN_PASSWORD: 'z'.repeat(9) }),
    ).toHaveLength(1);
  });
});
