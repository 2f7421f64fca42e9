import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Descriptions, Empty, Row, Skeleton, Tag } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, call } from '../../common/api/client';
import { ApiProblem, inLanguage, problemMessage } from '../../common/api/problem';
import { formatCalendarDate, formatNumber } from '../../common/format/format';
import { usePageTitle } from '../../common/layout/usePageTitle';
import { useSession } from '../../common/session/session';
import type { Schema } from '../../common/api/types';
import { jobRequest, labellingBlock, newRunKey, unitsRequest, type UnitRange } from './label-run';
import { LabelForm, type LabelFormValues } from './LabelForm';
import { LabelPreview } from './LabelPreview';
import { LabelRunCard, type Run } from './LabelRun';
import { TEMPLATES, type LabelFormat, type LabelJob, type TemplateId } from './templates';
import './labels.css';

type Batch = Schema<'traceability.BatchView'>;
type Product = Schema<'catalogue.ProductView'>;
type Producer = Schema<'catalogue.ProducerView'>;

/** The batch's dates a label may print, in the order a label prints them. */
const DATES = ['harvestDate', 'productionDate', 'packingDate', 'expiryDate', 'bestBeforeDate'] as const;

/** Problems the label service answers that the portal puts in its own words; others keep the service's. */
const OWN_WORDS = new Set(['batch-not-labelable', 'producer-suspended', 'product-not-active', 'not-found']);

function labelProblem(t: TFunction, problem: unknown): string {
  if (problem instanceof ApiProblem) {
    if (OWN_WORDS.has(problem.code)) return t(`labels.problems.${problem.code}`);
    // A conflict's title says only "Conflict": its detail says what is wrong.
    const detail = inLanguage(problem.detail);
    if (problem.status === 409 && detail) return detail;
  }
  return problemMessage(t, problem);
}

/**
 * The runs started on this page, kept for the browser tab (sessionStorage): the service has no list of a batch's
 * label jobs, and a reload must not lose the file of a run that is still being made. Job ids are no secret: a
 * job answers only its own producer.
 */
function useRememberedRuns(batchId: string) {
  const key = `ocop.labels.${batchId}`;
  const [runs, setRuns] = useState<Run[]>(() => {
    try {
      const saved = globalThis.sessionStorage?.getItem(key);
      return saved ? (JSON.parse(saved) as Run[]) : [];
    } catch {
      return [];
    }
  });
  useEffect(() => {
    try {
      globalThis.sessionStorage?.setItem(key, JSON.stringify(runs));
    } catch {
      // Storage full or refused: the runs stay on screen until the page is left.
    }
  }, [key, runs]);
  return [runs, setRuns] as const;
}

/**
 * Labels of one batch (issue 17): how many and on which template, one label previewed at its printed size, then
 * a background job per file with its progress, and the file to save. Each new label is a new serialised unit of
 * the batch; another file of the same labels (ZPL for a thermal printer, CSV for a printing house) reuses them.
 */
export function Component() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('labels.title'));
  const { batchId = '' } = useParams();
  const { account } = useSession();
  const producerId = account?.producerId ?? '';
  const [template, setTemplate] = useState(TEMPLATES[0]);
  const [runs, setRuns] = useRememberedRuns(batchId);
  const [busy, setBusy] = useState<{ jobId: string; format: LabelFormat }>();
  const [runProblem, setRunProblem] = useState<string>();
  // One key per quantity asked for, kept until its job has started: resending after a lost answer reuses the units.
  const pendingKey = useRef<{ quantity: number; key: string }>(undefined);
  // The new run's progress is below the form (far below on a phone): it is brought into view once it is there.
  const showNewRun = useRef(false);
  const runList = useRef<HTMLOListElement>(null);
  useEffect(() => {
    if (!showNewRun.current) return;
    showNewRun.current = false;
    runList.current?.scrollIntoView?.({ behavior: 'smooth', block: 'start' });
  }, [runs]);

  const batch = useQuery({
    queryKey: ['traceability', 'batch', batchId],
    queryFn: async () =>
      (await call(
        api.GET('/api/traceability/batches/{batchId}', { params: { path: { batchId } } }),
      )) as Batch,
  });
  const productId = batch.data?.productId ?? '';
  const product = useQuery({
    queryKey: ['catalogue', 'product', productId],
    enabled: !!productId,
    queryFn: async () =>
      (await call(
        api.GET('/api/catalogue/products/{productId}', { params: { path: { productId } } }),
      )) as Product,
  });
  const producer = useQuery({
    queryKey: ['catalogue', 'producer', producerId],
    enabled: !!producerId,
    queryFn: async () =>
      (await call(
        api.GET('/api/catalogue/producers/{producerId}', { params: { path: { producerId } } }),
      )) as Producer,
  });

  async function startJob(format: LabelFormat, layout: TemplateId, range: UnitRange): Promise<LabelJob> {
    return (await call(
      api.POST('/api/traceability/batches/{batchId}/label-jobs', {
        params: { path: { batchId } },
        body: jobRequest(format, layout, range),
      }),
    )) as LabelJob;
  }

  async function newRun(values: LabelFormValues) {
    setRunProblem(undefined);
    if (pendingKey.current?.quantity !== values.quantity) {
      pendingKey.current = { quantity: values.quantity, key: newRunKey() };
    }
    const units = await call(
      api.POST('/api/traceability/batches/{batchId}/units', {
        params: { path: { batchId }, header: { 'Idempotency-Key': pendingKey.current.key } },
        body: unitsRequest(values.quantity),
      }),
    );
    const range = { firstSeq: units.firstSeq, lastSeq: units.lastSeq };
    const job = await startJob(values.format, values.layout, range);
    pendingKey.current = undefined;
    setRuns((all) => [{ job, range }, ...all]);
    showNewRun.current = true;
  }

  async function again(run: Run, format: LabelFormat) {
    setRunProblem(undefined);
    setBusy({ jobId: run.job.jobId, format });
    try {
      const job = await startJob(format, (run.job.layout ?? TEMPLATES[0].id) as TemplateId, run.range);
      setRuns((all) => [{ ...run, job }, ...all]);
    } catch (problem) {
      setRunProblem(labelProblem(t, problem));
    } finally {
      setBusy(undefined);
    }
  }

  if (batch.isPending) {
    return (
      <>
        <h1>{t('labels.title')}</h1>
        <Skeleton active />
      </>
    );
  }
  if (batch.error || !batch.data) {
    return (
      <>
        <h1>{t('labels.title')}</h1>
        <Alert type="error" showIcon title={labelProblem(t, batch.error)} />
      </>
    );
  }

  const b = batch.data;
  const block = labellingBlock(b, product.data, producer.data);
  const productName = product.data
    ? i18n.language === 'en' && product.data.nameEn
      ? product.data.nameEn
      : product.data.nameVi
    : undefined;

  return (
    <>
      <p className="labels-back">
        <Link to={`/lo-hang/${batchId}`}>
          <ArrowLeftOutlined aria-hidden="true" /> {t('labels.back', { lot: b.lot })}
        </Link>
      </p>
      <h1>{t('labels.title')}</h1>

      <Card title={<h2 className="card-title">{t('labels.batch.title')}</h2>} className="labels-card">
        <Descriptions column={{ xs: 1, sm: 2 }} size="small">
          <Descriptions.Item label={t('labels.batch.product')}>
            {productName ?? (product.isPending ? t('common.loading') : '—')}
          </Descriptions.Item>
          <Descriptions.Item label={t('labels.batch.lot')}>{b.lot}</Descriptions.Item>
          <Descriptions.Item label={t('labels.batch.status')}>
            <Tag>{t(`batchStatus.${b.status}`)}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('labels.batch.quantity')}>
            {`${formatNumber(b.quantity)} ${t(`labels.units.${b.unit}`, { defaultValue: b.unit })}`}
          </Descriptions.Item>
          {DATES.filter((d) => b[d]).map((d) => (
            <Descriptions.Item key={d} label={t(`labels.batch.${d}`)}>
              {formatCalendarDate(b[d])}
            </Descriptions.Item>
          ))}
        </Descriptions>
        {b.status === 'open' && !block && (
          <Alert type="info" showIcon title={t('labels.batch.notReleased')} className="labels-note" />
        )}
        {product.error ? (
          <Alert type="warning" showIcon title={labelProblem(t, product.error)} className="labels-note" />
        ) : null}
      </Card>

      {block ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={t('labels.blocked.title')}
          description={
            <>
              <p className="labels-block-reason">{t(`labels.blocked.${block}`)}</p>
              {block === 'recalled' && b.recallReason && (
                <p className="labels-block-reason">
                  {t('labels.blocked.recallReason', { reason: b.recallReason })}
                </p>
              )}
            </>
          }
          className="labels-card"
        />
      ) : (
        <Row gutter={[16, 16]} className="labels-card">
          <Col xs={24} lg={14}>
            <Card title={<h2 className="card-title">{t('labels.form.title')}</h2>}>
              <LabelForm
                onSubmit={newRun}
                onTemplateChange={setTemplate}
                describeProblem={(problem) => labelProblem(t, problem)}
              />
            </Card>
          </Col>
          <Col xs={24} lg={10}>
            <Card title={<h2 className="card-title">{t('labels.preview.title')}</h2>}>
              <LabelPreview
                template={template}
                qrSrc={`/api/traceability/batches/${batchId}/qr.svg`}
                text={{
                  nameVi: product.data?.nameVi ?? '',
                  nameEn: product.data?.nameEn,
                  lot: b.lot,
                  productionDate: b.productionDate,
                  packingDate: b.packingDate,
                  expiryDate: b.expiryDate,
                  bestBeforeDate: b.bestBeforeDate,
                  stars: product.data?.ocop?.stars ?? null,
                }}
              />
              <p className="label-preview-note">{t('labels.preview.note')}</p>
            </Card>
          </Col>
        </Row>
      )}

      {/* A blocked batch with nothing printed in this tab: no list to invite new labels. */}
      {(!block || runs.length > 0) && (
        <Card title={<h2 className="card-title">{t('labels.runs.title')}</h2>} className="labels-card">
          {runProblem && (
            <Alert type="error" showIcon role="alert" title={runProblem} className="form-alert" />
          )}
          {runs.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('labels.runs.empty')} />
          ) : (
            <ol className="label-runs" ref={runList}>
              {runs.map((run) => (
                <li key={run.job.jobId}>
                  <LabelRunCard
                    run={run}
                    onAnotherFormat={(format) => void again(run, format)}
                    onRetry={() => void again(run, run.job.format)}
                    busyFormat={busy?.jobId === run.job.jobId ? busy.format : undefined}
                  />
                </li>
              ))}
            </ol>
          )}
        </Card>
      )}
    </>
  );
}
