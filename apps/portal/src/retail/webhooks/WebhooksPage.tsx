import { Alert, Button, Form, Skeleton } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { problemMessage } from '../../common/api/problem';
import { formatDateTime } from '../../common/format/format';
import { usePageTitle } from '../../common/layout/usePageTitle';
import { ShownOnce } from '../../common/credentials/ShownOnce';
import {
  eventTypeName,
  SubscriptionFields,
  type SubscriptionValues,
  useSubscriptionProblem,
} from './SubscriptionFields';
import { StatusTag } from './StatusTag';
import { type Subscription, useSubscriptionActions, useSubscriptions } from './webhook-views';
import './webhooks.css';

/** What the detail page tells this page when it has deleted a subscription. */
export interface DeletedState {
  deletedUrl?: string;
}

function SubscriptionItem({ subscription }: { subscription: Subscription }) {
  const { t } = useTranslation();
  return (
    <li>
      <div className="item-head">
        <Link to={`/kiem-tra-ma/webhook/${subscription.id}`} className="webhook-url">
          {subscription.url}
        </Link>
        <StatusTag subscription={subscription} />
      </div>
      {subscription.description && <div>{subscription.description}</div>}
      <div className="muted">
        {[
          subscription.eventTypes.map((type) => eventTypeName(t, type)).join(', '),
          t('retailWebhooks.createdAt', { time: formatDateTime(subscription.createdAt) }),
        ].join(' · ')}
      </div>
    </li>
  );
}

/**
 * A retailer's webhook subscriptions: the shop's system is told of recalls and certificate changes as they happen,
 * each delivery signed with a secret shown once, here, when the subscription is made.
 */
export function Component() {
  const { t } = useTranslation();
  usePageTitle(t('retailWebhooks.title'));
  const createId = useId();
  const listId = useId();
  const deleted = (useLocation().state as DeletedState | null)?.deletedUrl;
  const subscriptions = useSubscriptions();
  const { create } = useSubscriptionActions();
  const [form] = Form.useForm<SubscriptionValues>();
  const { formProblem, showProblem, clearProblem } = useSubscriptionProblem(form);
  const [shown, setShown] = useState<{ id: string; url: string; secret: string }>();

  async function subscribe(values: SubscriptionValues) {
    clearProblem();
    try {
      const description = values.description?.trim();
      const created = await create.mutateAsync({
        url: values.url.trim(),
        eventTypes: values.eventTypes,
        ...(description ? { description } : {}),
      });
      setShown({ id: created.id, url: created.url, secret: created.secret });
      // The mutation would otherwise keep the secret in the query cache after the page let it go.
      create.reset();
      form.resetFields();
    } catch (problem) {
      showProblem(problem);
    }
  }

  const items = subscriptions.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <>
      <h1>{t('retailWebhooks.title')}</h1>
      <p>{t('retailWebhooks.intro')}</p>
      <div aria-live="polite">
        {shown && (
          <ShownOnce
            title={t('retailWebhooks.newTitle', { url: shown.url })}
            note={t('retailWebhooks.newOnce')}
            label={t('retailWebhooks.signingKey')}
            value={shown.secret}
            onDone={() => setShown(undefined)}
          />
        )}
        {deleted && !shown && (
          <Alert
            type="success"
            showIcon
            title={t('retailWebhooks.deleted', { url: deleted })}
            className="page-alert"
          />
        )}
      </div>
      <section className="panel" aria-labelledby={createId}>
        <h2 id={createId}>{t('retailWebhooks.createTitle')}</h2>
        <p className="muted">{t('retailWebhooks.signingHelp')}</p>
        {formProblem && (
          <Alert type="error" showIcon title={formProblem} role="alert" className="form-alert" />
        )}
        <Form
          form={form}
          layout="vertical"
          className="narrow-form"
          initialValues={{ eventTypes: [] }}
          onFinish={(v) => void subscribe(v)}
        >
          <SubscriptionFields />
          <Button type="primary" htmlType="submit" loading={create.isPending}>
            {t('retailWebhooks.create')}
          </Button>
        </Form>
      </section>
      <section className="panel" aria-labelledby={listId}>
        <h2 id={listId}>{t('retailWebhooks.listTitle')}</h2>
        {subscriptions.isPending ? (
          <Skeleton active paragraph={{ rows: 2 }} title={false} />
        ) : subscriptions.error ? (
          <Alert
            type="warning"
            showIcon
            title={problemMessage(t, subscriptions.error)}
            action={<Button onClick={() => void subscriptions.refetch()}>{t('common.retry')}</Button>}
          />
        ) : items.length === 0 ? (
          <p className="muted">{t('retailWebhooks.none')}</p>
        ) : (
          <ul className="item-list">
            {items.map((subscription) => (
              <SubscriptionItem key={subscription.id} subscription={subscription} />
            ))}
          </ul>
        )}
        {subscriptions.hasNextPage && (
          <Button
            block
            onClick={() => void subscriptions.fetchNextPage()}
            loading={subscriptions.isFetchingNextPage}
          >
            {t('retailWebhooks.loadMore')}
          </Button>
        )}
      </section>
    </>
  );
}
