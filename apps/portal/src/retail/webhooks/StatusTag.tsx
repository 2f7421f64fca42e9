import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { type Delivery, pausedByOwner, type Subscription } from './webhook-views';

// Dark enough for white words on them (WCAG AA), as the verdicts on the code check are.
const GREEN = '#1f6f43';
const AMBER = '#ad4e00';
const RED = '#a8071a';
const GREY = '#595959';

/** Sending, paused by the shop, or turned off by the platform after the receiver failed too often. */
export function StatusTag({ subscription }: { subscription: Subscription }) {
  const { t } = useTranslation();
  if (subscription.status === 'active') return <Tag color={GREEN}>{t('retailWebhooks.status.active')}</Tag>;
  return pausedByOwner(subscription) ? (
    <Tag color={GREY}>{t('retailWebhooks.status.paused')}</Tag>
  ) : (
    <Tag color={RED}>{t('retailWebhooks.status.turnedOff')}</Tag>
  );
}

const DELIVERY_COLORS: Record<Delivery['status'], string> = {
  pending: AMBER,
  sending: AMBER,
  sent: GREEN,
  failed: RED,
  cancelled: GREY,
};

export function DeliveryTag({ delivery }: { delivery: Delivery }) {
  const { t } = useTranslation();
  return (
    <Tag color={DELIVERY_COLORS[delivery.status]}>
      {t(`retailWebhooks.delivery.${delivery.status}`, { defaultValue: delivery.status })}
    </Tag>
  );
}
