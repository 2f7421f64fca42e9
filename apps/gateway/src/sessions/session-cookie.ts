import type { FastifyReply, FastifyRequest } from 'fastify';
import { GatewayConfig } from '../config';
import { GatewayProblems } from '../gateway.problems';
import { SessionsService } from './sessions.service';

/**
 * The cookie's name. With Secure, the __Host- prefix makes the browser refuse it unless it is Secure, has
 * Path=/ and no Domain: no sibling subdomain can plant or overwrite it. Plain-http development cannot use it.
 */
export const sessionCookieName = (config: GatewayConfig): string =>
  config.SESSION_COOKIE_SECURE ? '__Host-ocop_session' : 'ocop_session';

export function sessionIdOf(request: FastifyRequest, config: GatewayConfig): string | undefined {
  const value = request.cookies?.[sessionCookieName(config)];
  return value ? value : undefined;
}

export function setSessionCookie(reply: FastifyReply, config: GatewayConfig, sessionId: string): void {
  void reply.setCookie(sessionCookieName(config), sessionId, {
    httpOnly: true,
    secure: config.SESSION_COOKIE_SECURE,
    // Lax, not Strict: a link from a notification e-mail opens the portal signed in; cross-site mutations are
    // refused anyway (CSRF token and Origin, below).
    sameSite: 'lax',
    path: '/',
    maxAge: config.SESSION_ABSOLUTE_SECONDS,
  });
}

export function clearSessionCookie(reply: FastifyReply, config: GatewayConfig): void {
  void reply.clearCookie(sessionCookieName(config), {
    httpOnly: true,
    secure: config.SESSION_COOKIE_SECURE,
    sameSite: 'lax',
    path: '/',
  });
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const CSRF_HEADER = 'x-csrf-token';

/**
 * CSRF defence for a request that a browser could be tricked into sending (decision 0051): a mutation must come
 * from the portal's own origin (Origin and Sec-Fetch-Site, when the browser sends them) and, when it rides on a
 * session cookie, carry that session's CSRF token in X-CSRF-Token (a cross-site page cannot read it).
 */
export function checkCsrf(
  request: FastifyRequest,
  config: GatewayConfig,
  sessions: SessionsService,
  sessionId: string | undefined,
): void {
  if (SAFE_METHODS.has(request.method)) return;
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== new URL(config.PUBLIC_URL).origin) {
    throw GatewayProblems.csrfRefused(
      `Origin ${origin} không phải của cổng thông tin / Origin ${origin} is not the portal's`,
    );
  }
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    throw GatewayProblems.csrfRefused(
      `yêu cầu đến từ trang khác (${site}) / the request came from another site (${site})`,
    );
  }
  if (sessionId === undefined) return;
  const token = request.headers[CSRF_HEADER];
  if (!sessions.csrfTokenFits(sessionId, typeof token === 'string' ? token : undefined)) {
    throw GatewayProblems.csrfRefused(
      'thiếu hoặc sai mã X-CSRF-Token của phiên / X-CSRF-Token missing or not this session’s',
    );
  }
}
