import { Alert, Card, Empty, Skeleton, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { problemMessage } from '../../common/api/problem';
import { formatDateTime } from '../../common/format/format';
import type { SiteHistoryEntry, SiteStatus } from './site-views';

const STATUS_COLOR: Record<SiteStatus, string> = {
  pending: '#0958d9',
  issued: '#1f6f43',
  rejected: '#cf1322',
  suspended: '#ad4e00',
  cancelled: '#595959',
};

const KNOWN_ACTIONS = [
  'registered',
  'amended',
  'issue',
  'reissue',
  'reject',
  'suspend',
  'cancel',
  'export-code-added',
];

export function SiteStatusTag({ status }: { status: SiteStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOR[status]}>{t(`areas.status.${status}`)}</Tag>;
}

/**
 * Where a request stands, in words: the issued code first and large, with a copy button (it goes on batch records
 * and export papers); otherwise what the officer decided and why (the latest reason in the history).
 */
export function SiteStanding({
  status,
  code,
  history,
}: {
  status: SiteStatus;
  code?: string;
  history?: SiteHistoryEntry[];
}) {
  const { t } = useTranslation();
  const reason = [...(history ?? [])].reverse().find((h) => h.status === status && h.reason)?.reason;
  const detail = t(`areas.statusDetail.${status}`, { reason: reason ?? t('areas.noReason') });
  return (
    <Card className="areas-card">
      {code && status !== 'cancelled' ? (
        <>
          <p>{t('areas.code')}</p>
          <Typography.Paragraph
            className="areas-code"
            copyable={{ text: code, tooltips: [t('areas.copy'), t('areas.copied')] }}
          >
            {code}
          </Typography.Paragraph>
        </>
      ) : null}
      <Alert
        type={status === 'issued' ? 'success' : status === 'pending' ? 'info' : 'warning'}
        showIcon
        title={t(`areas.status.${status}`)}
        description={detail}
        className="areas-map-note"
      />
    </Card>
  );
}

/** The review steps, oldest first, each with its time in Viet Nam. */
export function SiteHistoryList({
  query,
}: {
  query: { isPending: boolean; error: unknown; data?: SiteHistoryEntry[] };
}) {
  const { t } = useTranslation();
  return (
    <Card title={<h2>{t('areas.history')}</h2>} className="areas-card">
      {query.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : query.error ? (
        <Alert type="warning" showIcon title={problemMessage(t, query.error)} />
      ) : !query.data?.length ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('areas.noHistory')} />
      ) : (
        <Timeline
          items={query.data.map((h, i) => ({
            key: `${h.at}-${i}`,
            color: STATUS_COLOR[h.status],
            content: (
              <div>
                <strong>{t(`areas.action.${KNOWN_ACTIONS.includes(h.action) ? h.action : 'other'}`)}</strong>
                {' · '}
                <time dateTime={h.at}>{formatDateTime(h.at)}</time>
                {h.code && <div>{t('areas.historyCode', { code: h.code })}</div>}
                {h.reason && <div>{t('areas.historyReason', { reason: h.reason })}</div>}
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}
