import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api, call } from '../api/client';

export const NOTIFICATIONS_KEY = ['notifications'] as const;

/** How many notices the signed-in person has not read; kept live by useInboxStream. */
export function useUnreadCount(): number | undefined {
  const query = useQuery({
    queryKey: [...NOTIFICATIONS_KEY, 'unread'],
    queryFn: async () =>
      ((await call(api.GET('/api/notifications/inbox/unread-count'))) as { unread: number }).unread,
    // The stream says when something arrives; this only catches a stream that dropped unnoticed.
    refetchInterval: 120_000,
  });
  return query.data;
}

/**
 * One live stream of new notices for the signed-in pages (notifications' server-sent events, through the gateway
 * with the session cookie): every notification query is refreshed when one arrives. The browser reconnects by
 * itself, and the inbox sends what was missed since the last id.
 */
export function useInboxStream(enabled: boolean): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/notifications/inbox/stream');
    const refresh = () => void queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_KEY });
    source.addEventListener('notification', refresh);
    return () => source.close();
  }, [enabled, queryClient]);
}
