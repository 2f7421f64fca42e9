import { Alert, Card, Descriptions, Grid, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiProblem, problemMessage } from '../../common/api/problem';
import type { Boundary, PointGeometry } from './geometry';
import { MapPreview } from './MapPreview';
import { SiteHistoryList, SiteStanding, SiteStatusTag } from './SiteParts';
import type { SiteHistoryEntry, SiteStatus } from './site-views';
import './areas.css';

export interface SiteSummary {
  name: string;
  status: SiteStatus;
  code?: string;
  boundary?: Boundary;
  point?: PointGeometry;
  exportCodes: { scheme: string; code: string; importingCountry: string }[];
  details: { label: string; value: ReactNode }[];
}

/** One growing area or packing house: its code or where the request stands, the review history, its details. */
export function SitePage({
  query,
  history,
  summary,
  backTo,
  actions,
  documents,
}: {
  query: { isPending: boolean; error: unknown };
  history: { isPending: boolean; error: unknown; data?: SiteHistoryEntry[] };
  summary?: SiteSummary;
  backTo: string;
  /** What the reader may do with the site, shown under where it stands (an officer's decision). */
  actions?: ReactNode;
  /** The request's papers, beside its details. */
  documents?: ReactNode;
}) {
  const { t } = useTranslation();
  // Labels beside their values need room; on a phone each label goes above its value.
  const wide = Grid.useBreakpoint().sm ?? false;
  const back = <Link to={backTo}>← {t('areas.back')}</Link>;
  if (query.isPending)
    return (
      <>
        {back}
        <Skeleton active title paragraph={{ rows: 6 }} />
      </>
    );
  if (query.error || !summary)
    return (
      <>
        {back}
        <h1>{t('areas.title')}</h1>
        <Alert
          type="warning"
          showIcon
          title={
            query.error instanceof ApiProblem && query.error.status === 404
              ? t('areas.notFound')
              : problemMessage(t, query.error)
          }
        />
      </>
    );
  return (
    <>
      {back}
      <div className="page-head page-head-status">
        <h1>{summary.name}</h1>
        <SiteStatusTag status={summary.status} />
      </div>
      <SiteStanding status={summary.status} code={summary.code} history={history.data} />
      {actions}
      <SiteHistoryList query={history} />
      <Card title={<h2>{t('areas.location')}</h2>} className="areas-card">
        {summary.boundary || summary.point ? (
          <MapPreview boundary={summary.boundary} point={summary.point} />
        ) : (
          <p>{t('areas.noLocation')}</p>
        )}
      </Card>
      <Card title={<h2>{t('areas.details')}</h2>} className="areas-card">
        <Descriptions
          column={1}
          size="small"
          layout={wide ? 'horizontal' : 'vertical'}
          items={[
            ...summary.details,
            ...(summary.exportCodes.length
              ? [
                  {
                    label: t('areas.exportCodes'),
                    value: summary.exportCodes
                      .map((e) =>
                        t('areas.exportCode', {
                          scheme: e.scheme,
                          code: e.code,
                          country: e.importingCountry,
                        }),
                      )
                      .join('; '),
                  },
                ]
              : []),
          ].map((d, i) => ({ key: String(i), label: d.label, children: d.value }))}
        />
      </Card>
      {documents}
    </>
  );
}
