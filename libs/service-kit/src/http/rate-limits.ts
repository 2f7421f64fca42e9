import rateLimit from '@fastify/rate-limit';
import { bilingual, DomainError } from '@ocop/contracts';
import type { FastifyInstance } from 'fastify';
import { BaseServiceConfig } from '../config/base-config';
import { isVerifiedCaller } from './caller';

const MINUTE_MS = 60_000;
const UNLIMITED = ['/health/live', '/health/ready', '/metrics'];

export function tooManyRequests(retryAfterSeconds: number): DomainError {
  return Object.assign(
    new DomainError(
      'too-many-requests',
      429,
      bilingual('Quá nhiều yêu cầu', 'Too many requests'),
      bilingual(
        `Vui lòng thử lại sau ${retryAfterSeconds} giây`,
        `Please try again in ${retryAfterSeconds} seconds`,
      ),
      { retryAfterSeconds },
    ),
    // @fastify/rate-limit reads the status from the error it throws.
    { statusCode: 429 },
  );
}

/**
 * A per-client request budget on every route of every service (one attacker cannot exhaust a service for
 * everyone): `RATE_LIMIT_PUBLIC_PER_MINUTE` for anonymous requests, the larger
 * `RATE_LIMIT_AUTHENTICATED_PER_MINUTE` for those whose bearer token verified at the door (checkCallers); a token
 * that does not verify, or any other header, counts as anonymous. A service may give some routes their own budget
 * (`routes`, keyed 'METHOD /url'). Over budget: 429 problem+json with Retry-After.
 */
export type RouteRateLimits = Record<string, { max: number; timeWindowMs: number }>;

export async function useRateLimits(
  fastify: FastifyInstance,
  config: BaseServiceConfig,
  routes: RouteRateLimits = {},
): Promise<void> {
  const publicMax = config.RATE_LIMIT_PUBLIC_PER_MINUTE;
  const authenticatedMax = config.RATE_LIMIT_AUTHENTICATED_PER_MINUTE;
  // Before the plugin's own onRoute hook, which reads each route's budget as the route is added.
  fastify.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      const own = routes[`${method} ${route.url}`];
      if (own) {
        route.config = {
          ...(route.config ?? {}),
          rateLimit: { max: own.max, timeWindow: own.timeWindowMs },
        } as typeof route.config;
      }
    }
  });
  await fastify.register(rateLimit, {
    global: true,
    timeWindow: MINUTE_MS,
    // 0 means no limit: such requests are allowed through without being counted.
    allowList: (request) =>
      UNLIMITED.includes(request.url.split('?')[0]) ||
      (isVerifiedCaller(request) ? authenticatedMax : publicMax) === 0,
    max: (request) => (isVerifiedCaller(request) ? authenticatedMax : publicMax),
    keyGenerator: (request) => `${isVerifiedCaller(request) ? 'a' : 'p'}:${request.ip}`,
    errorResponseBuilder: (_request, context) => tooManyRequests(Math.max(1, Math.ceil(context.ttl / 1000))),
  });
}
