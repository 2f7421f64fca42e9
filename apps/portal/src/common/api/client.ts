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

/**
 * Sends a file as the request body (a product's photo, a dossier's document) through XMLHttpRequest: unlike fetch,
 * it reports how much of the body has gone, for the progress bar a producer on a slow rural line needs. The same
 * session rules as every other mutation: the CSRF token, the language, the sign-in page when the session is gone.
 */
export function uploadFile<T>(url: string, file: File, onProgress: (percent: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('content-type', file.type);
    xhr.setRequestHeader('accept-language', currentLanguage());
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.responseType = 'json';
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    xhr.onerror = () => reject(ApiProblem.offline());
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) return resolve(xhr.response as T);
      const response = new Response(null, { status: xhr.status, statusText: xhr.statusText });
      const problem = ApiProblem.from(response, xhr.response);
      if (xhr.status === 401 && SESSION_GONE.has(problem.code)) listeners.forEach((l) => l());
      reject(problem);
    };
    xhr.send(file);
  });
}
