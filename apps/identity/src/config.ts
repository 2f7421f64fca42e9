import { BaseServiceConfig, ProductionSecret } from '@ocop/service-kit';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsInt,
  IsString,
  IsUrl,
  Max,
  Min,
  MinLength,
  Validate,
  ValidateIf,
  ValidationArguments,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { PASSWORD_MIN_LENGTH } from './accounts/account.dto';

/**
 * Known to everyone who reads the repository, so it only protects development databases. Production refuses to
 * boot with it (it is in PUBLISHED_SECRETS): whoever holds the database and this secret holds the signing keys.
 */
export const DEV_KEY_ENCRYPTION_SECRET = 'dev-only-key-encryption-secret-not-for-production';
export const PRODUCTION_MIN_SCRYPT_COST_LOG2 = 15;
/** Shared with notifications (its config has the same default), like KEY_ENCRYPTION_SECRET refused in production. */
export const DEV_ACCOUNT_MAIL_SECRET = 'dev-only-account-mail-secret-not-for-production';

@ValidatorConstraint({ name: 'productionScryptCost' })
class ProductionScryptCost implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    return (
      (args.object as IdentityConfig).NODE_ENV !== 'production' ||
      Number(value) >= PRODUCTION_MIN_SCRYPT_COST_LOG2
    );
  }

  defaultMessage(): string {
    return `must be at least ${PRODUCTION_MIN_SCRYPT_COST_LOG2} in production (lower values are for tests)`;
  }
}

/** Development may skip the first-login password change (npm start's demo admin); production never does. */
@ValidatorConstraint({ name: 'passwordChangeInProduction' })
class PasswordChangeInProduction implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    return (args.object as IdentityConfig).NODE_ENV !== 'production' || value === true;
  }

  defaultMessage(): string {
    return 'must be true in production: the bootstrap admin changes the configured password at first login';
  }
}

const toBool = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? ['1', 'true', 'yes'].includes(value.toLowerCase()) : value;

@ValidatorConstraint({ name: 'lockAfterThrottle' })
class LockAfterThrottle implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    return Number(value) > (args.object as IdentityConfig).LOGIN_THROTTLE_AFTER_FAILURES;
  }

  defaultMessage(): string {
    return 'must be greater than LOGIN_THROTTLE_AFTER_FAILURES';
  }
}

const bootstrapAdminWanted = (config: IdentityConfig) =>
  config.BOOTSTRAP_ADMIN_EMAIL !== undefined || config.BOOTSTRAP_ADMIN_PASSWORD !== undefined;

/**
 * Identity's variables on top of every service's. Numbers carry @Type(() => Number): env values are strings, and
 * isolated transpilation (tests) does not always emit the design:type metadata that implicit conversion needs.
 */
export class IdentityConfig extends BaseServiceConfig {
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  override PORT = 3001;

  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true })
  override DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/ocop_identity';

  @IsString()
  @MinLength(1)
  JWT_ISSUER = 'ocop-identity';

  @IsString()
  @MinLength(1)
  JWT_AUDIENCE = 'ocop';

  /** Short-lived on purpose: an access token cannot be revoked, so this bounds how long a disabled account lasts. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(900)
  ACCESS_TOKEN_TTL_SECONDS = 900;

  @Type(() => Number)
  @IsInt()
  @Min(60)
  @Max(90 * 24 * 3600)
  REFRESH_TOKEN_TTL_SECONDS: number = 30 * 24 * 3600;

  @Type(() => Number)
  @IsInt()
  @Min(60)
  @Max(30 * 24 * 3600)
  INVITATION_TTL_SECONDS: number = 7 * 24 * 3600;

  /** How long an e-mailed password-reset token works (once). Short: it is as good as the password. */
  @Type(() => Number)
  @IsInt()
  @Min(60)
  @Max(24 * 3600)
  PASSWORD_RESET_TTL_SECONDS: number = 30 * 60;

  /** Reset mails one account receives per hour; further requests answer the same and send nothing. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  PASSWORD_RESETS_PER_ACCOUNT_PER_HOUR = 3;

  /** Reset requests (and confirmations, separately) one client address may make per hour (429 beyond). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10000)
  PASSWORD_RESETS_PER_ADDRESS_PER_HOUR = 10;

  /** Self-registrations one client address may submit per hour (429 beyond). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10000)
  REGISTRATIONS_PER_ADDRESS_PER_HOUR = 5;

  /**
   * Seals invitation and reset tokens inside the events notifications mails them from (see
   * libs/auth/src/account-token-seal.ts); notifications holds the same value.
   */
  @IsString()
  @MinLength(32)
  @ProductionSecret()
  ACCOUNT_MAIL_SECRET: string = DEV_ACCOUNT_MAIL_SECRET;

  /** Encrypts the signing keys' private halves at rest (AES-256-GCM, key derived with HKDF). */
  @IsString()
  @MinLength(32)
  @ProductionSecret()
  KEY_ENCRYPTION_SECRET: string = DEV_KEY_ENCRYPTION_SECRET;

  /**
   * How long a replica trusts its cached view of the signing keys. Replicas converge on a rotated key within
   * this time, and a retiring key stays published this much longer.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(300)
  SIGNING_KEY_CACHE_SECONDS = 5;

  /** Failures in a row that are free; each further one makes the next attempt wait (1 s, 2 s, 4 s, …). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  LOGIN_THROTTLE_AFTER_FAILURES = 3;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3600)
  LOGIN_THROTTLE_BASE_DELAY_SECONDS = 1;

  @Type(() => Number)
  @IsInt()
  @Min(2)
  @Max(1000)
  @Validate(LockAfterThrottle)
  LOGIN_LOCK_AFTER_FAILURES = 10;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(24 * 3600)
  LOGIN_LOCK_SECONDS: number = 15 * 60;

  /** log2 of scrypt's N (r = 8, p = 3). Raising it later is safe: hashes carry their own parameters. */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(20)
  @Validate(ProductionScryptCost)
  PASSWORD_SCRYPT_COST_LOG2: number = PRODUCTION_MIN_SCRYPT_COST_LOG2;

  /** Set both or neither: the first admin, created at boot when there is no admin yet. */
  @ValidateIf(bootstrapAdminWanted)
  @IsEmail()
  BOOTSTRAP_ADMIN_EMAIL?: string;

  /**
   * Lives in the environment and the deployment files, so it is a secret to the service (never printed, never a
   * published value in production) and only good for one login: the admin must change it at once (below).
   * Its strength is checked when the admin is created, like any password a person sets.
   */
  @ValidateIf(bootstrapAdminWanted)
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @ProductionSecret({ minLength: PASSWORD_MIN_LENGTH })
  BOOTSTRAP_ADMIN_PASSWORD?: string;

  /**
   * The bootstrap admin's first session may only change the password (403 password-change-required elsewhere).
   * `npm start` turns it off so that its documented demo admin works at once; production refuses false.
   */
  @Transform(toBool)
  @IsBoolean()
  @Validate(PasswordChangeInProduction)
  BOOTSTRAP_ADMIN_CHANGE_AT_FIRST_LOGIN = true;
}
