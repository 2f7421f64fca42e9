import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../../common/api/client';
import type { Schema } from '../../common/api/types';

// The webhooks controller (apps/notifications webhooks.controller.ts) declares no response schemas, so the
// generated client types its answers as nothing: these are the shapes webhooks.service.ts returns.

export interface Subscription {
  id: string;
  ownerId: string;
  url: string;
  eventTypes: string[];
  description: string | null;
  status: 'active' | 'disabled';
  consecutiveFailures: number;
  disabledReason: string | null;
  disabledAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'cancelled';

export interface Delivery {
  id: string;
  eventId: string;
  eventType: string;
  status: DeliveryStatus;
  attempts: number;
  /** When the next attempt is due; set while pending only. */
  nextAttemptAt: string | null;
  lastError: string | null;
  /** The receiver's HTTP status at the last failed attempt. */
  lastStatus: number | null;
  createdAt: string;
  sentAt: string | null;
}

interface Page<T> {
  items: T[];
  nextCursor?: string;
}

export type SubscriptionInput = Schema<'notifications.CreateSubscriptionDto'>;
export type SubscriptionChange = Schema<'notifications.UpdateSubscriptionDto'>;
export type EventType = SubscriptionInput['eventTypes'][number];

/** The text the service writes when the owner pauses a subscription (webhooks.service.ts update). */
const PAUSED_BY_OWNER = 'disabled by its owner';

/** Paused by its owner, or turned off by the platform after too many failed deliveries in a row. */
export const pausedByOwner = (s: Subscription): boolean => s.disabledReason === PAUSED_BY_OWNER;

/** Deliveries still on their way: the log looks again until they are settled. */
export const unsettled = (d: Delivery): boolean => d.status === 'pending' || d.status === 'sending';

/** A delivery the service sends again on request (webhooks.service.ts replay): one that has settled. */
export const replayable = (d: Delivery): boolean => !unsettled(d);

const PAGE_SIZE = 20;
const SUBSCRIPTIONS = ['notifications', 'webhooks'];
const subscriptionKey = (id: string) => [...SUBSCRIPTIONS, id];

export function useEventTypes() {
  return useQuery({
    queryKey: [...SUBSCRIPTIONS, 'event-types'],
    staleTime: Infinity,
    queryFn: async () =>
      (
        (await call(api.GET('/api/notifications/webhooks/event-types'))) as unknown as {
          eventTypes: EventType[];
        }
      ).eventTypes,
  });
}

/** The signed-in retailer's subscriptions, newest first, a page at a time. */
export function useSubscriptions() {
  return useInfiniteQuery({
    queryKey: [...SUBSCRIPTIONS, 'list'],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      (await call(
        api.GET('/api/notifications/webhooks/subscriptions', {
          params: { query: { limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      )) as unknown as Page<Subscription>,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useSubscription(id: string) {
  return useQuery({
    queryKey: subscriptionKey(id),
    queryFn: async () =>
      (await call(
        api.GET('/api/notifications/webhooks/subscriptions/{subscriptionId}', {
          params: { path: { subscriptionId: id } },
        }),
      )) as unknown as Subscription,
  });
}

/** A subscription's delivery log, newest first; looked at again every few seconds while a delivery is under way. */
export function useDeliveries(id: string) {
  return useInfiniteQuery({
    queryKey: [...subscriptionKey(id), 'deliveries'],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      (await call(
        api.GET('/api/notifications/webhooks/subscriptions/{subscriptionId}/deliveries', {
          params: {
            path: { subscriptionId: id },
            query: { limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) },
          },
        }),
      )) as unknown as Page<Delivery>,
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: (query) =>
      query.state.data?.pages.some((page) => page.items.some(unsettled)) ? 3000 : false,
  });
}

export function useSubscriptionActions() {
  const client = useQueryClient();
  const list = [...SUBSCRIPTIONS, 'list'];
  return {
    create: useMutation({
      mutationFn: async (body: SubscriptionInput) =>
        (await call(
          api.POST('/api/notifications/webhooks/subscriptions', { body }),
        )) as unknown as Subscription & { secret: string },
      onSuccess: () => client.invalidateQueries({ queryKey: list }),
    }),
    update: useMutation({
      mutationFn: async ({ id, change }: { id: string; change: SubscriptionChange }) =>
        (await call(
          api.PATCH('/api/notifications/webhooks/subscriptions/{subscriptionId}', {
            params: { path: { subscriptionId: id } },
            body: change,
          }),
        )) as unknown as Subscription,
      onSuccess: (_, { id }) =>
        Promise.all([
          client.invalidateQueries({ queryKey: list }),
          client.invalidateQueries({ queryKey: subscriptionKey(id) }),
        ]),
    }),
    remove: useMutation({
      mutationFn: (id: string) =>
        call(
          api.DELETE('/api/notifications/webhooks/subscriptions/{subscriptionId}', {
            params: { path: { subscriptionId: id } },
          }),
        ),
      // The deleted subscription's own queries would only answer "not found" now.
      onSuccess: (_, id) => {
        client.removeQueries({ queryKey: subscriptionKey(id) });
        return client.invalidateQueries({ queryKey: list });
      },
    }),
  };
}

/** Sends a settled delivery again; its log (and the subscription's failure count) is read again afterwards. */
export function useReplayDelivery() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, deliveryId }: { id: string; deliveryId: string }) =>
      call(
        api.POST(
          '/api/notifications/webhooks/subscriptions/{subscriptionId}/deliveries/{deliveryId}/replay',
          {
            params: { path: { subscriptionId: id, deliveryId } },
          },
        ),
      ),
    onSettled: (_, __, { id }) => client.invalidateQueries({ queryKey: subscriptionKey(id) }),
  });
}
