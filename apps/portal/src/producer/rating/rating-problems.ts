import type { TFunction } from 'i18next';
import { ApiProblem, inLanguage, problemMessage } from '../../common/api/problem';

/**
 * What to tell the producer about a problem rating answered: the portal's words for the codes a producer meets,
 * else the service's detail in the person's language (rating's titles are only "Conflict" or "Unprocessable").
 */
export function ratingProblem(t: TFunction, problem: unknown): string {
  if (!(problem instanceof ApiProblem)) return problemMessage(t, problem);
  const own = t(`rating.problems.${problem.code}`, { defaultValue: '' });
  return own || inLanguage(problem.detail) || problemMessage(t, problem);
}

/** The list a problem carries in an extension (`criteria` of an incomplete self-assessment, `items` of missing files). */
export function problemList(problem: unknown, name: string): string[] {
  if (!(problem instanceof ApiProblem)) return [];
  const list = problem.extensions[name];
  return Array.isArray(list) ? list.filter((v): v is string => typeof v === 'string') : [];
}
