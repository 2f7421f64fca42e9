import { Inject, Injectable } from '@nestjs/common';
import { DomainError, Problems } from '@ocop/contracts';
import { createRemoteJWKSet, errors, jwtVerify, JWTVerifyGetKey } from 'jose';
import { Actor, actorFromClaims } from './actor';
import { AUTH_OPTIONS, AuthOptions } from './auth-options';

const DEFAULT_CLOCK_TOLERANCE_SECONDS = 5;
const DEFAULT_JWKS_COOLDOWN_MS = 1_000;
const DEFAULT_JWKS_CACHE_MAX_AGE_MS = 10 * 60_000;

// What the caller got wrong (401) as opposed to what we could not check (503): identity down or its JWKS broken
// must not look like a bad token, or clients would throw their sessions away.
const CALLER_ERRORS = [
  errors.JWTClaimValidationFailed,
  errors.JWSSignatureVerificationFailed,
  errors.JWSInvalid,
  errors.JWTInvalid,
  errors.JWKSNoMatchingKey,
  errors.JWKSMultipleMatchingKeys,
  errors.JOSEAlgNotAllowed,
  errors.JOSENotSupported,
];

export const tokenExpired = () =>
  new DomainError('token-expired', 401, 'Access token expired', 'Refresh the access token and try again.');

/** Verifies OCOP access tokens: EdDSA only, issuer, audience and expiry checked, claims read into an Actor. */
@Injectable()
export class TokenVerifier {
  private readonly keys: JWTVerifyGetKey;

  constructor(@Inject(AUTH_OPTIONS) private readonly options: AuthOptions) {
    this.keys =
      'keys' in options
        ? options.keys
        : // One remote set per verifier: it caches the keys and refetches by itself when a kid is unknown,
          // which is how a key rotated at identity is picked up here without a restart.
          createRemoteJWKSet(new URL(options.jwksUrl), {
            cooldownDuration: options.jwksCooldownMs ?? DEFAULT_JWKS_COOLDOWN_MS,
            cacheMaxAge: options.jwksCacheMaxAgeMs ?? DEFAULT_JWKS_CACHE_MAX_AGE_MS,
            timeoutDuration: 3_000,
          });
  }

  async verify(token: string): Promise<Actor> {
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, this.keys, {
        issuer: this.options.issuer,
        audience: this.options.audience,
        algorithms: ['EdDSA'],
        clockTolerance: this.options.clockToleranceSeconds ?? DEFAULT_CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['sub', 'exp', 'jti'],
      }));
    } catch (err) {
      if (err instanceof errors.JWTExpired) throw tokenExpired();
      if (CALLER_ERRORS.some((type) => err instanceof type))
        throw Problems.unauthenticated('The access token is not valid.');
      throw Problems.upstreamUnavailable('identity');
    }
    const actor = actorFromClaims(payload);
    if (!actor) throw Problems.unauthenticated('The access token is not valid.');
    return actor;
  }
}
