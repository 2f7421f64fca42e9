import { TokenConsumerConfig } from '@ocop/auth';
import { ProductionSecret } from '@ocop/service-kit';
import { Type } from 'class-transformer';
import { IsInt, IsString, IsUrl, Matches, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';

/** Public (it is in PUBLISHED_SECRETS): development only; production refuses it. */
export const DEV_SCAN_CLIENT_SECRET = 'dev-only-scan-client-secret';

const PUBLIC_URL = { protocols: ['http', 'https'], require_tld: false, require_protocol: true };
const NO_TRAILING_SLASH = { message: 'must not end with "/" nor carry a query or fragment' };

/**
 * Lookup's variables on top of every service's. Numbers carry @Type(() => Number): env values are strings, and
 * isolated transpilation (tests) does not always emit the design:type metadata implicit conversion needs.
 */
export class LookupConfig extends TokenConsumerConfig {
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  override PORT = 3006;

  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true })
  override DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/ocop_lookup';

  /** This resolver's public address (labels and certificate QR codes point here); links it hands out start with it. */
  @IsUrl(PUBLIC_URL)
  @Matches(/^[^?#]*[^/?#]$/, NO_TRAILING_SLASH)
  LOOKUP_BASE_URL = 'http://127.0.0.1:3006';

  /** Traceability's public address: the gs1:epcis link (EPCIS query interface). */
  @IsUrl(PUBLIC_URL)
  @Matches(/^[^?#]*[^/?#]$/, NO_TRAILING_SLASH)
  TRACEABILITY_PUBLIC_URL = 'http://127.0.0.1:3003';

  /** Rating's public address: the certificate document link on certificate pages. */
  @IsUrl(PUBLIC_URL)
  @Matches(/^[^?#]*[^/?#]$/, NO_TRAILING_SLASH)
  RATING_PUBLIC_URL = 'http://127.0.0.1:3004';

  /** Item views kept in memory (0 disables the cache: every scan reads the database). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  CACHE_MAX_ENTRIES = 50_000;

  /** Longest a cached view lives; events invalidate it earlier, this only bounds a missed invalidation. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(86_400)
  CACHE_TTL_SECONDS = 300;

  /**
   * A unit scanned from more than this many distinct networks (IPv4 /24, IPv6 /48) within the window is suspicious
   * (decision 0029). The name predates networks: a client was once an address and user agent.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  SUSPICIOUS_MAX_CLIENTS = 5;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(30 * 86_400)
  SUSPICIOUS_WINDOW_SECONDS = 86_400;

  /** Keys the client hash (never stored raw): the same value on every replica so that clients count once. */
  @IsString()
  @MinLength(16)
  @ProductionSecret()
  SCAN_CLIENT_SECRET = DEV_SCAN_CLIENT_SECRET;

  /**
   * Scans are counted in memory and written every SCAN_FLUSH_MS, or when SCAN_FLUSH_ROWS rows (a product-day-place
   * count, or a unit-client count) are waiting, whichever comes first.
   */
  @Type(() => Number)
  @IsInt()
  @Min(50)
  @Max(60_000)
  SCAN_FLUSH_MS = 1000;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  SCAN_FLUSH_ROWS = 5000;

  /** Rows held while the database is slow or down; a scan needing a new row beyond this is dropped (and counted). */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  SCAN_BUFFER_MAX = 100_000;

  /**
   * The hotline the consumer page tells a shopper to call on a forged, unknown, recalled, suspended or copied item,
   * and prints in every page's footer: the province's own consumer or food-safety line where it has one. The default
   * is the national consumer support line, which answers from anywhere in Viet Nam.
   */
  @Matches(/^\+?[0-9][0-9 .()-]{2,24}$/, { message: 'must be a phone number (digits, spaces, . ( ) -)' })
  CONSUMER_HOTLINE_PHONE = '1800 6838';

  @IsString()
  @MinLength(2)
  @MaxLength(120)
  CONSUMER_HOTLINE_NAME_VI = 'Tổng đài hỗ trợ người tiêu dùng quốc gia';

  @IsString()
  @MinLength(2)
  @MaxLength(120)
  CONSUMER_HOTLINE_NAME_EN = 'National consumer support line';

  /** Problem reports per client per hour. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  REPORT_LIMIT_PER_HOUR = 10;

  /**
   * PEM files of the certificate chain and key when lookup terminates TLS itself: it then serves HTTPS with HTTP/2
   * (and HTTP/1.1 for older clients). Both or neither; unset, plain HTTP (development, or behind a TLS proxy).
   */
  @ValidateIf((c: LookupConfig) => c.HTTPS_CERT_FILE !== undefined || c.HTTPS_KEY_FILE !== undefined)
  @IsString({ message: 'HTTPS_CERT_FILE is set together with HTTPS_KEY_FILE (or neither)' })
  @MinLength(1, { message: 'HTTPS_CERT_FILE is set together with HTTPS_KEY_FILE (or neither)' })
  HTTPS_CERT_FILE?: string;

  @ValidateIf((c: LookupConfig) => c.HTTPS_CERT_FILE !== undefined || c.HTTPS_KEY_FILE !== undefined)
  @IsString({ message: 'HTTPS_KEY_FILE is set together with HTTPS_CERT_FILE (or neither)' })
  @MinLength(1, { message: 'HTTPS_KEY_FILE is set together with HTTPS_CERT_FILE (or neither)' })
  HTTPS_KEY_FILE?: string;

  /** Most codes in one POST /verify. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10_000)
  VERIFY_MAX_CODES = 1000;

  /** Largest CSV file POST /verify/csv reads (a thousand codes of a few hundred characters fit in far less). */
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  @Max(64 * 1024 * 1024)
  VERIFY_MAX_BYTES = 2 * 1024 * 1024;
}
