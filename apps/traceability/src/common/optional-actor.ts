import { Injectable } from '@nestjs/common';
import { Actor, authenticateBearer, passwordChangeRequired, TokenVerifier } from '@ocop/auth';
import { callerCheckOf } from '@ocop/service-kit';
import type { FastifyRequest } from 'fastify';

/**
 * The caller of a @Public() route that also serves logged-in callers more (the EPCIS query): null when the request
 * carries no credentials; the actor when its token verifies; and, as on every other route, 401 for a token that
 * does not verify (never a silent downgrade to the public view) and 403 for a session that must change its
 * password first.
 */
@Injectable()
export class OptionalActor {
  constructor(private readonly verifier: TokenVerifier) {}

  async of(request: FastifyRequest): Promise<Actor | null> {
    // The token was checked at the door (service-kit's checkCallers) for the rate limit: its outcome stands.
    const check = callerCheckOf(request);
    if (check && !check.verified) throw check.error;
    if (!check && request.headers.authorization === undefined) return null;
    const actor = check
      ? (check.principal as Actor)
      : await authenticateBearer(this.verifier, request.headers.authorization);
    if (actor.passwordChangeRequired) throw passwordChangeRequired();
    return actor;
  }
}
