import createClient, { type Middleware } from 'openapi-fetch';
import { currentLanguage } from '../i18n/i18n';
import { ApiProblem } from './problem';
import type { paths } from './schema.gen';

// The CSRF token of the session (decision 0051) lives in this module's memory only: never in storage or a cookie
// page script could read. It arrives with GET /api/session and goes on every mutation.
let csrfToken: string | undefined;
export const setCsrfToken = (token: string | undefined): void => {
  csrfToken = token;
};
/** For a mutation sent outside openapi-fetch (an upload over XMLHttpRequest, to report its progress). */
export const currentCsrfToken = (): string | undefined => csrfToken;

const listeners = new Set<() => void>();
/** Called when the gateway says the session is gone (expired, ended elsewhere): the app shows the sign-in page. */
export function onSessionLost(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const SESSION_GONE = new Set(['session-expired', 'unauthenticated', 'session-required']);

const sessionMiddleware: Middleware = {
  onRequest({ request }) {
    if (!SAFE_METHODS.has(request.method) && csrfToken) request.headers.set('x-csrf-token', csrfToken);
    request.headers.set('accept-language', currentLanguage());
    return request;
  },
  async onResponse({ request, response }) {
    // GET /api/session answering 401 is how the page learns nobody is signed in, not a session that was lost.
    if (response.status === 401 && !new URL(request.url).pathname.startsWith('/api/session')) {
      const body = (await response
        .clone()
        .json()
        .catch(() => ({}))) as { code?: string };
      if (body.code && SESSION_GONE.has(body.code)) listeners.forEach((l) => l());
    }
    return response;
  },
};

/** The whole platform's API, typed from the merged OpenAPI document the gateway serves (schema.gen.ts). */
export const api = createClient<paths>({ baseUrl: globalThis.location?.origin ?? '' });
api.use(sessionMiddleware);

/**
 * The data of an openapi-fetch result, or an ApiProblem: every screen handles failures one way, through
 * TanStack Query's error state and problemMessage/fieldMessages.
 */
export async function call<T>(
  request: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await request;
  } catch {
    throw ApiProblem.offline();
  }
  if (!result.response.ok) throw ApiProblem.from(result.response, result.error);
  return result.data as T;
}
