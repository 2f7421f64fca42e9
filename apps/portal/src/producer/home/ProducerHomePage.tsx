import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Empty, List, Rate, Row, Skeleton, Statistic, Tag } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../shared/api/client';
import { problemMessage } from '../../shared/api/problem';
import { daysUntil, formatDate } from '../../shared/format/format';
import { usePageTitle } from '../../shared/layout/usePageTitle';
import { useUnreadCount } from '../../shared/notifications/useUnreadCount';
import { useSession } from '../../shared/session/session';
import type { Batch, Certificate, GrowingArea, Page, Producer, Product, ScanRow } from './producer-views';
import { lastDays, ScanChart } from './ScanChart';

const SCAN_DAYS = 30;

/** A card of the home page: its own loading, failure and empty states, so that one slow service hides nothing else. */
function Section<T>({
  title,
  query,
  empty,
  children,
}: {
  title: string;
  query: { isPending: boolean; error: unknown; data?: T[] };
  empty: string;
  children: (items: T[]) => ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Card title={<h2 className="card-title">{title}</h2>} className="home-card">
      {query.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : query.error ? (
        <Alert type="warning" showIcon title={problemMessage(t, query.error)} />
      ) : !query.data?.length ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />
      ) : (
        children(query.data)
      )}
    </Card>
  );
}

function ProducerStatus({ producer }: { producer: Producer }) {
  const { t } = useTranslation();
  switch (producer.status) {
    case 'verified':
      return <Tag color="#1f6f43">{t('producerHome.status.verified')}</Tag>;
    case 'pending':
      return <Alert type="info" showIcon title={t('producerHome.status.pending')} />;
    case 'pending-reverification':
      return <Alert type="info" showIcon title={t('producerHome.status.pendingReverification')} />;
    default:
      return (
        <Alert
          type="error"
          showIcon
          title={t('producerHome.status.suspended')}
          description={producer.statusReason}
        />
      );
  }
}

/**
 * A producer's home: where it stands with the province, its products and their stars, certificates and when they
 * expire, growing-area codes, recent batches, how often shoppers scanned its labels, and unread notices.
 */
export function Component() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('producerHome.title'));
  const { account } = useSession();
  const producerId = account?.producerId ?? '';
  const unread = useUnreadCount();

  const producer = useQuery({
    queryKey: ['catalogue', 'producer', producerId],
    enabled: !!producerId,
    queryFn: async () =>
      (await call(
        api.GET('/api/catalogue/producers/{producerId}', { params: { path: { producerId } } }),
      )) as Producer,
  });
  const products = useQuery({
    queryKey: ['catalogue', 'products', producerId],
    enabled: !!producerId,
    queryFn: async () =>
      (
        (await call(
          api.GET('/api/catalogue/products', { params: { query: { producerId, limit: 50 } } }),
        )) as Page<Product>
      ).items,
  });
  const certificates = useQuery({
    queryKey: ['rating', 'certificates', producerId],
    enabled: !!producerId,
    queryFn: async () =>
      (
        (await call(
          api.GET('/api/rating/certificates', { params: { query: { producerId, status: 'issued' } } }),
        )) as unknown as Page<Certificate>
      ).items,
  });
  const areas = useQuery({
    queryKey: ['traceability', 'growing-areas', producerId],
    enabled: !!producerId,
    queryFn: async () =>
      (
        (await call(
          api.GET('/api/traceability/growing-areas', { params: { query: { limit: 20 } } }),
        )) as unknown as Page<GrowingArea>
      ).items,
  });
  const batches = useQuery({
    queryKey: ['traceability', 'batches', producerId, 'recent'],
    enabled: !!producerId,
    queryFn: async () =>
      (
        (await call(
          api.GET('/api/traceability/batches', { params: { query: { limit: 5 } } }),
        )) as unknown as Page<Batch>
      ).items,
  });
  const scans = useQuery({
    queryKey: ['lookup', 'scans', producerId],
    enabled: !!producerId,
    queryFn: async () => {
      const from = lastDays([], SCAN_DAYS)[0].day;
      const answer = (await call(
        api.GET('/api/lookup/stats/scans', { params: { query: { from } } }),
      )) as unknown as { rows: ScanRow[] };
      return [lastDays(answer.rows, SCAN_DAYS)];
    },
  });

  const productName = (p: { nameVi: string; nameEn?: string }) =>
    i18n.language === 'en' && p.nameEn ? p.nameEn : p.nameVi;

  return (
    <>
      <h1>{t('producerHome.title')}</h1>
      {!producerId && <Alert type="warning" showIcon title={t('producerHome.noProducer')} />}
      {producer.data && (
        <div className="home-producer">
          <p className="home-producer-name">{producer.data.name}</p>
          <ProducerStatus producer={producer.data} />
        </div>
      )}
      {producer.error ? <Alert type="warning" showIcon title={problemMessage(t, producer.error)} /> : null}

      <Row gutter={[12, 12]} className="home-figures">
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('producerHome.products')} value={products.data?.length ?? '—'} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('producerHome.certificates')} value={certificates.data?.length ?? '—'} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('producerHome.areas')} value={areas.data?.length ?? '—'} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('producerHome.unread')} value={unread ?? '—'} />
          </Card>
        </Col>
      </Row>

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Section title={t('producerHome.products')} query={products} empty={t('producerHome.noProducts')}>
            {(items) => (
              <List
                dataSource={items}
                renderItem={(p) => (
                  <List.Item key={p.productId}>
                    <List.Item.Meta
                      title={productName(p)}
                      description={
                        p.ocop ? (
                          <span>
                            <Rate disabled value={p.ocop.stars} count={5} aria-hidden="true" />{' '}
                            <span className="visually-hidden">
                              {t('producerHome.stars', { count: p.ocop.stars })}
                            </span>
                          </span>
                        ) : (
                          t('producerHome.notRated')
                        )
                      }
                    />
                  </List.Item>
                )}
              />
            )}
          </Section>
        </Col>
        <Col xs={24} lg={12}>
          <Section
            title={t('producerHome.certificates')}
            query={certificates}
            empty={t('producerHome.noCertificates')}
          >
            {(items) => (
              <List
                dataSource={items}
                renderItem={(c) => {
                  const left = daysUntil(c.expiresAt.slice(0, 10));
                  return (
                    <List.Item key={c.certificateId}>
                      <List.Item.Meta
                        title={`${c.productName} · ${t('producerHome.stars', { count: c.stars })}`}
                        description={t('producerHome.expires', {
                          date: formatDate(c.expiresAt),
                          number: c.number,
                        })}
                      />
                      {left <= 90 && (
                        <Tag color="#ad4e00">{t('producerHome.expiresSoon', { count: left })}</Tag>
                      )}
                    </List.Item>
                  );
                }}
              />
            )}
          </Section>
        </Col>
        <Col xs={24} lg={12}>
          <Section title={t('producerHome.areas')} query={areas} empty={t('producerHome.noAreas')}>
            {(items) => (
              <List
                dataSource={items}
                renderItem={(a) => (
                  <List.Item key={a.growingAreaId}>
                    <List.Item.Meta title={a.name} description={a.code ?? t(`siteStatus.${a.status}`)} />
                  </List.Item>
                )}
              />
            )}
          </Section>
        </Col>
        <Col xs={24} lg={12}>
          <Section title={t('producerHome.batches')} query={batches} empty={t('producerHome.noBatches')}>
            {(items) => (
              <List
                dataSource={items}
                renderItem={(b) => (
                  <List.Item key={b.batchId}>
                    <List.Item.Meta
                      title={t('producerHome.lot', { lot: b.lot })}
                      description={`${b.quantity} ${b.unit}`}
                    />
                    <Tag>{t(`batchStatus.${b.status}`)}</Tag>
                  </List.Item>
                )}
              />
            )}
          </Section>
        </Col>
        <Col xs={24}>
          <Section title={t('producerHome.scansTitle')} query={scans} empty={t('producerHome.noScans')}>
            {([days]) => <ScanChart days={days} />}
          </Section>
        </Col>
      </Row>
    </>
  );
}
