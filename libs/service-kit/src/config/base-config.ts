import 'reflect-metadata';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min } from 'class-validator';

const toBool = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? ['1', 'true', 'yes'].includes(value.toLowerCase()) : value;

// Numbers carry @Type(() => Number): env values are strings, and conversion must not depend on emitted
// design:type metadata (isolated transpilation, as in tests, does not always emit it).
/**
 * Variables every service reads. Defaults are the development ones that README names; production sets them all.
 * A service's own config class extends this one.
 */
export class BaseServiceConfig {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @IsString()
  HOST = '127.0.0.1';

  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 0;

  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true })
  DATABASE_URL!: string;

  @Matches(/^nats:\/\/[^,\s]+(,nats:\/\/[^,\s]+)*$/, {
    message: 'must be one or more nats:// URLs separated by commas',
  })
  NATS_URL = 'nats://127.0.0.1:4222';

  /** Prefix of every NATS subject and stream; tests use a random one so parallel runs never meet. */
  @Matches(/^[a-z][a-z0-9_]{0,31}$/, { message: 'must be a lower-case identifier (letters, digits, _)' })
  EVENT_NAMESPACE = 'ocop';

  /** Deliveries of one event before the service gives up on it and keeps it as a dead letter. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  EVENT_MAX_ATTEMPTS = 5;

  /** Waits before each redelivery after a failure, in ms, comma-separated; the last one repeats. */
  @Matches(/^\d{1,7}(,\d{1,7})*$/, {
    message: 'must be waits in milliseconds separated by commas, e.g. 1000,5000',
  })
  EVENT_RETRY_BACKOFF_MS = '1000,5000,15000,60000';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(120_000)
  SHUTDOWN_GRACE_MS = 10_000;

  @Type(() => Number)
  @IsInt()
  @Min(1024)
  @Max(50 * 1024 * 1024)
  HTTP_BODY_LIMIT_BYTES: number = 1024 * 1024;

  @IsOptional()
  @Transform(toBool)
  LOG_SQL = false;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  DB_POOL_SIZE = 10;

  /**
   * Requests per minute and client address without credentials (public catalogue, rubrics, keys, login…); 0
   * switches the limit off (benchmarks load from one address). Health and metrics are never limited.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  RATE_LIMIT_PUBLIC_PER_MINUTE = 1200;

  /** The same for requests that carry credentials (checked or not: a garbage token is no way around a limit). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  RATE_LIMIT_AUTHENTICATED_PER_MINUTE = 12_000;

  /**
   * How many reverse proxies stand in front of the service (`true` = 1, `false` = 0). The client is the address
   * the outermost trusted proxy saw: that many hops back from the socket along X-Forwarded-For, never its first
   * entry, which the caller writes (a forged first entry would mint clients for the rate limit and the scan
   * networks). Fastify's trustProxy with a hop count.
   */
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' || value === true
      ? 1
      : value === 'false' || value === false || value === ''
        ? 0
        : Number(value),
  )
  @IsInt()
  @Min(0)
  @Max(10)
  HTTP_TRUST_PROXY = 0;
}
