import { BaseServiceConfig } from '@ocop/service-kit';
import { Type } from 'class-transformer';
import { IsInt, IsString, IsUrl, Max, Min, MinLength } from 'class-validator';

// Numbers carry @Type(() => Number): env values are strings, and isolated transpilation (tests) does not always
// emit the design:type metadata that implicit conversion relies on.
export class CatalogueConfig extends BaseServiceConfig {
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  override PORT = 3002;

  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true })
  override DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/ocop_catalogue';

  /** Identity's public keys, which verify every access token. */
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true })
  IDENTITY_JWKS_URL = 'http://127.0.0.1:3001/.well-known/jwks.json';

  @IsString()
  @MinLength(1)
  JWT_ISSUER = 'ocop-identity';

  @IsString()
  @MinLength(1)
  JWT_AUDIENCE = 'ocop';

  /** Largest CSV an import accepts (the JSON body limit stays at HTTP_BODY_LIMIT_BYTES). */
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  @Max(100 * 1024 * 1024)
  IMPORT_MAX_BYTES: number = 10 * 1024 * 1024;
}
