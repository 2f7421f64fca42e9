import { TokenConsumerConfig } from '@ocop/auth';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsString,
  IsUrl,
  Max,
  MaxLength,
  Min,
  MinLength,
  Validate,
  ValidationArguments,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { ProductionSecret } from '@ocop/service-kit';

/** The same development value as identity's: refused in production (PUBLISHED_SECRETS). */
export const DEV_ACCOUNT_MAIL_SECRET = 'dev-only-account-mail-secret-not-for-production';

const toBool = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? ['1', 'true', 'yes'].includes(value.toLowerCase()) : value;

/** A webhook pointing at 127.0.0.1 or a private network is a way into our network (SSRF): never in production. */
@ValidatorConstraint({ name: 'noPrivateWebhooksInProduction' })
class NoPrivateWebhooksInProduction implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    return (args.object as NotificationsConfig).NODE_ENV !== 'production' || value !== true;
  }

  defaultMessage(): string {
    return 'must be false in production (webhooks to private addresses are an SSRF hole)';
  }
}

// Numbers carry @Type(() => Number): env values are strings, and isolated transpilation (tests) does not always
// emit the design:type metadata that implicit conversion relies on.
export class NotificationsConfig extends TokenConsumerConfig {
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  override PORT = 3005;

  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true })
  override DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/ocop_notifications';

  /** Outgoing mail server; development uses the mail catcher of `npm start` (tools/dev/mail-catcher.mjs). */
  @IsUrl({ protocols: ['smtp', 'smtps'], require_tld: false, require_protocol: true })
  SMTP_URL = 'smtp://127.0.0.1:1025';

  @IsString()
  @MinLength(3)
  @MaxLength(200)
  MAIL_FROM = 'OCOP Bến Tre <no-reply@ocop.local>';

  /**
   * Opens the invitation and password-reset tokens identity seals into its events (the same value as identity's;
   * libs/auth/src/account-token-seal.ts).
   */
  @IsString()
  @MinLength(32)
  @ProductionSecret()
  ACCOUNT_MAIL_SECRET: string = DEV_ACCOUNT_MAIL_SECRET;

  /** Where people open the links in account mails (the portal); the token travels in the fragment. */
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true })
  PORTAL_URL = 'http://127.0.0.1:3000';

  /** How often each replica looks for due deliveries when no NOTIFY woke it (retries wait for this). */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(600_000)
  DISPATCH_POLL_MS = 1_000;

  /** Deliveries one replica claims and sends at once. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  DISPATCH_BATCH = 20;

  /**
   * A claimed delivery is someone else's to retry after this long: a replica that died mid-send leaves its rows
   * "sending", and they must not stay there. Longer than any send (SMTP and webhook timeouts).
   */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  DELIVERY_LEASE_MS = 60_000;

  /** Retry n waits about RETRY_BASE_MS·2^(n-1) (half of it jittered), at most RETRY_MAX_MS. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3_600_000)
  RETRY_BASE_MS = 5_000;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(86_400_000)
  RETRY_MAX_MS = 3_600_000;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  EMAIL_MAX_ATTEMPTS = 8;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  WEBHOOK_MAX_ATTEMPTS = 8;

  /** A subscription whose receiver failed this many attempts in a row is disabled until its owner re-enables it. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  WEBHOOK_DISABLE_AFTER = 15;

  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(60_000)
  WEBHOOK_TIMEOUT_MS = 10_000;

  /** Lets webhooks reach loopback and private addresses: development and tests only (refused in production). */
  @Transform(toBool)
  @IsBoolean()
  @Validate(NoPrivateWebhooksInProduction)
  WEBHOOK_ALLOW_PRIVATE_URLS = false;

  /** How often each replica looks for digests to send. */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(3_600_000)
  DIGEST_POLL_MS = 300_000;

  /** Hour of the day (Viet Nam time) from which yesterday's digest goes out. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(23)
  DIGEST_SEND_HOUR = 7;

  /** Comment lines on open inbox streams, so that proxies do not close an idle connection. */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(300_000)
  SSE_HEARTBEAT_MS = 15_000;
}
