import { Alert, Button, Skeleton, Tag } from 'antd';
import { type ReactNode, useId } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { problemMessage } from '../../common/api/problem';
import { formatDate, formatNumber } from '../../common/format/format';
import { usePageTitle } from '../../common/layout/usePageTitle';
import { useSession } from '../../common/session/session';
import { ReportStatusTag } from '../reports/ReportPage';
import { useOpenReports } from '../reports/report-views';
import {
  type Producer,
  useDossiersToCheck,
  useGrowingAreaRequests,
  usePackingHouseRequests,
  useProducersWithStatus,
  useRecallsInForce,
} from './queue-views';
import './queues.css';

interface QueueQuery {
  isPending: boolean;
  error: unknown;
  refetch: () => unknown;
  hasNextPage?: boolean;
  fetchNextPage?: () => unknown;
  isFetchingNextPage?: boolean;
}

interface Row {
  id: string;
  /** Where the officer acts on it; a row only to know of (a recall in force) has none. */
  href?: string;
  title: string;
  tag?: ReactNode;
  lines: string[];
}

/** One queue: its heading with how many wait, then the requests, each leading to where the officer decides. */
function Queue({
  title,
  queries,
  rows,
  empty,
  counted = 'waiting',
}: {
  title: string;
  queries: QueueQuery[];
  rows: Row[];
  empty: string;
  /** How the heading counts the rows: waiting for a decision, or in force. */
  counted?: 'waiting' | 'inForce';
}) {
  const { t } = useTranslation();
  const id = useId();
  const failed = queries.find((q) => q.error);
  const more = queries.filter((q) => q.hasNextPage);
  const loading = queries.some((q) => q.isPending);
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>
        {title}
        {!loading && (
          <span className="queue-count">
            {' '}
            {t(`officerQueues.${counted}`, { count: rows.length, more: more.length ? '+' : '' })}
          </span>
        )}
      </h2>
      {loading ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : failed ? (
        <Alert
          type="warning"
          showIcon
          title={problemMessage(t, failed.error)}
          action={<Button onClick={() => queries.forEach((q) => q.refetch())}>{t('common.retry')}</Button>}
        />
      ) : rows.length === 0 ? (
        <p className="muted queue-empty">{empty}</p>
      ) : (
        <ul className="item-list">
          {rows.map((row) => (
            <li key={row.id}>
              <div className="item-head">
                {row.href ? <Link to={row.href}>{row.title}</Link> : <span>{row.title}</span>}
                {row.tag}
              </div>
              {row.lines.filter(Boolean).map((line) => (
                <div key={line} className="muted">
                  {line}
                </div>
              ))}
            </li>
          ))}
        </ul>
      )}
      {more.length > 0 && (
        <Button
          block
          onClick={() => more.forEach((q) => q.fetchNextPage?.())}
          loading={more.some((q) => q.isFetchingNextPage)}
        >
          {t('officerQueues.loadMore')}
        </Button>
      )}
    </section>
  );
}

/** Since when a producer waits for the officer: its identity change, or else its registration. */
const waitingSince = (p: Producer): string =>
  (p.status === 'pending-reverification' && p.pendingChange?.requestedAt) || p.createdAt;

function producerRow(t: TFunction, p: Producer): Row {
  const change = p.status === 'pending-reverification' && p.pendingChange;
  const place = [p.address.communeName, p.address.districtName].filter(Boolean).join(', ');
  return {
    id: p.producerId,
    href: `/can-bo/chu-the/${p.producerId}`,
    title: change ? change.name : p.name,
    tag: (
      <Tag color={change ? '#ad4e00' : '#0958d9'}>
        {t(change ? 'officerQueues.changedIdentity' : 'officerQueues.newProducer')}
      </Tag>
    ),
    lines: [
      [t(`producerType.${p.type}`), place].filter(Boolean).join(' · '),
      change
        ? t('officerQueues.changeRequestedOn', { date: formatDate(change.requestedAt) })
        : t('officerQueues.registeredOn', { date: formatDate(p.createdAt) }),
    ],
  };
}

/**
 * The officer's desk: who and what waits for a decision in the territory — producers to verify (new ones, and
 * verified ones whose identity changed), growing areas and packing houses waiting for a code, OCOP dossiers to
 * check, consumers' reports to triage — and the recalls in force, to know of.
 */
export function Component() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('officerQueues.title'));
  const { account } = useSession();
  const newProducers = useProducersWithStatus('pending');
  const changedProducers = useProducersWithStatus('pending-reverification');
  const areas = useGrowingAreaRequests();
  const houses = usePackingHouseRequests();
  const dossiers = useDossiersToCheck();
  const reports = useOpenReports();
  const recalls = useRecallsInForce();
  const language = i18n.language;

  // Both lists come oldest first; merged, the producer that has waited longest stays on top.
  const producers = [
    ...(changedProducers.data?.pages ?? []).flatMap((p) => p.items),
    ...(newProducers.data?.pages ?? []).flatMap((p) => p.items),
  ]
    .sort((a, b) => waitingSince(a).localeCompare(waitingSince(b)))
    .map((p) => producerRow(t, p));
  const areaRows: Row[] = (areas.data?.pages ?? []).flatMap((p) =>
    p.items.map((a) => ({
      id: a.growingAreaId,
      href: `/can-bo/vung-trong/${a.growingAreaId}`,
      title: a.name,
      lines: [
        a.facilityName,
        t('officerQueues.areaSummary', {
          crop: `${a.crop} ${a.variety}`.trim(),
          area: formatNumber(a.areaHa),
        }),
        t('officerQueues.registeredOn', { date: formatDate(a.createdAt) }),
      ],
    })),
  );
  const houseRows: Row[] = (houses.data?.pages ?? []).flatMap((p) =>
    p.items.map((h) => ({
      id: h.packingHouseId,
      href: `/can-bo/co-so-dong-goi/${h.packingHouseId}`,
      title: h.name,
      lines: [h.products.join(', '), t('officerQueues.registeredOn', { date: formatDate(h.createdAt) })],
    })),
  );

  const dossierRows: Row[] = (dossiers.data ?? []).map((d) => ({
    id: d.dossierId,
    href: `/can-bo/dot-danh-gia/ho-so/${d.dossierId}`,
    title: d.productName,
    lines: [d.submittedAt ? t('officerQueues.submittedOn', { date: formatDate(d.submittedAt) }) : ''],
  }));
  const reportRows: Row[] = (reports.data ?? []).map((r) => ({
    id: r.reportId,
    href: `/phan-anh/${r.reportId}`,
    title: t(`reports.category.${r.category}`),
    tag: <ReportStatusTag status={r.status} />,
    lines: [
      (r.product ? (language === 'en' ? r.product.nameEn : r.product.nameVi) : null) ?? r.gtin,
      r.message.length > 120 ? `${r.message.slice(0, 120)}…` : r.message,
      t('officerQueues.registeredOn', { date: formatDate(r.filedAt) }),
    ],
  }));
  const recallRows: Row[] = (recalls.batches.data ?? []).map((b) => {
    const product = recalls.names.get(b.productId);
    return {
      id: b.batchId,
      title: `${(language === 'en' ? product?.nameEn : undefined) ?? product?.nameVi ?? b.productId} · ${t('officerQueues.lot', { lot: b.lot })}`,
      lines: [
        b.recalledAt ? t('officerQueues.recalledOn', { date: formatDate(b.recalledAt) }) : '',
        b.recallReason ?? '',
      ],
    };
  });

  return (
    <>
      <h1>{t('officerQueues.title')}</h1>
      <p>{t('officerQueues.intro', { who: account?.displayName ?? '' })}</p>
      <Queue
        title={t('officerQueues.producers')}
        queries={[changedProducers, newProducers]}
        rows={producers}
        empty={t('officerQueues.noProducers')}
      />
      <Queue
        title={t('officerQueues.growingAreas')}
        queries={[areas]}
        rows={areaRows}
        empty={t('officerQueues.noGrowingAreas')}
      />
      <Queue
        title={t('officerQueues.packingHouses')}
        queries={[houses]}
        rows={houseRows}
        empty={t('officerQueues.noPackingHouses')}
      />
      <Queue
        title={t('officerQueues.dossiers')}
        queries={[dossiers]}
        rows={dossierRows}
        empty={t('officerQueues.noDossiers')}
      />
      <Queue
        title={t('officerQueues.reports')}
        queries={[reports]}
        rows={reportRows}
        empty={t('officerQueues.noReports')}
      />
      <Queue
        title={t('officerQueues.recalls')}
        queries={[recalls.batches]}
        rows={recallRows}
        empty={t('officerQueues.noRecalls')}
        counted="inForce"
      />
    </>
  );
}
