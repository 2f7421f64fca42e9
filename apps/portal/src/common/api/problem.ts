import type { TFunction } from 'i18next';
import { currentLanguage } from '../i18n/i18n';

/** A field the service named in a validation problem; `rule` is the check that failed (class-validator's name). */
export interface FieldProblem {
  field: string;
  message: string;
  rule?: string;
}

/** RFC 9457 problem details as every service and the gateway answer them (libs/contracts problem.ts). */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail: string | undefined,
    readonly errors: FieldProblem[],
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(`${code}: ${detail ?? title}`);
    this.name = 'ApiProblem';
  }

  static from(response: Response, body: unknown): ApiProblem {
    const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    const code = typeof b['code'] === 'string' ? b['code'] : `http-${response.status}`;
    const title = typeof b['title'] === 'string' ? b['title'] : response.statusText;
    const errors = Array.isArray(b['errors']) ? (b['errors'] as FieldProblem[]) : [];
    return new ApiProblem(
      response.status,
      code,
      title,
      typeof b['detail'] === 'string' ? b['detail'] : undefined,
      errors,
      b,
    );
  }

  /** The browser could not reach the gateway at all (offline, DNS): a problem the person can act on too. */
  static offline(): ApiProblem {
    return new ApiProblem(0, 'network-unreachable', 'Network unreachable', undefined, []);
  }
}

/**
 * The services write a person's messages as "Tiếng Việt / English" (contracts' bilingual()): the half in the
 * person's language. A message without the separator is the service's English only; undefined then, so that the
 * caller falls back to the portal's own words for the rule or code.
 */
export function inLanguage(message: string | undefined): string | undefined {
  if (!message) return undefined;
  const parts = message.split(' / ');
  if (parts.length < 2) return undefined;
  return currentLanguage() === 'en' ? parts.slice(1).join(' / ') : parts[0];
}

/** What to tell a person about a problem as a whole: the portal's words for its code, else the service's. */
export function problemMessage(t: TFunction, problem: unknown): string {
  if (!(problem instanceof ApiProblem)) return t('problems.unexpected');
  const key = `problems.${problem.code}`;
  const own = t(key, { defaultValue: '' });
  if (own) return own;
  return (
    inLanguage(problem.title) ?? inLanguage(problem.detail) ?? t('problems.generic', { code: problem.code })
  );
}

/**
 * Field errors for a form: `{ field → message in the person's language }`. Nested fields ("address.communeCode")
 * keep their dotted path; a form maps them to its own names (formFieldErrors).
 */
export function fieldMessages(t: TFunction, problem: unknown): Record<string, string> {
  if (!(problem instanceof ApiProblem)) return {};
  const out: Record<string, string> = {};
  for (const e of problem.errors) {
    if (out[e.field]) continue;
    const own = e.rule ? t(`rules.${e.rule}`, { defaultValue: '' }) : '';
    out[e.field] = inLanguage(e.message) ?? (own || t('rules.invalid'));
  }
  return out;
}
