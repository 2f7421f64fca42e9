import type { INestApplicationContext } from '@nestjs/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * Checks an Authorization header: resolves with who it proves the caller is, rejects with the problem to answer
 * (401 for a bad or expired token, 503 when the keys cannot be had). A service that accepts tokens provides one
 * under REQUEST_AUTHENTICATOR (libs/auth does, for every service); service-kit cannot depend on libs/auth.
 */
export interface RequestAuthenticator {
  authenticate(authorization: string): Promise<unknown>;
}

export const REQUEST_AUTHENTICATOR = Symbol('ocop:request-authenticator');

/** The outcome of checking a request's Authorization header at the door. */
export type CallerCheck = { verified: true; principal: unknown } | { verified: false; error: unknown };

const CALLER = Symbol('ocop:caller');

type CarriesCaller = { [CALLER]?: CallerCheck };

/** The service's authenticator, or undefined when it accepts no tokens. */
export function requestAuthenticator(app: INestApplicationContext): RequestAuthenticator | undefined {
  try {
    return app.get<RequestAuthenticator>(REQUEST_AUTHENTICATOR, { strict: false });
  } catch {
    return undefined;
  }
}

/**
 * How the request's credentials checked out at onRequest (undefined: it sent none, or the service accepts none).
 * The rate limiter, the upload routes and the auth guard all read this one check.
 */
export function callerCheckOf(request: FastifyRequest): CallerCheck | undefined {
  return (request as CarriesCaller)[CALLER];
}

/** Whether the request proved who it is: a bearer token with a valid signature, issuer, audience and expiry. */
export function isVerifiedCaller(request: FastifyRequest): boolean {
  return callerCheckOf(request)?.verified === true;
}

/**
 * Checks every request's Authorization header once, first thing (onRequest, before rate limits and before any
 * body is read), so that what the request may spend is decided by credentials that verify, not by a header's
 * presence: `Authorization: Bearer garbage` stays an anonymous request.
 */
export function checkCallers(
  fastify: FastifyInstance,
  authenticator: RequestAuthenticator | undefined,
): void {
  if (!authenticator) return;
  fastify.addHook('onRequest', async (request) => {
    const authorization = request.headers.authorization;
    if (authorization === undefined) return;
    (request as CarriesCaller)[CALLER] = await authenticator.authenticate(authorization).then(
      (principal): CallerCheck => ({ verified: true, principal }),
      (error: unknown): CallerCheck => ({ verified: false, error }),
    );
  });
}
