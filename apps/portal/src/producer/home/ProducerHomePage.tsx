import { useQuery } from '@tanstack/react-query';
import { Alert, Tag } from 'antd';
import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, call } from '../../common/api/client';
import { problemMessage } from '../../common/api/problem';
import { daysUntil, formatValidThrough } from '../../common/format/format';
import { usePageTitle } from '../../common/layout/usePageTitle';
import { useUnreadCount } from '../../common/notifications/useUnreadCount';
import { useSession } from '../../common/session/session';
import { DocumentFiles } from '../../common/documents/DocumentFiles';
import type { Batch, Certificate, GrowingArea, Page, Producer, Product, ScanRow } from './producer-views';
import { lastDays, ScanChart } from './ScanChart';

const SCAN_DAYS = 30;

/**
 * A card of the home page: its own loading, failure and empty states, so that one slow service hides nothing else.
 * Plain elements rather than antd's Card and List: those brought ~25 KB of compressed script to the first page a
 * phone opens (issue 17's budget) for what CSS does.
 */
function Section<T>({
  title,
  more,
  query,
  empty,
  children,
}: {
  title: string;
  /** The area's own page, where everything is. */
  more?: string;
  query: { isPending: boolean; error: unknown; data?: T[] };
  empty: string;
  children: (items: T[]) => ReactNode;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <section className="home-card" aria-labelledby={id}>
      <div className="home-card-head">
        <h2 id={id} className="card-title">
          {title}
        </h2>
        {more && <Link to={more}>{t('producerHome.seeAll')}</Link>}
      </div>
      {query.isPending ? (
        <div className="home-placeholder" role="status">
          <span aria-hidden="true" />
          <span aria-hidden="true" />
          <span className="visually-hidden">{t('common.loading')}</span>
        </div>
      ) : query.error ? (
        <Alert type="warning" showIcon title={problemMessage(t, query.error)} />
      ) : !query.data?.length ? (
        <p className="home-empty">{empty}</p>
      ) : (
        children(query.data)
      )}
    </section>
  );
}

/** One of the home page's four figures, leading to where they come from. */
function Figure({ to, label, value }: { to: string; label: string; value: number | undefined }) {
  return (
    <li>
      <Link to={to} className="home-figure">
        <span className="home-figure-label">{label}</span>
        <span className="home-figure-value">{value ?? '—'}</span>
      </Link>
    </li>
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
      {producer.data &&
        (producer.data.status === 'pending' || producer.data.status === 'pending-reverification') && (
          // The officer verifies with the papers: the producer files them here while it waits.
          <DocumentFiles
            owner={{ kind: 'producer', id: producerId }}
            editable
            intro={t('producerHome.documentsIntro')}
          />
        )}

      <ul className="home-figures">
        <Figure to="/san-pham" label={t('producerHome.products')} value={products.data?.length} />
        <Figure to="/ho-so" label={t('producerHome.certificates')} value={certificates.data?.length} />
        <Figure to="/vung-trong" label={t('producerHome.areas')} value={areas.data?.length} />
        <Figure to="/thong-bao" label={t('producerHome.unread')} value={unread} />
      </ul>

      <div className="home-grid">
        <Section
          title={t('producerHome.products')}
          more="/san-pham"
          query={products}
          empty={t('producerHome.noProducts')}
        >
          {(items) => (
            <ul className="home-list">
              {items.map((p) => (
                <li key={p.productId}>
                  <Link to={`/san-pham/${p.productId}`} className="home-item-title">
                    {productName(p)}
                  </Link>
                  <span className="home-item-detail">
                    {p.ocop ? (
                      <>
                        <span className="stars" aria-hidden="true">
                          {'★'.repeat(p.ocop.stars)}
                          {'☆'.repeat(5 - p.ocop.stars)}
                        </span>
                        <span className="visually-hidden">
                          {t('producerHome.stars', { count: p.ocop.stars })}
                        </span>
                      </>
                    ) : (
                      t('producerHome.notRated')
                    )}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Section>
        <Section
          title={t('producerHome.certificates')}
          more="/ho-so"
          query={certificates}
          empty={t('producerHome.noCertificates')}
        >
          {(items) => (
            <ul className="home-list">
              {items.map((c) => {
                const left = daysUntil(c.expiresAt.slice(0, 10));
                return (
                  <li key={c.certificateId}>
                    <span className="home-item-title">
                      {`${c.productName} · ${t('producerHome.stars', { count: c.stars })}`}
                    </span>
                    <span className="home-item-detail">
                      {t('producerHome.expires', { date: formatValidThrough(c.expiresAt), number: c.number })}
                    </span>
                    {left <= 90 && (
                      <Tag color="#ad4e00">{t('producerHome.expiresSoon', { count: left })}</Tag>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </Section>
        <Section
          title={t('producerHome.areas')}
          more="/vung-trong"
          query={areas}
          empty={t('producerHome.noAreas')}
        >
          {(items) => (
            <ul className="home-list">
              {items.map((a) => (
                <li key={a.growingAreaId}>
                  <Link to={`/vung-trong/${a.growingAreaId}`} className="home-item-title">
                    {a.name}
                  </Link>
                  <span className="home-item-detail">{a.code ?? t(`siteStatus.${a.status}`)}</span>
                </li>
              ))}
            </ul>
          )}
        </Section>
        <Section
          title={t('producerHome.batches')}
          more="/lo-hang"
          query={batches}
          empty={t('producerHome.noBatches')}
        >
          {(items) => (
            <ul className="home-list">
              {items.map((b) => (
                <li key={b.batchId}>
                  <Link to={`/lo-hang/${b.batchId}`} className="home-item-title">
                    {t('producerHome.lot', { lot: b.lot })}
                  </Link>
                  <span className="home-item-detail">{`${b.quantity} ${b.unit}`}</span>
                  <Tag>{t(`batchStatus.${b.status}`)}</Tag>
                </li>
              ))}
            </ul>
          )}
        </Section>
        <div className="home-wide">
          <Section title={t('producerHome.scansTitle')} query={scans} empty={t('producerHome.noScans')}>
            {([days]) => <ScanChart days={days} />}
          </Section>
        </div>
      </div>
    </>
  );
}
