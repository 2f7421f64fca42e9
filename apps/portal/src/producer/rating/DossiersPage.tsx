import { FilePdfOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Card, Empty, List, Skeleton, Space, Tag } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate, formatDateTime, formatValidThrough } from '../../common/format/format';
import { LinkButton } from '../../common/layout/LinkButton';
import { usePageTitle } from '../../common/layout/usePageTitle';
import { certificatePdf, useCertificates, useDossiers, useRounds } from './queries';
import { ratingProblem } from './rating-problems';
import { StatusTag } from './StatusTag';
import './rating.css';

function ListCard<T>({
  title,
  query,
  empty,
  children,
}: {
  title: string;
  query: { isPending: boolean; error: unknown; data?: T[] };
  empty: ReactNode;
  children: (items: T[]) => ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Card title={<h2 className="card-title">{title}</h2>}>
      {query.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : query.error ? (
        <Alert type="warning" showIcon title={ratingProblem(t, query.error)} />
      ) : !query.data?.length ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />
      ) : (
        children(query.data)
      )}
    </Card>
  );
}

/** The producer's OCOP dossiers, round by round and where each stands, and its certificates to download. */
export function Component() {
  const { t } = useTranslation();
  usePageTitle(t('rating.list.title'));
  const dossiers = useDossiers();
  const rounds = useRounds();
  const certificates = useCertificates();
  const roundName = (roundId: string) => rounds.data?.find((r) => r.roundId === roundId)?.name ?? '';

  return (
    <>
      <h1>{t('rating.list.title')}</h1>
      <p className="rating-intro">{t('rating.list.intro')}</p>
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        <LinkButton type="primary" icon={<PlusOutlined aria-hidden="true" />} to="/ho-so/moi">
          {t('rating.list.new')}
        </LinkButton>
        <ListCard title={t('rating.list.dossiers')} query={dossiers} empty={t('rating.list.noDossiers')}>
          {(items) => (
            <List
              className="rating-list"
              dataSource={items}
              renderItem={(d) => (
                <List.Item key={d.dossierId}>
                  <List.Item.Meta
                    title={<Link to={`/ho-so/${d.dossierId}`}>{d.productName}</Link>}
                    description={
                      <>
                        {roundName(d.roundId) && <span className="rating-round">{roundName(d.roundId)}</span>}
                        <span>{t('rating.list.updated', { date: formatDateTime(d.updatedAt) })}</span>
                      </>
                    }
                  />
                  <StatusTag status={d.status} />
                </List.Item>
              )}
            />
          )}
        </ListCard>
        <ListCard
          title={t('rating.list.certificates')}
          query={certificates}
          empty={t('rating.list.noCertificates')}
        >
          {(items) => (
            <List
              className="rating-list"
              dataSource={items}
              renderItem={(c) => (
                <List.Item key={c.certificateId}>
                  <List.Item.Meta
                    title={`${c.productName} · ${t('rating.stars', { count: c.stars })}`}
                    description={t('rating.list.certificateLine', {
                      number: c.number,
                      issued: formatDate(c.issuedAt),
                      expires: formatValidThrough(c.expiresAt),
                    })}
                  />
                  <Space wrap>
                    {c.status !== 'issued' && <Tag>{t(`rating.certificateStatus.${c.status}`)}</Tag>}
                    <a href={certificatePdf(c.certificateId)} download={`${c.number}.pdf`}>
                      <FilePdfOutlined aria-hidden="true" /> {t('rating.list.download')}
                      <span className="visually-hidden"> {c.number}</span>
                    </a>
                  </Space>
                </List.Item>
              )}
            />
          )}
        </ListCard>
      </Space>
    </>
  );
}
