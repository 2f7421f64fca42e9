import { Alert, Button, Card, Empty, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { problemMessage } from '../../common/api/problem';
import { formatCalendarDate, formatDateTime, formatNumber } from '../../common/format/format';
import type { Batch } from './batch-data';
import { journeyOf, type TraceEvent } from './journey';

/** What only the producer (and officers) read of a diary entry: the input used, or who received the goods. */
function PrivateDetail({ event }: { event: TraceEvent }) {
  const { t } = useTranslation();
  let text: string | undefined;
  if (typeof event['ocop:inputKind'] === 'string') {
    const unit = String(event['ocop:doseUnit'] ?? '');
    text = t('batches.journey.inputDetail', {
      kind: t(`batches.diary.inputKinds.${event['ocop:inputKind']}`, {
        defaultValue: event['ocop:inputKind'],
      }),
      name: String(event['ocop:inputName'] ?? ''),
      dose: formatNumber(Number(event['ocop:dose'] ?? 0)),
      unit: t(`batches.diary.doseUnits.${unit}`, { defaultValue: unit }),
      days: Number(event['ocop:preHarvestIntervalDays'] ?? 0),
    });
  } else if (typeof event['ocop:shipTo'] === 'string') {
    text = t('batches.journey.shipDetail', {
      to: event['ocop:shipTo'],
      where: String(event['ocop:destination'] ?? ''),
    });
  }
  if (!text) return null;
  return (
    <span className="private">
      {t('batches.journey.private')}: {text}
    </span>
  );
}

/** The batch's journey in the shopper's words and order, with the producer's own details beneath. */
export function Journey({
  batch,
  events,
}: {
  batch: Batch;
  events: { isPending: boolean; error: unknown; data?: TraceEvent[]; refetch(): unknown };
}) {
  const { t } = useTranslation();
  const steps = events.data ? journeyOf(events.data, batch.harvestDate) : [];
  return (
    <Card title={<h2 className="card-title">{t('batches.journey.title')}</h2>}>
      <p>{t('batches.journey.intro')}</p>
      {batch.status === 'open' && <p>{t('batches.journey.openNote')}</p>}
      {events.isPending ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : events.error ? (
        <Alert
          type="warning"
          showIcon
          title={problemMessage(t, events.error)}
          action={<Button onClick={() => void events.refetch()}>{t('common.retry')}</Button>}
        />
      ) : !steps.length ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('batches.journey.empty')} />
      ) : (
        <ol className="journey">
          {steps.map((s, i) => (
            <li key={`${s.at}-${i}`} className={s.corrected ? 'struck' : undefined}>
              <time className="when" dateTime={s.at}>
                {s.kind === 'date' ? formatCalendarDate(s.at) : formatDateTime(s.at)}
              </time>
              <span className="step">{t(s.label)}</span>
              {s.note && <span> ({t(s.note)})</span>}
              {s.corrected && <em> {t('batches.journey.corrected')}</em>}
              {s.event && <PrivateDetail event={s.event} />}
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
