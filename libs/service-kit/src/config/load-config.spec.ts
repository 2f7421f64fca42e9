import { Type } from 'class-transformer';
import { IsInt, IsString, IsUrl, Max, Min, MinLength } from 'class-validator';
import { BaseServiceConfig } from './base-config';
import { ConfigError, loadConfig } from './load-config';
import { PRODUCTION_SECRET_MIN_LENGTH, ProductionSecret } from './production-secret';
import { PUBLISHED_SECRETS } from './published-secrets';

class SampleConfig extends BaseServiceConfig {
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10)
  RETRIES = 3;
}

const DEV_SIGNING_SECRET = PUBLISHED_SECRETS[0];

class SecretiveConfig extends BaseServiceConfig {
  @IsUrl({ protocols: ['smtp', 'smtps'], require_tld: false, require_protocol: true })
  SMTP_URL = 'smtp://127.0.0.1:1025';

  /** A secret whose name does not say so: only the decorator marks it. */
  @IsString()
  @MinLength(16)
  @ProductionSecret()
  SIGNING_MATERIAL = DEV_SIGNING_SECRET;
}

function refusal(cls: new () => object, env: Record<string, string>): string {
  try {
    loadConfig('sample', cls, env);
  } catch (err) {
    if (err instanceof ConfigError) return err.message;
    throw err;
  }
  throw new Error('the configuration was accepted');
}

const valid = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/ocop_sample' };

describe('loadConfig', () => {
  it('applies defaults and converts types', () => {
    const config = loadConfig('sample', SampleConfig, { ...valid, PORT: '3005', RETRIES: '7' });
    expect(config.PORT).toBe(3005);
    expect(config.RETRIES).toBe(7);
    expect(config.NATS_URL).toBe('nats://127.0.0.1:4222');
    expect(config.EVENT_NAMESPACE).toBe('ocop');
  });

  it('names every bad variable with its value, in one error', () => {
    let error: unknown;
    try {
      loadConfig('sample', SampleConfig, { ...valid, PORT: 'eighty', RETRIES: '99', NATS_URL: 'http://x' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain('Invalid configuration for sample');
    expect(message).toMatch(/PORT: .*got "eighty"/);
    expect(message).toMatch(/RETRIES: .*must not be greater than 10.*got "99"/);
    expect(message).toMatch(/NATS_URL: .*nats:\/\//);
    expect((error as ConfigError).problems).toHaveLength(3); // the first broken rule of each variable
  });

  it('reports a missing required variable as not set', () => {
    expect(() => loadConfig('sample', SampleConfig, {})).toThrow(/DATABASE_URL: .*it is not set/);
  });

  it('treats an empty variable as unset, so the default applies', () => {
    expect(loadConfig('sample', SampleConfig, { ...valid, LOG_LEVEL: '' }).LOG_LEVEL).toBe('info');
  });

  describe('never prints a secret', () => {
    it('hides secret values entirely and the credentials inside URLs', () => {
      const message = refusal(SecretiveConfig, {
        DATABASE_URL: 'postgres://ocop:db-password-1@db host:5432/ocop_sample',
        NATS_URL: 'nats://relay:nats-password-2@n1:4222,http://x',
        SMTP_URL: 'smtp://mailer:smtp-password-3@mail.example.vn:587x',
        SIGNING_MATERIAL: 'short-pw-4',
        KEY_ENCRYPTION_SECRET: 'unrelated-variables-are-never-printed',
        PORT: 'eighty',
      });
      for (const secret of ['db-password-1', 'nats-password-2', 'smtp-password-3', 'short-pw-4'])
        expect(message).not.toContain(secret);
      expect(message).toMatch(/DATABASE_URL: .*\(got "postgres:\/\/\*\*\*@db host:5432\/ocop_sample"\)/);
      expect(message).toMatch(/NATS_URL: .*\(got "nats:\/\/\*\*\*@n1:4222,http:\/\/x"\)/);
      expect(message).toMatch(/SMTP_URL: .*\(got "smtp:\/\/\*\*\*@mail.example.vn:587x"\)/);
      expect(message).toMatch(/SIGNING_MATERIAL: .*\(got "\*\*\*"\)/);
      expect(message).toMatch(/PORT: .*\(got "eighty"\)/);
    });

    it('masks before shortening a long value, so a cut cannot leave a password without its "@"', () => {
      const password = 'p'.repeat(70);
      const message = refusal(SampleConfig, { DATABASE_URL: `postgres://ocop:${password}@db:5432/x y` });
      expect(message).not.toContain('ppppp');
      expect(message).toContain('got "postgres://***@db:5432/x y"');
    });
  });

  describe('production secrets', () => {
    const strong = 'k'.repeat(8) + 'Q3v9-Zt7_xW2mN8bR4cL1yH6jD0pF5sA';

    it('keeps the development default outside production', () => {
      expect(loadConfig('sample', SecretiveConfig, valid).SIGNING_MATERIAL).toBe(DEV_SIGNING_SECRET);
    });

    it('refuses in production a value published in the repository, whatever its length', () => {
      for (const published of PUBLISHED_SECRETS) {
        const message = refusal(SecretiveConfig, {
          ...valid,
          NODE_ENV: 'production',
          SIGNING_MATERIAL: ` ${published} `,
        });
        expect(message).toMatch(/SIGNING_MATERIAL: must be a secret of your own in production: .*published/);
        expect(message).not.toContain(published);
      }
      expect(refusal(SecretiveConfig, { ...valid, NODE_ENV: 'production' })).toMatch(
        /SIGNING_MATERIAL: .*published in the repository \(it is not set\)/,
      );
    });

    it(`refuses in production a secret shorter than ${PRODUCTION_SECRET_MIN_LENGTH} characters`, () => {
      const short = strong.slice(0, PRODUCTION_SECRET_MIN_LENGTH - 1);
      expect(refusal(SecretiveConfig, { ...valid, NODE_ENV: 'production', SIGNING_MATERIAL: short })).toMatch(
        new RegExp(`SIGNING_MATERIAL: must be at least ${PRODUCTION_SECRET_MIN_LENGTH} characters`),
      );
      const config = loadConfig('sample', SecretiveConfig, {
        ...valid,
        NODE_ENV: 'production',
        SIGNING_MATERIAL: strong.slice(0, PRODUCTION_SECRET_MIN_LENGTH),
      });
      expect(config.SIGNING_MATERIAL).toHaveLength(PRODUCTION_SECRET_MIN_LENGTH);
    });
  });
});
