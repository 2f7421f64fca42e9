import { TokenConsumerConfig } from '@ocop/auth';
import { Type } from 'class-transformer';
import { IsInt, IsUrl, Max, Min } from 'class-validator';

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
}
