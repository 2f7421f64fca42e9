import { Alert, Descriptions, Grid, Skeleton, Tag } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiProblem, problemMessage } from '../../common/api/problem';
import { DocumentFiles } from '../../common/documents/DocumentFiles';
import { formatDateTime } from '../../common/format/format';
import { ScrollBox } from '../../common/layout/ScrollBox';
import { usePageTitle } from '../../common/layout/usePageTitle';
import { DecisionCard, type DecisionOption } from './DecisionCard';
import { ProducerPeople } from './ProducerPeople';
import { type Producer, useProducer, useProducerDecision } from './queue-views';
import './queues.css';

type Identity = Pick<Producer, 'name' | 'tradingName' | 'nameEn' | 'type' | 'taxCode' | 'address'> & {
  legalRepresentative: { fullName?: string; position?: string };
};

const STATUS_COLOR: Record<Producer['status'], string> = {
  pending: '#0958d9',
  verified: '#1f6f43',
  'pending-reverification': '#ad4e00',
  suspended: '#cf1322',
};

/** The identity fields an officer checks against the papers, in the order of the registration form. */
function identityRows(
  t: (key: string) => string,
  p: Identity,
): { key: string; label: string; value: ReactNode }[] {
  const address = [p.address.street, p.address.communeName, p.address.districtName]
    .filter(Boolean)
    .join(', ');
  return [
    { key: 'name', label: t('officerQueues.field.name'), value: p.name },
    { key: 'tradingName', label: t('officerQueues.field.tradingName'), value: p.tradingName },
    { key: 'nameEn', label: t('officerQueues.field.nameEn'), value: p.nameEn },
    { key: 'type', label: t('officerQueues.field.type'), value: t(`producerType.${p.type}`) },
    { key: 'taxCode', label: t('officerQueues.field.taxCode'), value: p.taxCode },
    {
      key: 'legalRepresentative',
      label: t('officerQueues.field.legalRepresentative'),
      value: [p.legalRepresentative.fullName, p.legalRepresentative.position].filter(Boolean).join(' · '),
    },
    { key: 'address', label: t('officerQueues.field.address'), value: address },
  ];
}

/**
 * A producer waiting for the territory's officer: what it registered (or, for a verified producer, what it asks to
 * change beside what was verified, changed fields marked), how to reach it, and the decision.
 */
export function Component() {
  const { t } = useTranslation();
  const { producerId = '' } = useParams();
  const producer = useProducer(producerId);
  const decision = useProducerDecision(producerId);
  const wide = Grid.useBreakpoint().sm ?? false;
  const p = producer.data;
  usePageTitle(p?.pendingChange?.name ?? p?.name ?? t('officerQueues.producerTitle'));
  const back = <Link to="/can-bo">← {t('officerQueues.back')}</Link>;

  if (producer.isPending)
    return (
      <>
        {back}
        <Skeleton active title paragraph={{ rows: 6 }} />
      </>
    );
  if (producer.error || !p)
    return (
      <>
        {back}
        <h1>{t('officerQueues.producerTitle')}</h1>
        <Alert
          type="warning"
          showIcon
          title={
            producer.error instanceof ApiProblem && producer.error.status === 404
              ? t('officerQueues.producerNotFound')
              : problemMessage(t, producer.error)
          }
        />
      </>
    );

  const change = p.status === 'pending-reverification' ? p.pendingChange : undefined;
  const current = identityRows(t, p as Identity);
  const requested = change ? identityRows(t, change as unknown as Identity) : undefined;
  const changed = new Set(change?.changed ?? []);
  const isChanged = (key: string) => changed.has(key);
  const contact = p.contact as { phone?: string; email?: string; website?: string };

  const options: DecisionOption<'verify' | 'reject-change'>[] =
    p.status === 'pending'
      ? [{ action: 'verify', label: t('officerQueues.verify'), needsReason: false, primary: true }]
      : change
        ? [
            { action: 'verify', label: t('officerQueues.acceptChange'), needsReason: false, primary: true },
            {
              action: 'reject-change',
              label: t('officerQueues.rejectChange'),
              needsReason: true,
              danger: true,
            },
          ]
        : [];

  return (
    <>
      {back}
      <div className="page-head page-head-status">
        <h1>{change?.name ?? p.name}</h1>
        <Tag color={STATUS_COLOR[p.status]}>{t(`officerQueues.producerStatus.${p.status}`)}</Tag>
      </div>
      {decision.isSuccess && (
        <Alert
          type="success"
          showIcon
          role="status"
          className="decision-done"
          title={t(
            decision.variables?.kind === 'verify' ? 'officerQueues.verified' : 'officerQueues.changeRejected',
          )}
          action={<Link to="/can-bo">{t('officerQueues.back')}</Link>}
        />
      )}
      {p.statusReason && p.status !== 'pending' && (
        <Alert
          type="info"
          showIcon
          className="decision-done"
          title={t('officerQueues.lastReason', { reason: p.statusReason })}
        />
      )}
      {requested ? (
        <section aria-labelledby="identity-change" className="panel">
          <h2 id="identity-change">{t('officerQueues.identityChange')}</h2>
          <p>{t('officerQueues.identityChangeIntro', { date: formatDateTime(change?.requestedAt ?? '') })}</p>
          <ScrollBox labelledBy="identity-change">
            <table className="change-table">
              <thead>
                <tr>
                  <th scope="col">{t('officerQueues.fieldColumn')}</th>
                  <th scope="col">{t('officerQueues.verifiedColumn')}</th>
                  <th scope="col">{t('officerQueues.requestedColumn')}</th>
                </tr>
              </thead>
              <tbody>
                {requested.map((row, i) => (
                  <tr key={row.key} className={isChanged(row.key) ? 'changed' : undefined}>
                    <th scope="row">
                      {row.label}
                      {isChanged(row.key) && (
                        <span className="change-mark"> ({t('officerQueues.changed')})</span>
                      )}
                    </th>
                    <td>{current[i].value || '—'}</td>
                    <td>{row.value || '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollBox>
        </section>
      ) : (
        <section aria-labelledby="identity" className="panel">
          <h2 id="identity">{t('officerQueues.identity')}</h2>
          <Descriptions
            column={1}
            size="small"
            layout={wide ? 'horizontal' : 'vertical'}
            items={current
              .filter((row) => row.value)
              .map((row) => ({ key: row.key, label: row.label, children: row.value }))}
          />
        </section>
      )}
      <section aria-labelledby="contact" className="panel">
        <h2 id="contact">{t('officerQueues.contact')}</h2>
        <Descriptions
          column={1}
          size="small"
          layout={wide ? 'horizontal' : 'vertical'}
          items={[
            { key: 'phone', label: t('officerQueues.field.phone'), children: contact.phone },
            { key: 'email', label: t('officerQueues.field.email'), children: contact.email },
            { key: 'website', label: t('officerQueues.field.website'), children: contact.website },
            {
              key: 'createdAt',
              label: t('officerQueues.field.registeredAt'),
              children: formatDateTime(p.createdAt),
            },
          ].filter((item) => item.children)}
        />
      </section>
      <DocumentFiles
        owner={{ kind: 'producer', id: producerId }}
        editable={false}
        intro={t('officerQueues.documentsIntro')}
      />
      <DecisionCard
        title={t('officerQueues.decision')}
        options={options}
        pending={decision.isPending}
        onDecide={(action, text) =>
          decision.mutateAsync(
            action === 'verify'
              ? { kind: 'verify', note: text }
              : { kind: 'reject-change', reason: text ?? '' },
          )
        }
      />
      <ProducerPeople producerId={producerId} />
    </>
  );
}
