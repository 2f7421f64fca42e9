import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, List, Skeleton, Tabs } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { problemMessage } from '../../common/api/problem';
import { formatDate, formatNumber } from '../../common/format/format';
import { LinkButton } from '../../common/layout/LinkButton';
import { usePageTitle } from '../../common/layout/usePageTitle';
import { useSession } from '../../common/session/session';
import { SiteStatusTag } from './SiteParts';
import { useGrowingAreas, usePackingHouses, type SiteStatus } from './site-views';
import './areas.css';

interface Row {
  id: string;
  href: string;
  name: string;
  summary: string;
  status: SiteStatus;
  code?: string;
  createdAt: string;
}

/** A list with its loading, failure and empty states, and "show more" while the service has more pages. */
function SiteList({
  query,
  rows,
  empty,
}: {
  query: {
    isPending: boolean;
    error: unknown;
    refetch: () => unknown;
    hasNextPage: boolean;
    fetchNextPage: () => unknown;
    isFetchingNextPage: boolean;
  };
  rows: Row[];
  empty: ReactNode;
}) {
  const { t } = useTranslation();
  if (query.isPending) return <Skeleton active paragraph={{ rows: 3 }} />;
  if (query.error)
    return (
      <Alert
        type="warning"
        showIcon
        title={problemMessage(t, query.error)}
        action={<Button onClick={() => query.refetch()}>{t('areas.retry')}</Button>}
      />
    );
  if (rows.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />;
  return (
    <>
      <List
        className="areas-list"
        dataSource={rows}
        renderItem={(row) => (
          <List.Item key={row.id} extra={<SiteStatusTag status={row.status} />}>
            <List.Item.Meta
              title={<Link to={row.href}>{row.name}</Link>}
              description={
                <>
                  {row.code && <strong className="areas-list-code">{row.code}</strong>}
                  {row.code && <br />}
                  {row.summary}
                  {row.summary && ' · '}
                  {t('areas.registeredOn', { date: formatDate(row.createdAt) })}
                </>
              }
            />
          </List.Item>
        )}
      />
      {query.hasNextPage && (
        <Button block onClick={() => query.fetchNextPage()} loading={query.isFetchingNextPage}>
          {t('areas.loadMore')}
        </Button>
      )}
    </>
  );
}

/** The producer's growing areas and packing houses, each with where its code stands. */
export function Component() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('areas.title'));
  const { account } = useSession();
  const [search, setSearch] = useSearchParams();
  const tab = search.get('loai') === 'dong-goi' ? 'houses' : 'areas';
  const areas = useGrowingAreas();
  const houses = usePackingHouses();
  const ha = (n: number) => formatNumber(n);

  const areaRows: Row[] = (areas.data?.pages ?? []).flatMap((p) =>
    p.items.map((a) => ({
      id: a.growingAreaId,
      href: `/vung-trong/${a.growingAreaId}`,
      name: a.name,
      summary: t('areas.areaSummary', { crop: `${a.crop} ${a.variety}`.trim(), area: ha(a.areaHa) }),
      status: a.status,
      code: a.code,
      createdAt: a.createdAt,
    })),
  );
  const houseRows: Row[] = (houses.data?.pages ?? []).flatMap((p) =>
    p.items.map((h) => ({
      id: h.packingHouseId,
      href: `/co-so-dong-goi/${h.packingHouseId}`,
      name: h.name,
      summary: h.products.join(', '),
      status: h.status,
      code: h.code,
      createdAt: h.createdAt,
    })),
  );

  return (
    <>
      <h1>{t('areas.title')}</h1>
      <p>{t('areas.intro')}</p>
      {!account?.producerId && <Alert type="warning" showIcon title={t('areas.noProducer')} />}
      <Tabs
        key={i18n.language}
        activeKey={tab}
        onChange={(key) => setSearch(key === 'houses' ? { loai: 'dong-goi' } : {}, { replace: true })}
        items={[
          {
            key: 'areas',
            label: t('areas.tabAreas'),
            children: (
              <>
                <LinkButton type="primary" icon={<PlusOutlined aria-hidden />} to="/vung-trong/moi">
                  {t('areas.newArea')}
                </LinkButton>
                <SiteList query={areas} rows={areaRows} empty={t('areas.noAreas')} />
              </>
            ),
          },
          {
            key: 'houses',
            label: t('areas.tabHouses'),
            children: (
              <>
                <LinkButton type="primary" icon={<PlusOutlined aria-hidden />} to="/co-so-dong-goi/moi">
                  {t('areas.newHouse')}
                </LinkButton>
                <SiteList query={houses} rows={houseRows} empty={t('areas.noHouses')} />
              </>
            ),
          },
        ]}
      />
    </>
  );
}
