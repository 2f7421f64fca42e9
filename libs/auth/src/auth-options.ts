import type { JWTVerifyGetKey } from 'jose';

interface CommonAuthOptions {
  /** `iss` every accepted token must carry (identity's JWT_ISSUER). */
  issuer: string;
  /** `aud` every accepted token must carry (identity's JWT_AUDIENCE). */
  audience: string;
  /** Allowed skew between the identity service's clock and ours when checking exp/nbf. Default 5 s. */
  clockToleranceSeconds?: number;
}

export interface RemoteKeysAuthOptions extends CommonAuthOptions {
  /** identity's `/.well-known/jwks.json`. */
  jwksUrl: string;
  /**
   * After a fetch, a token with an unknown `kid` triggers no new fetch for this long: it bounds the load that
   * garbage tokens can put on identity, and it is also the longest a freshly rotated key can be refused.
   * Default 1 s.
   */
  jwksCooldownMs?: number;
  /** Refetch the key set at least this often even when every kid is known. Default 10 min. */
  jwksCacheMaxAgeMs?: number;
}

export interface LocalKeysAuthOptions extends CommonAuthOptions {
  /** For the identity service itself, which holds the keys and need not fetch its own JWKS over HTTP. */
  keys: JWTVerifyGetKey;
}

export type AuthOptions = RemoteKeysAuthOptions | LocalKeysAuthOptions;

export const AUTH_OPTIONS = Symbol('AUTH_OPTIONS');
