import { Alert, Button, Form, Popconfirm, Skeleton } from 'antd';
import type { TFunction } from 'i18next';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiProblem, problemMessage } from '../../common/api/problem';
import { formatDateTime } from '../../common/format/format';
import { ScrollBox } from '../../common/layout/ScrollBox';
import { usePageTitle } from '../../common/layout/usePageTitle';
import { type Notice, PageNotice } from '../../common/notice/PageNotice';
import { DeliveryTag, StatusTag } from './StatusTag';
import {
  eventTypeName,
  SubscriptionFields,
  type SubscriptionValues,
  useSubscriptionProblem,
} from './SubscriptionFields';
import {
  type Delivery,
  pausedByOwner,
  replayable,
  type Subscription,
  useDeliveries,
  useReplayDelivery,
  useSubscription,
  useSubscriptionActions,
} from './webhook-views';
import type { DeletedState } from './WebhooksPage';
import './webhooks.css';

/** Problems of this page the portal words itself: the services' titles say only "Conflict" or "not found". */
const OWN_WORDS = new Set(['subscription-disabled', 'delivery-in-progress', 'not-found']);

function webhookProblem(t: TFunction, problem: unknown): string {
  return problem instanceof ApiProblem && OWN_WORDS.has(problem.code)
    ? t(`retailWebhooks.problems.${problem.code}`)
    : problemMessage(t, problem);
}

/** Where deliveries go and why they stopped, if they did; pause or resume, delete. */
function Settings({ subscription }: { subscription: Subscription }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const headingId = useId();
  const { update, remove } = useSubscriptionActions();
  const [notice, setNotice] = useState<Notice>();
  const active = subscription.status === 'active';

  async function setStatus(status: 'active' | 'disabled') {
    setNotice(undefined);
    try {
      await update.mutateAsync({ id: subscription.id, change: { status } });
      setNotice({
        type: 'success',
        text: t(status === 'active' ? 'retailWebhooks.resumed' : 'retailWebhooks.paused'),
      });
    } catch (problem) {
      setNotice({ type: 'error', text: webhookProblem(t, problem) });
    }
  }

  async function deleteIt() {
    setNotice(undefined);
    try {
      await remove.mutateAsync(subscription.id);
      navigate('/kiem-tra-ma/webhook', { state: { deletedUrl: subscription.url } satisfies DeletedState });
    } catch (problem) {
      setNotice({ type: 'error', text: webhookProblem(t, problem) });
    }
  }

  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('retailWebhooks.settingsTitle')}</h2>
      <dl className="facts">
        <dt>{t('retailWebhooks.url')}</dt>
        <dd className="webhook-url">{subscription.url}</dd>
        <dt>{t('retailWebhooks.events')}</dt>
        <dd>
          <ul className="webhook-events">
            {subscription.eventTypes.map((type) => (
              <li key={type}>
                {eventTypeName(t, type)} <code className="webhook-code">{type}</code>
              </li>
            ))}
          </ul>
        </dd>
        {subscription.description && (
          <>
            <dt>{t('retailWebhooks.description')}</dt>
            <dd>{subscription.description}</dd>
          </>
        )}
        <dt>{t('retailWebhooks.statusLabel')}</dt>
        <dd>
          <StatusTag subscription={subscription} />
          {!active && (
            <div className="muted">
              {pausedByOwner(subscription)
                ? t('retailWebhooks.pausedAt', { time: formatDateTime(subscription.disabledAt) })
                : t('retailWebhooks.turnedOffAt', {
                    time: formatDateTime(subscription.disabledAt),
                    reason: subscription.disabledReason ?? '',
                  })}
            </div>
          )}
          {active && subscription.consecutiveFailures > 0 && (
            <div className="muted">
              {t('retailWebhooks.failuresInRow', { count: subscription.consecutiveFailures })}
            </div>
          )}
        </dd>
        <dt>{t('retailWebhooks.createdLabel')}</dt>
        <dd>{formatDateTime(subscription.createdAt)}</dd>
      </dl>
      <PageNotice notice={notice} />
      <p className="muted">{t(active ? 'retailWebhooks.pauseHelp' : 'retailWebhooks.resumeHelp')}</p>
      <div className="actions">
        <Button
          type={active ? 'default' : 'primary'}
          loading={update.isPending}
          onClick={() => void setStatus(active ? 'disabled' : 'active')}
        >
          {t(active ? 'retailWebhooks.pause' : 'retailWebhooks.resume')}
        </Button>
        <Popconfirm
          title={t('retailWebhooks.deleteConfirm', { url: subscription.url })}
          okText={t('retailWebhooks.delete')}
          okButtonProps={{ danger: true }}
          cancelText={t('common.cancel')}
          onConfirm={() => void deleteIt()}
        >
          <Button danger loading={remove.isPending}>
            {t('retailWebhooks.delete')}
          </Button>
        </Popconfirm>
      </div>
    </section>
  );
}

/** Change where deliveries go, which events, or the note. */
function EditForm({ subscription }: { subscription: Subscription }) {
  const { t } = useTranslation();
  const headingId = useId();
  const { update } = useSubscriptionActions();
  const [form] = Form.useForm<SubscriptionValues>();
  const { formProblem, showProblem, clearProblem } = useSubscriptionProblem(form);
  const [saved, setSaved] = useState(false);

  async function save(values: SubscriptionValues) {
    clearProblem();
    setSaved(false);
    try {
      await update.mutateAsync({
        id: subscription.id,
        change: {
          url: values.url.trim(),
          eventTypes: values.eventTypes,
          // An emptied note is a note no more (the service keeps a note it is not sent).
          description: values.description?.trim() ?? '',
        },
      });
      setSaved(true);
    } catch (problem) {
      showProblem(problem);
    }
  }

  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('retailWebhooks.editTitle')}</h2>
      {formProblem && <Alert type="error" showIcon title={formProblem} role="alert" className="form-alert" />}
      <Form
        form={form}
        layout="vertical"
        className="narrow-form"
        initialValues={{
          url: subscription.url,
          eventTypes: subscription.eventTypes,
          description: subscription.description ?? '',
        }}
        onValuesChange={() => setSaved(false)}
        onFinish={(v) => void save(v)}
      >
        <SubscriptionFields />
        <div className="actions">
          <Button type="primary" htmlType="submit" loading={update.isPending}>
            {t('common.save')}
          </Button>
          <span role="status">{saved ? t('retailWebhooks.saved') : ''}</span>
        </div>
      </Form>
    </section>
  );
}

/** One delivery: when, which event, how it went; sent again on request, the service's refusal said beside it. */
function DeliveryRow({ subscriptionId, delivery }: { subscriptionId: string; delivery: Delivery }) {
  const { t } = useTranslation();
  const replay = useReplayDelivery();
  const [notice, setNotice] = useState<Notice>();
  const when = formatDateTime(delivery.createdAt);
  const event = eventTypeName(t, delivery.eventType);

  async function replayIt() {
    setNotice(undefined);
    try {
      await replay.mutateAsync({ id: subscriptionId, deliveryId: delivery.id });
      setNotice({ type: 'success', text: t('retailWebhooks.replayed') });
    } catch (problem) {
      setNotice({ type: 'error', text: webhookProblem(t, problem) });
    }
  }

  return (
    <tr>
      <td>{when}</td>
      <td>{event}</td>
      <td>
        <DeliveryTag delivery={delivery} />
        <div className="muted">
          {delivery.status === 'sent'
            ? t('retailWebhooks.sentAt', { time: formatDateTime(delivery.sentAt) })
            : delivery.status === 'pending' && delivery.nextAttemptAt
              ? t('retailWebhooks.nextAttemptAt', { time: formatDateTime(delivery.nextAttemptAt) })
              : ''}
        </div>
      </td>
      <td>
        {[
          delivery.lastStatus ? t('retailWebhooks.httpStatus', { status: delivery.lastStatus }) : undefined,
          t('retailWebhooks.attempts', { count: delivery.attempts }),
        ]
          .filter(Boolean)
          .join(' · ')}
        {/* The error says more than the status only when it is not just "HTTP <status>" (a timeout, a refusal). */}
        {delivery.lastError && delivery.lastError !== `HTTP ${delivery.lastStatus}` && (
          <div className="webhook-error">{delivery.lastError}</div>
        )}
      </td>
      <td>
        {replayable(delivery) && (
          <Button
            size="small"
            loading={replay.isPending}
            onClick={() => void replayIt()}
            aria-label={t('retailWebhooks.replayOne', { event, time: when })}
          >
            {t('retailWebhooks.replay')}
          </Button>
        )}
        <div aria-live="polite">
          {notice && (
            <p
              className={notice.type === 'error' ? 'webhook-refusal' : 'muted'}
              role={notice.type === 'error' ? 'alert' : undefined}
            >
              {notice.text}
            </p>
          )}
        </div>
      </td>
    </tr>
  );
}

/** The deliveries, newest first: time in Viet Nam, event, outcome, the receiver's answer and the tries. */
function DeliveryLog({ subscriptionId }: { subscriptionId: string }) {
  const { t } = useTranslation();
  const headingId = useId();
  const deliveries = useDeliveries(subscriptionId);
  const items = deliveries.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('retailWebhooks.logTitle')}</h2>
      <p className="muted">{t('retailWebhooks.logHelp')}</p>
      {deliveries.isPending ? (
        <Skeleton active paragraph={{ rows: 3 }} title={false} />
      ) : deliveries.error ? (
        <Alert
          type="warning"
          showIcon
          title={problemMessage(t, deliveries.error)}
          action={<Button onClick={() => void deliveries.refetch()}>{t('common.retry')}</Button>}
        />
      ) : items.length === 0 ? (
        <p className="muted">{t('retailWebhooks.noDeliveries')}</p>
      ) : (
        <ScrollBox labelledBy={headingId}>
          <table className="webhook-log">
            <thead>
              <tr>
                <th scope="col">{t('retailWebhooks.column.time')}</th>
                <th scope="col">{t('retailWebhooks.column.event')}</th>
                <th scope="col">{t('retailWebhooks.column.status')}</th>
                <th scope="col">{t('retailWebhooks.column.answer')}</th>
                <th scope="col">{t('retailWebhooks.column.action')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((delivery) => (
                <DeliveryRow key={delivery.id} subscriptionId={subscriptionId} delivery={delivery} />
              ))}
            </tbody>
          </table>
        </ScrollBox>
      )}
      {deliveries.hasNextPage && (
        <Button block onClick={() => void deliveries.fetchNextPage()} loading={deliveries.isFetchingNextPage}>
          {t('retailWebhooks.loadMore')}
        </Button>
      )}
    </section>
  );
}

/** One subscription: its settings (pause, resume, change, delete) and its delivery log with a replay per delivery. */
export function Component() {
  const { t } = useTranslation();
  usePageTitle(t('retailWebhooks.detailTitle'));
  const { subscriptionId = '' } = useParams();
  const subscription = useSubscription(subscriptionId);

  return (
    <>
      <p>
        <Link to="/kiem-tra-ma/webhook">{t('retailWebhooks.back')}</Link>
      </p>
      <h1>{t('retailWebhooks.detailTitle')}</h1>
      {subscription.isPending ? (
        <Skeleton active />
      ) : subscription.error ? (
        <Alert type="warning" showIcon title={webhookProblem(t, subscription.error)} />
      ) : (
        <>
          <Settings subscription={subscription.data} />
          <DeliveryLog subscriptionId={subscription.data.id} />
          {/* Its fields start from the subscription once: a reload after a pause must not undo what is being typed. */}
          <EditForm key={subscription.data.id} subscription={subscription.data} />
        </>
      )}
    </>
  );
}
