import { TokenConsumerConfig } from '@ocop/auth';
import { ProductionSecret } from '@ocop/service-kit';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsString, IsUrl, Matches, Max, Min, MinLength } from 'class-validator';
import { CODE_FORMAT_PATTERN } from './site-codes/site-code-format';

/**
 * Known to everyone who reads the repository, so it only protects development databases. Production refuses to
 * boot with it (it is in PUBLISHED_SECRETS): whoever holds the database and this secret can sign labels that verify as genuine.
 */
export const DEV_LABEL_KEY_SECRET = 'dev-only-label-key-encryption-secret-not-for-production';

/**
 * Traceability's variables on top of every service's. Numbers carry @Type(() => Number): env values are strings,
 * and isolated transpilation (tests) does not always emit the design:type metadata implicit conversion needs.
 */
export class TraceabilityConfig extends TokenConsumerConfig {
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  override PORT = 3003;

  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true })
  override DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/ocop_traceability';

  /** Scheme and host (and optional path prefix) of the GS1-conformant resolver that labels point to. */
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true })
  @Matches(/^[^?#]*[^/?#]$/, { message: 'must not end with "/" nor carry a query or fragment' })
  RESOLVER_BASE_URL = 'http://127.0.0.1:3006';

  /**
   * Growing-area code layout (QĐ 3156/QĐ-BNN-TT). The separator is not fixed by the guidance we hold, so the
   * whole layout is configuration: {province} {district} {commune} {facility:N} (zero-padded to N) {yy} {yyyy};
   * {district?} is left out for sites on the map since July 2025, which has no districts (decision 0054).
   */
  @Matches(CODE_FORMAT_PATTERN, {
    message: 'must contain {facility} or {facility:N} and only known placeholders',
  })
  GROWING_AREA_CODE_FORMAT = 'VN-{province}-{district?}-{commune}-{facility:2}-{yy}';

  /** Packing-house codes: same structure, marked "ĐG" (đóng gói) so that they never equal a growing-area code. */
  @Matches(CODE_FORMAT_PATTERN, {
    message: 'must contain {facility} or {facility:N} and only known placeholders',
  })
  PACKING_HOUSE_CODE_FORMAT = 'VN-{province}-{district?}-{commune}-DG{facility:2}-{yy}';

  /** Largest relative gap between the declared area and the area of the GeoJSON boundary (0.1 = 10 %). */
  @Type(() => Number)
  @IsNumber()
  @Min(0.001)
  @Max(1)
  BOUNDARY_AREA_TOLERANCE = 0.1;

  /** How long a batch request waits for the catalogue when the read model does not know the product yet. */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(30_000)
  CATALOGUE_RPC_TIMEOUT_MS = 1500;

  /** Encrypts the label-signing keys' private halves at rest (AES-256-GCM, key derived with HKDF). */
  @IsString()
  @MinLength(32)
  @ProductionSecret()
  LABEL_KEY_ENCRYPTION_SECRET: string = DEV_LABEL_KEY_SECRET;

  /** Most serialised units one generation request may create. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  MAX_UNITS_PER_GENERATION = 100_000;

  /** Most events one EPCIS capture may carry (advertised as GS1-EPCIS-Capture-Limit). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  CAPTURE_MAX_EVENTS = 10_000;

  /** Largest EPCIS capture document in bytes (advertised as GS1-EPCIS-Capture-File-Size-Limit). */
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  @Max(200 * 1024 * 1024)
  CAPTURE_MAX_BYTES: number = 20 * 1024 * 1024;

  /** Largest document (a land-use certificate, a scanned sketch) a growing-area or packing-house request carries. */
  @Type(() => Number)
  @IsInt()
  @Min(64 * 1024)
  @Max(50 * 1024 * 1024)
  DOCUMENT_MAX_BYTES: number = 10 * 1024 * 1024;

  /**
   * QR mask pattern for label sheets: 'auto' scores all eight masks per code (ISO/IEC 18004 penalty rules), a
   * digit fixes one. Every mask is valid for every decoder; scoring costs ~6× the encoding time, which bulk
   * label jobs cannot afford on small servers (see the decision "QR masks on label sheets").
   */
  @IsIn(['auto', '0', '1', '2', '3', '4', '5', '6', '7'])
  LABEL_QR_MASK = '2';

  /** Largest label run streamed straight to the caller; larger runs go through a background job. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  LABEL_SYNC_MAX = 5000;

  /** Worker threads that encode QR codes for label jobs (0: encode on the main thread). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(16)
  LABEL_QR_WORKERS = 2;

  /** Background jobs (captures, label runs) this replica works on at once. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(16)
  JOB_CONCURRENCY = 2;
}
