import { PlusOutlined } from '@ant-design/icons';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, List, Select, Skeleton } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, call } from '../../common/api/client';
import { problemMessage } from '../../common/api/problem';
import { formatDate } from '../../common/format/format';
import { LinkButton } from '../../common/layout/LinkButton';
import { usePageTitle } from '../../common/layout/usePageTitle';
import { type Batch, batchKeys, type BatchStatus, type Page, productName, useMyProducts } from './batch-data';
import { StatusTag } from './StatusTag';
import './batches.css';

const PAGE_SIZE = 20;
const STATUSES: BatchStatus[] = ['open', 'released', 'recalled', 'expired'];

/** The producer's batches, newest first, with their product, quantity and status; a link to open a new one. */
export function Component() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('batches.title'));
  const [status, setStatus] = useState<BatchStatus | 'all'>('all');
  const products = useMyProducts();
  const batches = useInfiniteQuery({
    queryKey: [...batchKeys.all, 'list', status],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      (await call(
        api.GET('/api/traceability/batches', {
          params: {
            query: {
              limit: PAGE_SIZE,
              ...(status === 'all' ? {} : { status }),
              ...(pageParam ? { cursor: pageParam } : {}),
            },
          },
        }),
      )) as unknown as Page<Batch>,
    getNextPageParam: (last) => last.nextCursor,
  });
  const items = batches.data?.pages.flatMap((p) => p.items) ?? [];
  const nameOf = (b: Batch) =>
    productName(
      products.data?.find((p) => p.productId === b.productId),
      i18n.language,
    ) ?? (products.isPending ? '…' : t('batches.unknownProduct'));

  return (
    <>
      <div className="page-head">
        <h1>{t('batches.title')}</h1>
        <LinkButton type="primary" icon={<PlusOutlined aria-hidden="true" />} to="/lo-hang/moi">
          {t('batches.newBatch')}
        </LinkButton>
      </div>
      <p>{t('batches.intro')}</p>
      <div className="batches-filter">
        <label htmlFor="batch-status">{t('batches.filterLabel')}</label>
        <Select
          id="batch-status"
          value={status}
          onChange={setStatus}
          style={{ minWidth: 180 }}
          options={[
            { value: 'all', label: t('batches.allStatuses') },
            ...STATUSES.map((s) => ({ value: s, label: t(`batches.status.${s}`) })),
          ]}
        />
      </div>
      <Card>
        {batches.isPending ? (
          <Skeleton active paragraph={{ rows: 4 }} />
        ) : batches.error ? (
          <Alert
            type="error"
            showIcon
            title={problemMessage(t, batches.error)}
            action={<Button onClick={() => void batches.refetch()}>{t('common.retry')}</Button>}
          />
        ) : !items.length ? (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={status === 'all' ? t('batches.empty') : t('batches.emptyFiltered')}
          />
        ) : (
          <>
            <List
              dataSource={items}
              renderItem={(b) => (
                <List.Item key={b.batchId} extra={<StatusTag status={b.status} />}>
                  <List.Item.Meta
                    title={<Link to={`/lo-hang/${b.batchId}`}>{t('batches.lot', { lot: b.lot })}</Link>}
                    description={
                      <>
                        <span>{nameOf(b)}</span>
                        <span className="batches-sep" aria-hidden="true">
                          ·
                        </span>
                        <span>
                          {b.quantity} {t(`batches.units.${b.unit}`, { defaultValue: b.unit })}
                        </span>
                        <span className="batches-sep" aria-hidden="true">
                          ·
                        </span>
                        <span>{t('batches.createdAt', { date: formatDate(b.createdAt) })}</span>
                      </>
                    }
                  />
                </List.Item>
              )}
            />
            {batches.hasNextPage && (
              <Button block loading={batches.isFetchingNextPage} onClick={() => void batches.fetchNextPage()}>
                {t('batches.more')}
              </Button>
            )}
          </>
        )}
      </Card>
    </>
  );
}
