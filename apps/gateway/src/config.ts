import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Max,
  Min,
  MinLength,
  Validate,
  ValidatorConstraint,
  ValidatorConstraintInterface,
  ValidationArguments,
} from 'class-validator';
import { join } from 'node:path';
import { BaseServiceConfig, ProductionSecret } from '@ocop/service-kit';

/** Refused in production (PUBLISHED_SECRETS). */
export const DEV_SESSION_SECRET = 'dev-only-gateway-session-secret-not-for-production';

const toBool = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? ['1', 'true', 'yes'].includes(value.toLowerCase()) : value;

const serviceUrl = { protocols: ['http', 'https'], require_tld: false, require_protocol: true };

@ValidatorConstraint({ name: 'secureCookieInProduction' })
class SecureCookieInProduction implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    return (args.object as GatewayConfig).NODE_ENV !== 'production' || value === true;
  }

  defaultMessage(): string {
    return 'must be true in production (the session cookie would travel in clear text)';
  }
}

// Numbers carry @Type(() => Number): env values are strings (see BaseServiceConfig).
export class GatewayConfig extends BaseServiceConfig {
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  override PORT = 3000;

  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true })
  override DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/ocop_gateway';

  /**
   * The portal's own address as the browser sees it (scheme, host, port): the only Origin a mutation carrying
   * the session cookie may come from (CSRF, docs/decisions/0051-csrf-double-submit-and-origin.md).
   */
  @IsUrl(serviceUrl)
  PUBLIC_URL = 'http://127.0.0.1:3000';

  // Where the services answer, from the gateway's side (private addresses in a deployment).
  @IsUrl(serviceUrl)
  IDENTITY_URL = 'http://127.0.0.1:3001';

  @IsUrl(serviceUrl)
  CATALOGUE_URL = 'http://127.0.0.1:3002';

  @IsUrl(serviceUrl)
  TRACEABILITY_URL = 'http://127.0.0.1:3003';

  @IsUrl(serviceUrl)
  RATING_URL = 'http://127.0.0.1:3004';

  @IsUrl(serviceUrl)
  NOTIFICATIONS_URL = 'http://127.0.0.1:3005';

  @IsUrl(serviceUrl)
  LOOKUP_URL = 'http://127.0.0.1:3006';

  /**
   * Seals the tokens kept in the session table (AES-256-GCM) and derives each session's CSRF token (HMAC): a
   * copy of the table alone gives no one a way into an account.
   */
  @IsString()
  @MinLength(32)
  @ProductionSecret()
  SESSION_SECRET: string = DEV_SESSION_SECRET;

  /**
   * The cookie's Secure attribute. Only plain-http development turns it off (tools/dev/services.mjs); production
   * refuses that (the cookie would travel in clear text).
   */
  @Transform(toBool)
  @IsBoolean()
  @Validate(SecureCookieInProduction)
  SESSION_COOKIE_SECURE = true;

  /** A session nobody used for this long ends. */
  @Type(() => Number)
  @IsInt()
  @Min(60)
  @Max(30 * 24 * 3600)
  SESSION_IDLE_SECONDS: number = 2 * 3600;

  /** A session ends this long after its login, however busy (the person signs in again). */
  @Type(() => Number)
  @IsInt()
  @Min(60)
  @Max(90 * 24 * 3600)
  SESSION_ABSOLUTE_SECONDS: number = 7 * 24 * 3600;

  /** An access token this close to its expiry is swapped for a fresh one before the call goes on. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(600)
  ACCESS_TOKEN_REFRESH_MARGIN_SECONDS = 60;

  /** How long a service may take to start answering (headers); then 504 service-timeout. */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(600_000)
  UPSTREAM_TIMEOUT_MS = 60_000;

  /** The portal's static build (npx nx run portal:build), served at / with the app's routes. */
  @IsString()
  @MinLength(1)
  PORTAL_DIR: string = join(__dirname, '..', 'portal');

  /**
   * The map tiles the portal's maps draw (a {z}/{x}/{y} raster URL, e.g. the province's own tile server); empty:
   * maps show the drawn shapes on a plain background (development, tests, no internet). Its origin joins the CSP.
   */
  @IsOptional()
  @IsString()
  MAP_TILE_URL = '';
}

/** The services behind the gateway: /api/<name>/… goes to the service's own /… */
export const UPSTREAMS = [
  'identity',
  'catalogue',
  'traceability',
  'rating',
  'notifications',
  'lookup',
] as const;
export type Upstream = (typeof UPSTREAMS)[number];

export function upstreamUrl(config: GatewayConfig, name: Upstream): string {
  const urls: Record<Upstream, string> = {
    identity: config.IDENTITY_URL,
    catalogue: config.CATALOGUE_URL,
    traceability: config.TRACEABILITY_URL,
    rating: config.RATING_URL,
    notifications: config.NOTIFICATIONS_URL,
    lookup: config.LOOKUP_URL,
  };
  return urls[name].replace(/\/+$/, '');
}
