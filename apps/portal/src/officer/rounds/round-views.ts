import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../../common/api/client';
import type { Account } from '../../common/api/types';
import type { Dossier, Page, Result, Round } from '../../producer/rating/rating-views';

export type RoundLevel = Round['level'];

/** A round as an officer reads it: the producer's view plus where it runs and the decision that approved it. */
export interface OfficerRound extends Round {
  territory: { provinceCode: string; districtCode?: string; communeCode?: string };
  decision?: { ref: string; date: string };
  createdAt: string;
}

export interface CouncilCandidate {
  accountId: string;
  displayName: string;
  email: string | null;
  tiedProducerIds: string[];
}

/**
 * The procedures a round may follow (libs/ocop-domain levels.ts LEVEL_CHAINS): each period's decision names its
 * levels; a round is opened under the one in force on its opening day, and rating refuses another.
 */
export const RULES: {
  id: string;
  levels: RoundLevel[];
  reviewOnly: RoundLevel[];
  from: string;
  to?: string;
}[] = [
  {
    id: 'qd1489-2025',
    levels: ['commune', 'province', 'central'],
    reviewOnly: ['commune'],
    from: '2025-07-06',
  },
  {
    id: 'qd148-2023',
    levels: ['district', 'province', 'central'],
    reviewOnly: [],
    from: '2023-02-24',
    to: '2025-07-05',
  },
  {
    id: 'qd1048-2019',
    levels: ['district', 'province', 'central'],
    reviewOnly: [],
    from: '2019-08-21',
    to: '2023-02-23',
  },
];

export const rulesInForce = (day: string) =>
  RULES.find((r) => r.from <= day && (!r.to || day <= r.to)) ?? RULES[0];

/** A level where the round only checks dossiers and proposes them upwards (QĐ 1489's commune). */
export const reviewsOnly = (round: Pick<Round, 'rules' | 'level'>) =>
  RULES.find((r) => r.id === round.rules)?.reviewOnly.includes(round.level) ?? false;

/** The level an officer opens rounds at, from the territory of the account: the narrowest unit it names. */
export function officerLevel(account: Account | undefined): RoundLevel {
  const scope = account?.scope;
  if (scope?.communeCode) return 'commune';
  if (scope?.districtCode) return 'district';
  return 'province';
}

export function territoryFor(account: Account | undefined, level: RoundLevel) {
  const scope = account?.scope ?? { provinceCode: '' };
  return {
    provinceCode: scope.provinceCode,
    ...(level === 'district' && scope.districtCode ? { districtCode: scope.districtCode } : {}),
    ...(level === 'commune' && scope.communeCode ? { communeCode: scope.communeCode } : {}),
  };
}

export function useOfficerRounds() {
  return useQuery({
    queryKey: ['rating', 'rounds', 'officer'],
    staleTime: 0,
    queryFn: async () =>
      (
        (await call(
          api.GET('/api/rating/rounds', { params: { query: { limit: 100 } } }),
        )) as unknown as Page<OfficerRound>
      ).items,
  });
}

export function useOfficerRound(roundId: string) {
  return useQuery({
    queryKey: ['rating', 'round', roundId],
    retry: false,
    queryFn: async () =>
      (await call(
        api.GET('/api/rating/rounds/{roundId}', { params: { path: { roundId } } }),
      )) as unknown as OfficerRound,
  });
}

export interface NewRound {
  name: string;
  level: RoundLevel;
  rules: string;
  territory: { provinceCode: string; districtCode?: string; communeCode?: string };
  opensOn: string;
  closesOn: string;
}

export function useOpenRound() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: NewRound) =>
      (await call(api.POST('/api/rating/rounds', { body: body as never }))) as unknown as OfficerRound,
    onSuccess: () => client.invalidateQueries({ queryKey: ['rating', 'rounds'] }),
  });
}

export function useRoundDossiers(roundId: string) {
  return useQuery({
    queryKey: ['rating', 'round', roundId, 'dossiers'],
    staleTime: 0,
    queryFn: async () =>
      (
        (await call(
          api.GET('/api/rating/dossiers', { params: { query: { roundId, limit: 100 } } }),
        )) as unknown as Page<Dossier>
      ).items,
  });
}

export function useCouncilCandidates(enabled: boolean) {
  return useQuery({
    queryKey: ['rating', 'council', 'candidates'],
    enabled,
    queryFn: async () =>
      (await call(api.GET('/api/rating/council/candidates'))) as unknown as CouncilCandidate[],
  });
}

export function useResult(dossierId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['rating', 'dossier', dossierId, 'result'],
    enabled,
    retry: false,
    queryFn: async () =>
      (await call(
        api.GET('/api/rating/dossiers/{dossierId}/result', { params: { path: { dossierId } } }),
      )) as unknown as Result,
  });
}

interface Decision {
  decisionRef: string;
  decisionDate: string;
}

/** What an officer does to a round as a whole; each refreshes the round, its dossiers and its council. */
export function useRoundActions(roundId: string) {
  const client = useQueryClient();
  const refresh = () =>
    Promise.all([
      client.invalidateQueries({ queryKey: ['rating', 'round', roundId] }),
      client.invalidateQueries({ queryKey: ['rating', 'rounds'] }),
    ]);
  const path = { params: { path: { roundId } } };
  const options = { onSettled: refresh };
  return {
    intake: useMutation({
      mutationFn: async () =>
        (await call(api.POST('/api/rating/rounds/{roundId}/intake', { ...path, body: {} }))) as unknown as {
          taken: unknown[];
        },
      ...options,
    }),
    propose: useMutation({
      mutationFn: (body: Decision) =>
        call(api.POST('/api/rating/rounds/{roundId}/propose', { ...path, body })),
      ...options,
    }),
    startScoring: useMutation({
      mutationFn: () => call(api.POST('/api/rating/rounds/{roundId}/start-scoring', path)),
      ...options,
    }),
    approveResults: useMutation({
      mutationFn: (body: Decision) =>
        call(api.POST('/api/rating/rounds/{roundId}/approve-results', { ...path, body })),
      ...options,
    }),
    close: useMutation({
      mutationFn: () => call(api.POST('/api/rating/rounds/{roundId}/close', path)),
      ...options,
    }),
    seat: useMutation({
      mutationFn: ({ accountId, role }: { accountId: string; role: 'chair' | 'member' }) =>
        call(
          api.PUT('/api/rating/rounds/{roundId}/council/{accountId}', {
            params: { path: { roundId, accountId } },
            body: { role },
          }),
        ),
      ...options,
    }),
    unseat: useMutation({
      mutationFn: (accountId: string) =>
        call(
          api.DELETE('/api/rating/rounds/{roundId}/council/{accountId}', {
            params: { path: { roundId, accountId } },
          }),
        ),
      ...options,
    }),
  };
}

export interface ItemRequest {
  code: string;
  comment?: string;
  supplementDueOn?: string;
}

/** The officer's decision on a submitted dossier: accept, return for changes with a deadline, or reject. */
export function useDossierDecision(dossierId: string) {
  const client = useQueryClient();
  const path = { params: { path: { dossierId } } };
  const options = {
    onSettled: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: ['rating', 'dossier', dossierId] }),
        client.invalidateQueries({ queryKey: ['rating', 'round'] }),
      ]),
  };
  return {
    accept: useMutation({
      mutationFn: (items: ItemRequest[]) =>
        call(api.POST('/api/rating/dossiers/{dossierId}/accept', { ...path, body: { items } as never })),
      ...options,
    }),
    giveBack: useMutation({
      mutationFn: (body: { comment: string; items: ItemRequest[] }) =>
        call(api.POST('/api/rating/dossiers/{dossierId}/return', { ...path, body: body as never })),
      ...options,
    }),
    reject: useMutation({
      mutationFn: (reason: string) =>
        call(api.POST('/api/rating/dossiers/{dossierId}/reject', { ...path, body: { reason } })),
      ...options,
    }),
  };
}

/** A result the province proposes to the ministry for 5★ (apps/rating central-proposals.service.ts view). */
export interface CentralProposal {
  resultId: string;
  dossierId: string;
  roundName: string;
  productName: string;
  producerName: string;
  average: number;
  stars: number;
  potentialFiveStar: boolean;
  provinceDecision: { ref: string; date: string } | null;
  ministryDecision: { ref: string; date: string; stars: number; note: string | null } | null;
}

export function useCentralProposals() {
  return useQuery({
    queryKey: ['rating', 'central-proposals'],
    staleTime: 0,
    queryFn: async () =>
      (
        (await call(
          api.GET('/api/rating/central-proposals', { params: { query: { limit: 100 } } }),
        )) as unknown as Page<CentralProposal>
      ).items,
  });
}

export const proposalPackage = (resultId: string, kind: 'pdf' | 'zip') =>
  `/api/rating/central-proposals/${encodeURIComponent(resultId)}/package.${kind}`;

/** Records what the ministry decided: the 5★ certificate, or the stars it kept. */
export function useMinistryDecision(resultId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { decisionRef: string; decisionDate: string; stars: 3 | 4 | 5; note?: string }) =>
      call(
        api.POST('/api/rating/central-proposals/{resultId}/ministry-decision', {
          params: { path: { resultId } },
          body,
        }),
      ),
    onSettled: () => client.invalidateQueries({ queryKey: ['rating', 'central-proposals'] }),
  });
}
