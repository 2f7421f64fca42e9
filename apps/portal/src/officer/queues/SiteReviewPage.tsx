import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useMatch, useParams } from 'react-router';
import { GrowingAreaDetails, PackingHouseDetails } from '../../producer/areas/SiteDetails';
import type { SiteStatus } from '../../producer/areas/site-views';
import { DecisionCard, type DecisionOption } from './DecisionCard';
import { type SiteAction, type SiteKind, useProducer, useSiteDecision } from './queue-views';
import './queues.css';

/** What may follow each status (traceability's site lifecycle); every step but issuing carries a reason. */
const ACTIONS_FROM: Record<SiteStatus, SiteAction[]> = {
  pending: ['issue', 'reject'],
  issued: ['reissue', 'suspend', 'cancel'],
  suspended: ['reissue', 'cancel'],
  rejected: ['cancel'],
  cancelled: [],
};

/** Whose site it is, leading to the producer's record (and its verification, if it still waits). */
function Owner({ producerId }: { producerId: string }) {
  const { t } = useTranslation();
  const producer = useProducer(producerId);
  const p = producer.data;
  return (
    <p className="site-owner">
      {t('officerQueues.owner')}{' '}
      <Link to={`/can-bo/chu-the/${producerId}`}>{p?.name ?? t('officerQueues.ownerRecord')}</Link>{' '}
      {p && p.status !== 'verified' && (
        <Tag color="#ad4e00">{t(`officerQueues.producerStatus.${p.status}`)}</Tag>
      )}
    </p>
  );
}

function Decision({ kind, id, status }: { kind: SiteKind; id: string; status: SiteStatus }) {
  const { t } = useTranslation();
  const decide = useSiteDecision(kind, id);
  const options: DecisionOption<SiteAction>[] = ACTIONS_FROM[status].map((action) => ({
    action,
    label: t(`officerQueues.siteAction.${action}`),
    needsReason: action !== 'issue',
    // The step the request waits for: issuing a pending code, or restoring a suspended one.
    primary: action === 'issue' || (action === 'reissue' && status === 'suspended'),
    danger: action === 'reject' || action === 'cancel',
  }));
  return (
    <DecisionCard
      title={t('officerQueues.decision')}
      options={options}
      pending={decide.isPending}
      onDecide={(action, reason) => decide.mutateAsync({ action, reason })}
    />
  );
}

/**
 * A growing area or packing house as the reviewing officer sees it: the producer's request (map, details, history)
 * with whose it is and the decision the status allows. Issuing allocates the code; the page then shows it.
 */
export function Component() {
  const { siteId = '' } = useParams();
  const house = useMatch('/can-bo/co-so-dong-goi/:siteId');
  if (house)
    return (
      <PackingHouseDetails
        id={siteId}
        backTo="/can-bo"
        actions={(h) => (
          <>
            <Owner producerId={h.producerId} />
            <Decision kind="packing-house" id={siteId} status={h.status} />
          </>
        )}
      />
    );
  return (
    <GrowingAreaDetails
      id={siteId}
      backTo="/can-bo"
      actions={(a) => (
        <>
          <Owner producerId={a.producerId} />
          <Decision kind="growing-area" id={siteId} status={a.status} />
        </>
      )}
    />
  );
}
