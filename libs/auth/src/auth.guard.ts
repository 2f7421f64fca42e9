import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Problems, Role } from '@ocop/contracts';
import { callerCheckOf, currentContext, IS_PUBLIC } from '@ocop/service-kit';
import type { FastifyRequest } from 'fastify';
import { Actor } from './actor';
import { OPEN_BEFORE_PASSWORD_CHANGE, passwordChangeRequired } from './password-change';
import { attachActor } from './request-actor';
import { REQUIRED_ROLES } from './roles.decorator';
import { TokenVerifier } from './token-verifier';

const BEARER = /^Bearer[ \t]+([A-Za-z0-9._~+/-]+=*)[ \t]*$/i;

/** The actor an Authorization header's bearer token proves, or the problem to answer (401, or 503). */
export async function authenticateBearer(
  verifier: TokenVerifier,
  authorization: string | undefined,
): Promise<Actor> {
  const match = BEARER.exec(authorization ?? '');
  if (!match) throw Problems.unauthenticated();
  return verifier.verify(match[1]);
}

/**
 * Installed as APP_GUARD: every HTTP route needs a valid access token unless it is @Public(). Authentication
 * failures are 401; a verified caller without any of the route's @Roles() gets 403, since the route's existence
 * is no secret. A session that must change its password first gets 403 password-change-required everywhere
 * but on @OpenBeforePasswordChange() routes. Ownership of a particular resource is the handler's call (see
 * producer-scope.ts).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // Global guards also run for NATS handlers; those carry no bearer token and are trusted on the inside
    // network, with NATS's own credentials deciding who may publish.
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<FastifyRequest>();
    // The token was checked at the door (service-kit's checkCallers) for the rate limit: its outcome stands.
    const check = callerCheckOf(request);
    if (check && !check.verified) throw check.error;
    const actor = check
      ? (check.principal as Actor)
      : await authenticateBearer(this.verifier, request.headers.authorization);
    attachActor(request, actor);
    const requestContext = currentContext();
    if (requestContext) requestContext.actorId = actor.accountId;
    if (
      actor.passwordChangeRequired &&
      !this.reflector.getAllAndOverride<boolean>(OPEN_BEFORE_PASSWORD_CHANGE, targets)
    ) {
      throw passwordChangeRequired();
    }

    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (required?.length && !required.some((role) => actor.roles.includes(role))) {
      throw Problems.forbidden(`This needs one of the roles: ${required.join(', ')}.`);
    }
    return true;
  }
}
