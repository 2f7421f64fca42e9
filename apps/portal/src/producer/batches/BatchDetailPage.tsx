import { PrinterOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, message as antMessage, Popconfirm, Skeleton } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, call } from '../../common/api/client';
import { ApiProblem, problemMessage } from '../../common/api/problem';
import { formatCalendarDate, formatDateTime } from '../../common/format/format';
import { LinkButton } from '../../common/layout/LinkButton';
import { usePageTitle } from '../../common/layout/usePageTitle';
import { type Batch, batchKeys, productName, useMyProducts } from './batch-data';
import { batchClass } from './diary-events';
import { FarmDiary } from './FarmDiary';
import type { TraceEvent } from './journey';
import { Journey } from './Journey';
import { RecallDialog } from './RecallDialog';
import { StatusTag } from './StatusTag';
import './batches.css';

/** The lot's events, oldest first: everything recorded about it as a lot (its class), by anyone allowed to. */
function useBatchEvents(batch: Batch | undefined) {
  return useQuery({
    queryKey: batchKeys.events(batch?.batchId ?? ''),
    enabled: !!batch,
    queryFn: async () => {
      const document = (await call(
        api.GET('/api/traceability/events', {
          params: {
            query: {
              MATCH_anyEPCClass: batchClass(batch as Batch),
              orderBy: 'eventTime',
              orderDirection: 'ASC',
              perPage: '1000',
            },
          },
        }),
      )) as unknown as { epcisBody?: { queryResults?: { resultsBody?: { eventList?: TraceEvent[] } } } };
      return document.epcisBody?.queryResults?.resultsBody?.eventList ?? [];
    },
  });
}

/**
 * One batch: its facts and status in words, release and recall, the way to its labels and to the shopper's page, the
 * farm diary and the journey as a shopper will read it.
 */
export function Component() {
  const { t, i18n } = useTranslation();
  const { batchId = '' } = useParams();
  const queryClient = useQueryClient();
  const [message, messageHolder] = antMessage.useMessage();
  const [actionProblem, setActionProblem] = useState<string>();
  const [recalling, setRecalling] = useState(false);
  const [releasing, setReleasing] = useState(false);

  const batch = useQuery({
    queryKey: batchKeys.one(batchId),
    queryFn: async () =>
      (await call(
        api.GET('/api/traceability/batches/{batchId}', { params: { path: { batchId } } }),
      )) as Batch,
  });
  const products = useMyProducts();
  const events = useBatchEvents(batch.data);
  const b = batch.data;
  usePageTitle(b ? t('batches.lot', { lot: b.lot }) : t('batches.title'));

  const changed = async (updated: Batch, text: string) => {
    queryClient.setQueryData(batchKeys.one(batchId), updated);
    await queryClient.invalidateQueries({ queryKey: batchKeys.all });
    void message.success(text);
  };

  async function release() {
    setActionProblem(undefined);
    setReleasing(true);
    try {
      const updated = (await call(
        api.POST('/api/traceability/batches/{batchId}/release', { params: { path: { batchId } } }),
      )) as Batch;
      await changed(updated, t('batches.detail.released'));
    } catch (problem) {
      setActionProblem(problemMessage(t, problem));
    } finally {
      setReleasing(false);
    }
  }

  if (batch.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (batch.error || !b) {
    const missing = batch.error instanceof ApiProblem && batch.error.status === 404;
    return (
      <>
        <h1>{t('batches.title')}</h1>
        <Alert
          type={missing ? 'warning' : 'error'}
          showIcon
          title={missing ? t('batches.detail.notFound') : problemMessage(t, batch.error)}
          action={
            missing ? undefined : <Button onClick={() => void batch.refetch()}>{t('common.retry')}</Button>
          }
        />
        <p>
          <Link to="/lo-hang">{t('batches.detail.back')}</Link>
        </p>
      </>
    );
  }

  const product = products.data?.find((p) => p.productId === b.productId);

  return (
    <>
      {messageHolder}
      <p>
        <Link to="/lo-hang">{t('batches.detail.back')}</Link>
      </p>
      <div className="page-head page-head-status">
        <h1>{t('batches.lot', { lot: b.lot })}</h1>
        <StatusTag status={b.status} />
      </div>
      {b.status === 'open' && (
        <Alert type="info" showIcon title={t('batches.detail.openHelp')} className="form-alert" />
      )}
      {b.status === 'recalled' && (
        <Alert type="error" showIcon title={t('batches.detail.recalledNotice')} className="form-alert" />
      )}
      {actionProblem && (
        <Alert type="error" showIcon role="alert" title={actionProblem} className="form-alert" />
      )}
      <div className="batches-actions">
        {b.status === 'open' && (
          <Popconfirm
            title={t('batches.detail.releaseConfirm', { lot: b.lot })}
            okText={t('common.yes')}
            cancelText={t('common.no')}
            onConfirm={release}
          >
            <Button type="primary" loading={releasing}>
              {t('batches.detail.release')}
            </Button>
          </Popconfirm>
        )}
        {b.status !== 'recalled' && (
          <LinkButton to={`/lo-hang/${b.batchId}/tem`} icon={<PrinterOutlined aria-hidden="true" />}>
            {t('batches.detail.printLabels')}
          </LinkButton>
        )}
        {b.status !== 'open' && (
          <Button
            href={b.digitalLink}
            target="_blank"
            rel="noopener"
            title={t('batches.detail.viewAsShopperHelp')}
          >
            {t('batches.detail.viewAsShopper')}
          </Button>
        )}
        {b.status !== 'recalled' && (
          <Button danger onClick={() => setRecalling(true)}>
            {t('batches.detail.recall')}
          </Button>
        )}
      </div>

      <Card title={<h2 className="card-title">{t('batches.detail.facts')}</h2>} className="form-alert">
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('batches.detail.product')}>
            {productName(product, i18n.language) ?? (products.isPending ? '…' : t('batches.unknownProduct'))}
          </Descriptions.Item>
          <Descriptions.Item label={t('batches.detail.quantity')}>
            {b.quantity} {t(`batches.units.${b.unit}`, { defaultValue: b.unit })}
          </Descriptions.Item>
          <Descriptions.Item label={t('batches.detail.status')}>
            {t(`batches.status.${b.status}`)}
          </Descriptions.Item>
          {(['harvestDate', 'productionDate', 'packingDate', 'expiryDate', 'bestBeforeDate'] as const)
            .filter((d) => b[d])
            .map((d) => (
              <Descriptions.Item key={d} label={t(`batches.create.${d}`)}>
                {formatCalendarDate(b[d])}
              </Descriptions.Item>
            ))}
          {b.growingAreas.length > 0 && (
            <Descriptions.Item label={t('batches.detail.growingAreas')}>
              {b.growingAreas.map((a) => a.code).join(', ')}
            </Descriptions.Item>
          )}
          {b.packingHouse && (
            <Descriptions.Item label={t('batches.detail.packingHouse')}>
              {b.packingHouse.code}
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('batches.detail.createdAt')}>
            {formatDateTime(b.createdAt)}
          </Descriptions.Item>
          {b.releasedAt && (
            <Descriptions.Item label={t('batches.detail.releasedAt')}>
              {formatDateTime(b.releasedAt)}
            </Descriptions.Item>
          )}
          {b.recalledAt && (
            <Descriptions.Item label={t('batches.detail.recalledAt')}>
              {formatDateTime(b.recalledAt)}
            </Descriptions.Item>
          )}
          {b.recallReason && (
            <Descriptions.Item label={t('batches.detail.recallReason')}>{b.recallReason}</Descriptions.Item>
          )}
          <Descriptions.Item label={t('batches.detail.link')}>
            <span className="batch-link">{b.digitalLink}</span>
          </Descriptions.Item>
        </Descriptions>
      </Card>

      <FarmDiary batch={b} events={events.data ?? []} />
      <Journey batch={b} events={events} />

      <RecallDialog
        batch={b}
        open={recalling}
        onClose={() => setRecalling(false)}
        onRecalled={(updated) => {
          setRecalling(false);
          void changed(updated, t('batches.detail.recalled'));
          void queryClient.invalidateQueries({ queryKey: batchKeys.events(batchId) });
        }}
      />
    </>
  );
}
