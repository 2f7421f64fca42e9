import { BaseServiceConfig } from '@ocop/service-kit';
import { IsString, IsUrl, MinLength } from 'class-validator';
import type { RemoteKeysAuthOptions } from './auth-options';

/** Configuration of a service that accepts identity's access tokens (every service but identity itself). */
export class TokenConsumerConfig extends BaseServiceConfig {
  /** Identity's public keys, which verify every access token. */
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true })
  IDENTITY_JWKS_URL = 'http://127.0.0.1:3001/.well-known/jwks.json';

  /** Must equal identity's JWT_ISSUER. */
  @IsString()
  @MinLength(1)
  JWT_ISSUER = 'ocop-identity';

  /** Must equal identity's JWT_AUDIENCE. */
  @IsString()
  @MinLength(1)
  JWT_AUDIENCE = 'ocop';
}

/** AuthModule options from a TokenConsumerConfig. */
export function remoteKeys(config: TokenConsumerConfig): RemoteKeysAuthOptions {
  return { jwksUrl: config.IDENTITY_JWKS_URL, issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE };
}
