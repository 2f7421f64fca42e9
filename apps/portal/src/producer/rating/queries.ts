import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../common/api/client';
import { useSession } from '../../common/session/session';
import type { Certificate, Dossier, Page, Round, ScoringSheet } from './rating-views';

/** Rounds the producer sees: those it may apply to and those its dossiers are in (rating decides which). */
export function useRounds(status?: Round['status']) {
  const { account } = useSession();
  return useQuery({
    queryKey: ['rating', 'rounds', account?.producerId, status ?? 'all'],
    enabled: !!account?.producerId,
    queryFn: async () =>
      (
        (await call(
          api.GET('/api/rating/rounds', { params: { query: { limit: 100, ...(status ? { status } : {}) } } }),
        )) as unknown as Page<Round>
      ).items,
  });
}

/** The producer's dossiers, newest first (rating lists a producer's own only). */
export function useDossiers() {
  const { account } = useSession();
  return useQuery({
    queryKey: ['rating', 'dossiers', account?.producerId],
    enabled: !!account?.producerId,
    queryFn: async () =>
      (
        (await call(
          api.GET('/api/rating/dossiers', { params: { query: { limit: 100 } } }),
        )) as unknown as Page<Dossier>
      ).items,
  });
}

export function useCertificates() {
  const { account } = useSession();
  const producerId = account?.producerId ?? '';
  return useQuery({
    queryKey: ['rating', 'certificates', producerId, 'all'],
    enabled: !!producerId,
    queryFn: async () =>
      (
        (await call(
          api.GET('/api/rating/certificates', { params: { query: { producerId, limit: 100 } } }),
        )) as unknown as Page<Certificate>
      ).items,
  });
}

export const certificatePdf = (certificateId: string) =>
  `/api/rating/certificates/${encodeURIComponent(certificateId)}/pdf`;

/** One dossier, as its producer, the council and officers read it (rating decides who may). */
export function useDossier(dossierId: string) {
  return useQuery({
    queryKey: ['rating', 'dossier', dossierId],
    queryFn: async () =>
      (await call(
        api.GET('/api/rating/dossiers/{dossierId}', { params: { path: { dossierId } } }),
      )) as unknown as Dossier,
  });
}

export function useRound(roundId: string | undefined) {
  return useQuery({
    queryKey: ['rating', 'round', roundId],
    enabled: !!roundId,
    queryFn: async () =>
      (await call(
        api.GET('/api/rating/rounds/{roundId}', { params: { path: { roundId: roundId as string } } }),
      )) as unknown as Round,
  });
}

/** A scoring sheet revision: it never changes, so it is read once a session. */
export function useScoringSheet(sheetId: string | undefined) {
  return useQuery({
    queryKey: ['rating', 'sheet', sheetId],
    enabled: !!sheetId,
    staleTime: Infinity,
    queryFn: async () =>
      (
        (await call(
          api.GET('/api/rating/rubrics/sheets/{sheetId}', {
            params: { path: { sheetId: sheetId as string } },
          }),
        )) as unknown as { sheet: ScoringSheet }
      ).sheet,
  });
}
