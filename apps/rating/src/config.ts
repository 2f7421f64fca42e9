import { TokenConsumerConfig } from '@ocop/auth';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsEmpty,
  IsInt,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateIf,
} from 'class-validator';
import type { UnitMapId } from '@ocop/contracts';
import { UNIT_MAP_IDS } from '@ocop/ocop-domain';

const parseIssuers = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value; // reported by the validator as not an object
  }
};

/** An object of known map ids, each with a non-empty Vietnamese and English name of at most 200 characters. */
function IsIssuerOverrides(): PropertyDecorator {
  const name = (v: unknown) => typeof v === 'string' && v.trim().length > 0 && v.length <= 200;
  return ValidateBy({
    name: 'isIssuerOverrides',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'object' &&
        value !== null &&
        !Array.isArray(value) &&
        Object.entries(value).every(
          ([map, issuer]) =>
            (UNIT_MAP_IDS as readonly string[]).includes(map) &&
            typeof issuer === 'object' &&
            issuer !== null &&
            name((issuer as { vi?: unknown }).vi) &&
            name((issuer as { en?: unknown }).en),
        ),
      defaultMessage: () =>
        `must be a JSON object of map ids (${UNIT_MAP_IDS.join(', ')}) to {"vi": "...", "en": "..."} (at most 200 characters each)`,
    },
  });
}

const toBool = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? ['1', 'true', 'yes'].includes(value.toLowerCase()) : value;

// Numbers carry @Type(() => Number): env values are strings, and isolated transpilation (tests) does not always
// emit the design:type metadata that implicit conversion relies on.
export class RatingConfig extends TokenConsumerConfig {
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  override PORT = 3004;

  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true })
  override DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/ocop_rating';

  /** The public lookup service: a certificate's QR code opens `<LOOKUP_BASE_URL>/certificates/<number>`. */
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true })
  LOOKUP_BASE_URL = 'http://127.0.0.1:3006';

  /** Certificate numbers are `<prefix>-<year>-<sequence>`, e.g. OCOP-BT-2025-0001. */
  @Matches(/^[A-Z0-9][A-Z0-9-]{0,19}$/, {
    message: 'must be upper-case letters, digits and dashes (at most 20)',
  })
  CERTIFICATE_NUMBER_PREFIX = 'OCOP-BT';

  /**
   * Who issues 3★ and 4★ certificates is the People's Committee of the province on the administrative map in force
   * on the decision's date (unit data in libs/ocop-domain, decision 0036). A province whose names differ sets them
   * here, per map, as JSON: {"vl-2025-07": {"vi": "ỦY BAN NHÂN DÂN TỈNH VĨNH LONG", "en": "..."}}.
   */
  @Transform(parseIssuers)
  @IsIssuerOverrides()
  PROVINCE_ISSUERS: Partial<Record<UnitMapId, { vi: string; en: string }>> = {};

  /** Who issues 5★ certificates. */
  @IsString()
  @MaxLength(200)
  CENTRAL_ISSUER_VI = 'BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG';

  @IsString()
  @MaxLength(200)
  CENTRAL_ISSUER_EN = 'Ministry of Agriculture and Environment';

  /** PDF certificates are compressed; tests turn it off to read the text. */
  @Transform(toBool)
  @IsBoolean()
  CERTIFICATE_PDF_COMPRESS = true;

  /** Largest file a dossier attachment may be. */
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  @Max(50 * 1024 * 1024)
  ATTACHMENT_MAX_BYTES: number = 10 * 1024 * 1024;

  /** Largest CSV a certificate import accepts. */
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  @Max(50 * 1024 * 1024)
  IMPORT_MAX_BYTES: number = 5 * 1024 * 1024;

  /** Submitted scoresheets the chair needs before finalising a result, not counting those of conflicted members. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  COUNCIL_MIN_SCORESHEETS = 3;

  /**
   * A submitted scoresheet whose total is more than this many points from every other submitted sheet is "far
   * apart": its member explains it before the chair finalises (decision 0057).
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  SCORESHEET_SPREAD_POINTS = 15;

  /** How often each replica looks for due certificate reminders and expiries. */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(3_600_000)
  REMINDER_POLL_MS = 60_000;

  /**
   * Development and end-to-end tests only: a file holding milliseconds to add to the clock (see FileOffsetClock).
   * Empty means the system clock.
   */
  @ValidateIf((c: RatingConfig) => c.NODE_ENV === 'production')
  @IsEmpty({ message: 'must not be set in production' })
  CLOCK_OFFSET_FILE = '';
}
