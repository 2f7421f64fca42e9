import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, call } from '../../common/api/client';
import type { Schema } from '../../common/api/types';
import { useSession } from '../../common/session/session';

export type GrowingArea = Schema<'traceability.GrowingAreaView'>;
export type PackingHouse = Schema<'traceability.PackingHouseView'>;
export type SiteHistoryEntry = Schema<'traceability.SiteHistoryView'>;
export type SiteStatus = GrowingArea['status'];

interface Page<T> {
  items: T[];
  nextCursor?: string;
}

const PAGE_SIZE = 20;

/** The producer's own growing areas, newest first (the service shows a producer only its own). */
export function useGrowingAreas() {
  const { account } = useSession();
  return useInfiniteQuery({
    queryKey: ['traceability', 'growing-areas', account?.producerId, 'list'],
    enabled: !!account?.producerId,
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      (await call(
        api.GET('/api/traceability/growing-areas', {
          params: { query: { limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      )) as unknown as Page<GrowingArea>,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function usePackingHouses() {
  const { account } = useSession();
  return useInfiniteQuery({
    queryKey: ['traceability', 'packing-houses', account?.producerId, 'list'],
    enabled: !!account?.producerId,
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      (await call(
        api.GET('/api/traceability/packing-houses', {
          params: { query: { limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      )) as unknown as Page<PackingHouse>,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useGrowingArea(id: string) {
  return useQuery({
    queryKey: ['traceability', 'growing-area', id],
    queryFn: () =>
      call(
        api.GET('/api/traceability/growing-areas/{growingAreaId}', {
          params: { path: { growingAreaId: id } },
        }),
      ),
    retry: false,
  });
}

export function usePackingHouse(id: string) {
  return useQuery({
    queryKey: ['traceability', 'packing-house', id],
    queryFn: () =>
      call(
        api.GET('/api/traceability/packing-houses/{packingHouseId}', {
          params: { path: { packingHouseId: id } },
        }),
      ),
    retry: false,
  });
}

export function useSiteHistory(kind: 'growing-area' | 'packing-house', id: string) {
  return useQuery({
    queryKey: ['traceability', kind, id, 'history'],
    queryFn: () =>
      kind === 'growing-area'
        ? call(
            api.GET('/api/traceability/growing-areas/{growingAreaId}/history', {
              params: { path: { growingAreaId: id } },
            }),
          )
        : call(
            api.GET('/api/traceability/packing-houses/{packingHouseId}/history', {
              params: { path: { packingHouseId: id } },
            }),
          ),
  });
}

/** The deployment's map tiles (gateway /api/portal-config): '' means no background map. */
export function useMapTileUrl(): string | undefined {
  const config = useQuery({
    queryKey: ['portal-config'],
    queryFn: () => call(api.GET('/api/portal-config')),
    staleTime: Infinity,
  });
  return config.isPending ? undefined : (config.data?.mapTileUrl ?? '');
}
