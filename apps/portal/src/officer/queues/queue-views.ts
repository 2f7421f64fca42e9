import { useInfiniteQuery, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../../common/api/client';
import type { Schema } from '../../common/api/types';
import type { AdminAccount } from '../../admin/accounts/account-views';
import type { GrowingArea, PackingHouse } from '../../producer/areas/site-views';

export type Producer = Schema<'catalogue.ProducerView'>;
export type ProducerStatus = Producer['status'];
/** What an officer does with a site request, by where it stands (traceability's site-lifecycle rules). */
export type SiteAction = 'issue' | 'reject' | 'suspend' | 'reissue' | 'cancel';
export type SiteKind = 'growing-area' | 'packing-house';

interface Page<T> {
  items: T[];
  nextCursor?: string;
}

const PAGE_SIZE = 20;

/**
 * The services scope every list to the officer's territory (a commune officer sees the commune, a province officer
 * the province), so the portal asks for one status and shows what comes back. A desk is worked through from what
 * has waited longest, so every queue asks for that order (`sort=waiting`).
 */
export function useProducersWithStatus(status: ProducerStatus) {
  return useInfiniteQuery({
    queryKey: ['catalogue', 'producers', 'queue', status],
    // A queue is read for what waits now: asked again each time the desk opens, not kept for the app's 15 s.
    staleTime: 0,
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      (await call(
        api.GET('/api/catalogue/producers', {
          params: {
            query: { status, sort: 'waiting', limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) },
          },
        }),
      )) as unknown as Page<Producer>,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** Growing areas waiting for a code, in the officer's territory. */
export const useGrowingAreaRequests = () => useSiteRequests<GrowingArea>('growing-area');
/** Packing houses waiting for a code, in the officer's territory. */
export const usePackingHouseRequests = () => useSiteRequests<PackingHouse>('packing-house');

function useSiteRequests<S>(kind: SiteKind) {
  return useInfiniteQuery({
    queryKey: ['traceability', kind, 'queue'],
    staleTime: 0,
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) => {
      const query = {
        status: 'pending' as const,
        sort: 'waiting' as const,
        limit: PAGE_SIZE,
        ...(pageParam ? { cursor: pageParam } : {}),
      };
      const page =
        kind === 'growing-area'
          ? await call(api.GET('/api/traceability/growing-areas', { params: { query } }))
          : await call(api.GET('/api/traceability/packing-houses', { params: { query } }));
      return page as unknown as Page<S>;
    },
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useProducer(producerId: string | undefined) {
  return useQuery({
    queryKey: ['catalogue', 'producer', producerId],
    enabled: !!producerId,
    queryFn: () =>
      call(
        api.GET('/api/catalogue/producers/{producerId}', {
          params: { path: { producerId: producerId as string } },
        }),
      ),
    retry: false,
  });
}

/** Verify a producer (new, or its changed identity), or refuse a change with a reason the producer reads. */
export function useProducerDecision(producerId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (decision: { kind: 'verify'; note?: string } | { kind: 'reject-change'; reason: string }) =>
      decision.kind === 'verify'
        ? call(
            api.POST('/api/catalogue/producers/{producerId}/verify', {
              params: { path: { producerId } },
              body: decision.note ? { note: decision.note } : {},
            }),
          )
        : call(
            api.POST('/api/catalogue/producers/{producerId}/reject-change', {
              params: { path: { producerId } },
              body: { reason: decision.reason },
            }),
          ),
    onSuccess: async (producer) => {
      client.setQueryData(['catalogue', 'producer', producerId], producer);
      await client.invalidateQueries({ queryKey: ['catalogue', 'producers', 'queue'] });
    },
  });
}

/** Issue, reject, suspend, re-issue or cancel a site's code; every step but issuing carries a reason. */
export function useSiteDecision(kind: SiteKind, id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ action, reason }: { action: SiteAction; reason?: string }): Promise<unknown> => {
      const body = reason ? { reason } : {};
      return kind === 'growing-area'
        ? call(
            api.POST('/api/traceability/growing-areas/{growingAreaId}/{action}', {
              params: { path: { growingAreaId: id, action } },
              body,
            }),
          )
        : call(
            api.POST('/api/traceability/packing-houses/{packingHouseId}/{action}', {
              params: { path: { packingHouseId: id, action } },
              body,
            }),
          );
    },
    // The site, its history and the queue all live under ['traceability', kind].
    onSuccess: () => client.invalidateQueries({ queryKey: ['traceability', kind] }),
  });
}

/** Dossiers submitted in the officer's territory, waiting to be checked (accepted, returned or rejected). */
export function useDossiersToCheck() {
  return useQuery({
    queryKey: ['rating', 'dossiers', 'queue'],
    staleTime: 0,
    queryFn: async () =>
      (
        (await call(
          api.GET('/api/rating/dossiers', {
            params: { query: { status: 'submitted', sort: 'waiting', limit: PAGE_SIZE } },
          }),
        )) as unknown as Page<{ dossierId: string; productName: string; submittedAt: string | null }>
      ).items,
  });
}

export type RecalledBatch = Schema<'traceability.BatchView'>;

/**
 * Batches recalled in the officer's territory, with their products' names (a batch carries the product's id only;
 * the catalogue names it, and the few recalls in force make that a handful of reads).
 */
export function useRecallsInForce() {
  const batches = useQuery({
    queryKey: ['traceability', 'batches', 'recalled'],
    staleTime: 0,
    queryFn: async () =>
      (
        (await call(
          api.GET('/api/traceability/batches', {
            params: { query: { status: 'recalled', limit: PAGE_SIZE } },
          }),
        )) as unknown as Page<RecalledBatch>
      ).items,
  });
  const productIds = [...new Set((batches.data ?? []).map((b) => b.productId))];
  const products = useQueries({
    queries: productIds.map((productId) => ({
      queryKey: ['catalogue', 'product', productId],
      queryFn: () =>
        call(api.GET('/api/catalogue/products/{productId}', { params: { path: { productId } } })) as Promise<{
          nameVi: string;
          nameEn?: string;
        }>,
    })),
  });
  const names = new Map(productIds.map((id, i) => [id, products[i]?.data]));
  return { batches, names };
}

export type ProducerPerson = AdminAccount;
export type NewProducerPerson = Schema<'identity.ProducerInvitationDto'>;

/**
 * Who acts for a producer, newest first: the accounts an officer of its territory invited (or may invite again),
 * with where each invitation stands.
 */
export function useProducerPeople(producerId: string) {
  return useInfiniteQuery({
    queryKey: ['identity', 'producer-people', producerId],
    // An invitation may have been accepted or sent again since: asked afresh each time the page opens.
    staleTime: 0,
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      call(
        api.GET('/api/identity/producer-invitations', {
          params: { query: { producerId, limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** Invites a person to act for the producer, or sends an invited one a new link; the list follows either. */
export function useProducerPeopleActions(producerId: string) {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: ['identity', 'producer-people', producerId] });
  return {
    invite: useMutation({
      mutationFn: (person: Omit<NewProducerPerson, 'producerId'>) =>
        call(api.POST('/api/identity/producer-invitations', { body: { ...person, producerId } })),
      onSuccess: refresh,
    }),
    reinvite: useMutation({
      mutationFn: (accountId: string) =>
        call(
          api.POST('/api/identity/producer-invitations/{accountId}/reissue', {
            params: { path: { accountId } },
          }),
        ),
      // Refused too when the account changed meanwhile (its owner set a password): the list shows it as it is.
      onSettled: refresh,
    }),
  };
}
