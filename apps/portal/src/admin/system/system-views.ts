import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../../common/api/client';
import type { Schema } from '../../common/api/types';

/** The services with events of their own: each keeps its outbox, its consumers and its dead letters. */
export const EVENT_SERVICES = [
  'identity',
  'catalogue',
  'traceability',
  'rating',
  'notifications',
  'lookup',
] as const;
export type EventService = (typeof EVENT_SERVICES)[number];

export type DeadLetter = Schema<'notifications.DeadLetterView'>;
export type ReplayResult = Schema<'notifications.ReplayResultView'>;

// Every service answers its admin routes with the same shapes (libs/messaging); one service's typed paths stand
// for all of them.
type DeadLetters = '/api/notifications/admin/dead-letters';
type DeadLetterPath = '/api/notifications/admin/dead-letters/{id}';
type ReplayPath = '/api/notifications/admin/dead-letters/{id}/replay';
type DiscardPath = '/api/notifications/admin/dead-letters/{id}/discard';
type ReplayAllPath = '/api/notifications/admin/dead-letters/replay';
type MessagingPath = '/api/notifications/admin/messaging';

export interface Health {
  ready: boolean;
  /** Each check (database, nats…) and whether it answered. */
  checks: { name: string; up: boolean; message?: string }[];
  /** Set when the service did not answer at all (the gateway's problem code). */
  unreachable?: string;
}

/** A service's readiness as its load balancer sees it: 200 with every check up, or 503 naming what is down. */
async function readHealth(service: EventService): Promise<Health> {
  const res = await fetch(`/api/${service}/health/ready`, { headers: { accept: 'application/json' } });
  const body = (await res.json().catch(() => ({}))) as {
    code?: string;
    details?: Record<string, { status: string; message?: string }>;
  };
  if (!body.details) return { ready: false, checks: [], unreachable: body.code ?? `http-${res.status}` };
  return {
    ready: res.ok,
    checks: Object.entries(body.details).map(([name, check]) => ({
      name,
      up: check.status === 'up',
      ...(check.message ? { message: check.message } : {}),
    })),
  };
}

/** Health and backlog of every service, read again every 15 s while the page is open. */
export function useSystem() {
  const health = useQueries({
    queries: EVENT_SERVICES.map((service) => ({
      queryKey: ['admin', 'health', service],
      queryFn: () => readHealth(service),
      refetchInterval: 15_000,
      staleTime: 0,
    })),
  });
  const backlog = useQueries({
    queries: EVENT_SERVICES.map((service) => ({
      queryKey: ['admin', 'backlog', service],
      queryFn: () => call(api.GET(`/api/${service}/admin/messaging` as MessagingPath)),
      refetchInterval: 15_000,
      staleTime: 0,
      retry: false,
    })),
  });
  return EVENT_SERVICES.map((service, i) => ({ service, health: health[i], backlog: backlog[i] }));
}

export function useDeadLetters(service: EventService, state: 'open' | 'settled') {
  return useQuery({
    queryKey: ['admin', 'dead-letters', service, state],
    staleTime: 0,
    retry: false,
    queryFn: async () =>
      (
        await call(
          api.GET(`/api/${service}/admin/dead-letters` as DeadLetters, {
            params: { query: { state, limit: 100 } },
          }),
        )
      ).items,
  });
}

export function useDeadLetter(service: EventService, id: string) {
  return useQuery({
    queryKey: ['admin', 'dead-letter', service, id],
    retry: false,
    queryFn: () =>
      call(
        api.GET(`/api/${service}/admin/dead-letters/{id}` as DeadLetterPath, { params: { path: { id } } }),
      ),
  });
}

/** Replay one, replay all, discard one: each refreshes the service's lists and the backlog figures. */
export function useDeadLetterActions(service: EventService) {
  const client = useQueryClient();
  const refresh = () =>
    Promise.all([
      client.invalidateQueries({ queryKey: ['admin', 'dead-letters', service] }),
      client.invalidateQueries({ queryKey: ['admin', 'dead-letter', service] }),
      client.invalidateQueries({ queryKey: ['admin', 'backlog', service] }),
    ]);
  const replay = useMutation({
    mutationFn: (id: string) =>
      call(
        api.POST(`/api/${service}/admin/dead-letters/{id}/replay` as ReplayPath, {
          params: { path: { id } },
        }),
      ),
    onSettled: refresh,
  });
  const replayAll = useMutation({
    mutationFn: () => call(api.POST(`/api/${service}/admin/dead-letters/replay` as ReplayAllPath)),
    onSettled: refresh,
  });
  const discard = useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      call(
        api.POST(`/api/${service}/admin/dead-letters/{id}/discard` as DiscardPath, {
          params: { path: { id } },
          body: { reason },
        }),
      ),
    onSettled: refresh,
  });
  return { replay, replayAll, discard };
}
