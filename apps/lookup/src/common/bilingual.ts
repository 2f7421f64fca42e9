import { bilingual, DomainError } from '@ocop/contracts';

export interface Bilingual {
  vi: string;
  en: string;
}

export { bilingual };

export const problem = (code: string, status: number, vi: string, en: string, extensions = {}) =>
  new DomainError(code, status, bilingual(vi, en), undefined, extensions);
