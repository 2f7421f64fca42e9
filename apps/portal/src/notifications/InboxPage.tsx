import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Badge, Button, Empty, Segmented, Skeleton, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, call } from '../common/api/client';
import { problemMessage } from '../common/api/problem';
import { formatDateTime } from '../common/format/format';
import { usePageTitle } from '../common/layout/usePageTitle';
import { NOTIFICATIONS_KEY } from '../common/notifications/useUnreadCount';
import { type InboxItem, type InboxPage, noticeLink } from './notice-links';

const PAGE_SIZE = 20;

function Notice({ item, onRead }: { item: InboxItem; onRead: (id: string) => void }) {
  const { t } = useTranslation();
  const link = noticeLink(item);
  const unread = !item.readAt;
  return (
    <li className={`notice${unread ? ' notice-unread' : ''}`}>
      <article aria-labelledby={`notice-${item.id}`}>
        <header className="notice-head">
          <h2 id={`notice-${item.id}`} className="notice-title">
            {unread && <Badge status="processing" aria-hidden="true" />}
            {item.title}
            {unread && <span className="visually-hidden"> ({t('notifications.unread')})</span>}
          </h2>
          {item.critical && <Tag color="#a8071a">{t('notifications.critical')}</Tag>}
        </header>
        <p className="notice-time">
          <time dateTime={item.createdAt}>{formatDateTime(item.createdAt)}</time>
        </p>
        <p className="notice-body">{item.body}</p>
        <Space wrap>
          {link && (
            <Link to={link} className="notice-open" onClick={() => unread && onRead(item.id)}>
              {t('notifications.open')}
            </Link>
          )}
          {unread && (
            <Button size="small" onClick={() => onRead(item.id)}>
              {t('notifications.markRead')}
            </Button>
          )}
        </Space>
      </article>
    </li>
  );
}

/**
 * A person's notices, newest first, kept live by the layout's stream (useInboxStream refreshes every
 * notification query when one arrives). Each notice leads to the page where the reader acts, where there is one.
 */
export function Component() {
  const { t } = useTranslation();
  usePageTitle(t('notifications.title'));
  const queryClient = useQueryClient();
  const [filter, setFilter] = useState<'all' | 'unread'>('all');

  const inbox = useInfiniteQuery({
    queryKey: [...NOTIFICATIONS_KEY, 'inbox', filter],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      (await call(
        api.GET('/api/notifications/inbox', {
          params: {
            query: { limit: PAGE_SIZE, cursor: pageParam, ...(filter === 'unread' ? { unread: true } : {}) },
          },
        }),
      )) as unknown as InboxPage,
    getNextPageParam: (last) => last.nextCursor,
  });

  const refresh = () => queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_KEY });
  const markRead = useMutation({
    mutationFn: (itemId: string) =>
      call(api.POST('/api/notifications/inbox/{itemId}/read', { params: { path: { itemId } } })),
    onSettled: refresh,
  });
  const markAll = useMutation({
    mutationFn: () => call(api.POST('/api/notifications/inbox/read-all')),
    onSettled: refresh,
  });

  const items = inbox.data?.pages.flatMap((p) => p.items) ?? [];
  const unread = inbox.data?.pages[0]?.unread ?? 0;
  const failure = inbox.error ?? markRead.error ?? markAll.error;

  return (
    <>
      <div className="page-head">
        <h1>{t('notifications.title')}</h1>
        <Space wrap>
          <Link to="/thong-bao/cai-dat">{t('notifications.preferencesLink')}</Link>
          <Button onClick={() => markAll.mutate()} disabled={!unread} loading={markAll.isPending}>
            {t('notifications.markAllRead')}
          </Button>
        </Space>
      </div>
      <Segmented
        aria-label={t('notifications.filter')}
        value={filter}
        onChange={(value) => setFilter(value as 'all' | 'unread')}
        options={[
          { value: 'all', label: t('notifications.all') },
          { value: 'unread', label: t('notifications.onlyUnread', { count: unread }) },
        ]}
      />
      <p className="visually-hidden" aria-live="polite">
        {t('notifications.unreadCount', { count: unread })}
      </p>
      {failure ? (
        <Alert className="page-alert" type="warning" showIcon title={problemMessage(t, failure)} />
      ) : null}
      {inbox.isPending ? (
        <Skeleton active paragraph={{ rows: 4 }} />
      ) : items.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={filter === 'unread' ? t('notifications.noneUnread') : t('notifications.none')}
        />
      ) : (
        <ul className="notice-list">
          {items.map((item) => (
            <Notice key={item.id} item={item} onRead={(id) => markRead.mutate(id)} />
          ))}
        </ul>
      )}
      {inbox.hasNextPage && (
        <Button block onClick={() => void inbox.fetchNextPage()} loading={inbox.isFetchingNextPage}>
          {t('notifications.more')}
        </Button>
      )}
    </>
  );
}
