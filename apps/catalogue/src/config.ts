import { TokenConsumerConfig } from '@ocop/auth';
import { Type } from 'class-transformer';
import { IsInt, IsUrl, Matches, Max, Min } from 'class-validator';

// Numbers carry @Type(() => Number): env values are strings, and isolated transpilation (tests) does not always
// emit the design:type metadata that implicit conversion relies on.
export class CatalogueConfig extends TokenConsumerConfig {
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  override PORT = 3002;

  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true })
  override DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/ocop_catalogue';

  /** Largest CSV an import accepts (the JSON body limit stays at HTTP_BODY_LIMIT_BYTES). */
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  @Max(100 * 1024 * 1024)
  IMPORT_MAX_BYTES: number = 10 * 1024 * 1024;

  /** The catalogue's public address: uploaded product photos are linked from it (GET /photos/{hash}.webp). */
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true })
  @Matches(/^[^?#]*[^/?#]$/, { message: 'must not end with "/" nor carry a query or fragment' })
  CATALOGUE_PUBLIC_URL = 'http://127.0.0.1:3002';

  /** Largest product photo a producer may upload (a phone camera's JPEG is 2–6 MB). */
  @Type(() => Number)
  @IsInt()
  @Min(64 * 1024)
  @Max(50 * 1024 * 1024)
  PHOTO_MAX_BYTES: number = 8 * 1024 * 1024;

  /** Largest document (a scanned licence, an ID card) a producer files with its registration. */
  @Type(() => Number)
  @IsInt()
  @Min(64 * 1024)
  @Max(50 * 1024 * 1024)
  DOCUMENT_MAX_BYTES: number = 10 * 1024 * 1024;
}
