import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Progress, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../common/api/client';
import { ApiProblem, inLanguage } from '../../common/api/problem';
import { formatDateTime, formatNumber } from '../../common/format/format';
import { isFinished, progressOf, type UnitRange } from './label-run';
import { useTemplateName } from './LabelForm';
import { FORMATS, templateOf, TEMPLATES, type LabelFormat, type LabelJob } from './templates';

/** How often a running job is asked where it stands: a 500-label run takes a few seconds. */
export const POLL_MS = 1000;

/** What the portal says when a job failed: the service's own words for its problem, in the person's language. */
function failure(t: (key: string) => string, error: unknown): string {
  const problem = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return inLanguage(text(problem['detail'])) ?? inLanguage(text(problem['title'])) ?? t('labels.run.failed');
}

/** A job of the page: its file, and the units it prints (the same units may be printed in several files). */
export interface Run {
  job: LabelJob;
  range: UnitRange;
}

/**
 * One job as a person follows it: waiting, then a progress bar with labels made out of the total, then the file to
 * save (a plain link with `download`, so the browser saves it however large), or the reason it failed.
 */
export function RunStatus({
  job,
  range,
  templateName,
  onAnotherFormat,
  onRetry,
  busyFormat,
}: {
  job: LabelJob;
  range: UnitRange;
  templateName: string;
  onAnotherFormat?: (format: LabelFormat) => void;
  onRetry?: () => void;
  busyFormat?: LabelFormat;
}) {
  const { t } = useTranslation();
  const progress = progressOf(job);
  const count = range.lastSeq - range.firstSeq + 1;
  const format = t(`labels.format.${job.format}.short`);
  const status =
    progress.state === 'queued'
      ? t('labels.run.queued')
      : progress.state === 'running'
        ? t('labels.run.running', {
            done: formatNumber(progress.done),
            total: formatNumber(progress.total ?? count),
          })
        : progress.state === 'done'
          ? t('labels.run.done', { count, total: formatNumber(count) })
          : failure(t, job.error);

  return (
    <div className="label-run">
      <p className="label-run-title">
        {t('labels.run.title', { total: formatNumber(count), count, template: templateName, format })}
      </p>
      <p className="label-run-meta">
        {t('labels.run.meta', {
          first: formatNumber(range.firstSeq),
          last: formatNumber(range.lastSeq),
          at: formatDateTime(job.createdAt),
        })}
      </p>
      {progress.state === 'failed' ? (
        <Alert
          type="error"
          showIcon
          title={status}
          action={
            onRetry && (
              <Button size="small" onClick={onRetry}>
                {t('common.retry')}
              </Button>
            )
          }
        />
      ) : (
        <>
          <Progress
            percent={progress.percent ?? 0}
            status={progress.state === 'done' ? 'success' : 'active'}
            aria-label={t('labels.run.progressName', { format })}
            showInfo={false}
          />
          <p className="label-run-status" role="status">
            {status}
          </p>
        </>
      )}
      {progress.state === 'done' && job.outputUrl && (
        <Space wrap>
          <Button
            type="primary"
            icon={<DownloadOutlined aria-hidden="true" />}
            href={`/api/traceability${job.outputUrl}`}
            // Saved, not opened: the file is named by the service (labels-<job>.<format>).
            download
          >
            {t('labels.run.download', { format })}
          </Button>
          {onAnotherFormat &&
            FORMATS.filter((f) => f !== job.format).map((f) => (
              <Button key={f} onClick={() => onAnotherFormat(f)} loading={busyFormat === f}>
                {t('labels.run.alsoAs', { format: t(`labels.format.${f}.short`) })}
              </Button>
            ))}
        </Space>
      )}
    </div>
  );
}

/** A job followed until it ends: asked every POLL_MS while queued or running, then left alone. */
export function LabelRunCard({
  run,
  onAnotherFormat,
  onRetry,
  busyFormat,
}: {
  run: Run;
  onAnotherFormat: (format: LabelFormat) => void;
  onRetry: () => void;
  busyFormat?: LabelFormat;
}) {
  const { t } = useTranslation();
  const templateName = useTemplateName();
  const jobId = run.job.jobId;
  const query = useQuery({
    queryKey: ['traceability', 'label-job', jobId],
    queryFn: async () =>
      (await call(
        api.GET('/api/traceability/label-jobs/{jobId}', { params: { path: { jobId } } }),
      )) as LabelJob,
    initialData: run.job,
    // The answer of the start is already old when it arrives: ask at once, then every POLL_MS until the end.
    initialDataUpdatedAt: 0,
    refetchInterval: (q) => (isFinished(q.state.data) ? false : POLL_MS),
  });
  return (
    <>
      <RunStatus
        job={query.data}
        range={run.range}
        templateName={templateName(templateOf(run.job.layout) ?? TEMPLATES[0])}
        onAnotherFormat={onAnotherFormat}
        onRetry={onRetry}
        busyFormat={busyFormat}
      />
      {query.error && !isFinished(query.data) ? (
        <Alert
          type="warning"
          showIcon
          title={
            query.error instanceof ApiProblem && query.error.status === 0
              ? t('problems.network-unreachable')
              : t('labels.run.lostTrack')
          }
        />
      ) : null}
    </>
  );
}
