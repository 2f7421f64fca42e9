import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../common/api/client';
import type { Choices, Dossier, Page, Result } from '../../producer/rating/rating-views';

/** A scoresheet as rating shows it to one reader (apps/rating scoring/result-views.ts scoresheetView). */
export interface Scoresheet {
  scoresheetId: string;
  memberAccountId: string;
  revision: number;
  submitted: boolean;
  submittedAt: string | null;
  locked: boolean;
  excludedFor: string | null;
  /** More than `spreadPoints` from every other submitted sheet (decision 0057). */
  farApart: boolean;
  spreadPoints: number;
  note: string | null;
  notedAt: string | null;
  /** Only the author's own sheet before finalisation; every sheet after. */
  choices?: Choices;
  totals?: { A: number; B: number; C: number; total: number };
}

export interface CouncilMember {
  accountId: string;
  displayName: string;
  role: 'chair' | 'member';
}

/** Dossiers of the rounds the member sits on: rating lists a council member those only. */
export function useCouncilDossiers() {
  return useQuery({
    queryKey: ['rating', 'council', 'dossiers'],
    queryFn: async () =>
      (
        (await call(
          api.GET('/api/rating/dossiers', { params: { query: { limit: 100 } } }),
        )) as unknown as Page<Dossier>
      ).items,
  });
}

export function useCouncil(roundId: string | undefined) {
  return useQuery({
    queryKey: ['rating', 'round', roundId, 'council'],
    enabled: !!roundId,
    queryFn: async () =>
      (await call(
        api.GET('/api/rating/rounds/{roundId}/council', { params: { path: { roundId: roundId as string } } }),
      )) as unknown as CouncilMember[],
  });
}

export function useScoresheets(dossierId: string) {
  return useQuery({
    queryKey: ['rating', 'dossier', dossierId, 'scoresheets'],
    queryFn: async () =>
      (await call(
        api.GET('/api/rating/dossiers/{dossierId}/scoresheets', { params: { path: { dossierId } } }),
      )) as unknown as Scoresheet[],
  });
}

export function useResult(dossierId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['rating', 'result', dossierId],
    enabled,
    queryFn: async () =>
      (await call(
        api.GET('/api/rating/dossiers/{dossierId}/result', { params: { path: { dossierId } } }),
      )) as unknown as Result & { sheetCount: number },
  });
}
