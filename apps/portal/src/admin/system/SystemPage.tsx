import { Alert, Skeleton, Tag } from 'antd';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { problemMessage } from '../../common/api/problem';
import { formatDateTime, formatNumber } from '../../common/format/format';
import { usePageTitle } from '../../common/layout/usePageTitle';
import { type EventService, useSystem } from './system-views';
import './system.css';

type ServiceState = ReturnType<typeof useSystem>[number];

function ServiceCard({ service, health, backlog }: ServiceState) {
  const { t } = useTranslation();
  const id = useId();
  const h = health.data;
  const b = backlog.data;
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>
        {t(`adminSystem.service.${service}`)} <code className="system-name">{service}</code>
      </h2>
      {health.isPending ? (
        <Skeleton active paragraph={{ rows: 1 }} title={false} />
      ) : h?.ready ? (
        <Tag color="#237804">{t('adminSystem.ready')}</Tag>
      ) : (
        <Tag color="#a8071a">
          {h?.unreachable ? t('adminSystem.unreachable', { code: h.unreachable }) : t('adminSystem.notReady')}
        </Tag>
      )}
      {h && h.checks.length > 0 && (
        <ul className="system-checks">
          {h.checks.map((c) => (
            <li key={c.name} className={c.up ? undefined : 'system-down'}>
              {t(c.up ? 'adminSystem.checkUp' : 'adminSystem.checkDown', { name: c.name })}
              {c.message ? ` (${c.message})` : ''}
            </li>
          ))}
        </ul>
      )}
      {backlog.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} title={false} />
      ) : backlog.error ? (
        <Alert
          type="warning"
          showIcon
          title={t('adminSystem.backlogFailed', { message: problemMessage(t, backlog.error) })}
        />
      ) : (
        b && (
          <dl className="facts system-figures">
            <dt>{t('adminSystem.outbox')}</dt>
            <dd>
              {formatNumber(b.outboxPending)}
              {b.outboxOldestAt &&
                ` · ${t('adminSystem.outboxOldest', { time: formatDateTime(b.outboxOldestAt) })}`}
            </dd>
            <dt>{t('adminSystem.consumers')}</dt>
            <dd>
              {b.natsError ? (
                t('adminSystem.natsError', { message: b.natsError })
              ) : b.consumers.length === 0 ? (
                t('adminSystem.noConsumers')
              ) : (
                <ul className="system-consumers">
                  {b.consumers.map((c) => (
                    <li key={c.stream}>
                      {t('adminSystem.consumerLine', {
                        stream: c.stream,
                        pending: formatNumber(c.pending),
                        inFlight: formatNumber(c.inFlight),
                      })}
                    </li>
                  ))}
                </ul>
              )}
            </dd>
            <dt>{t('adminSystem.deadLetters')}</dt>
            <dd>
              {b.deadLettersOpen === 0 ? (
                t('adminSystem.deadLettersNone')
              ) : (
                <Link to={`/quan-tri/su-kien-loi#${service}`} className="system-alarm">
                  {t('adminSystem.deadLettersOpen', { count: b.deadLettersOpen })}
                </Link>
              )}
            </dd>
          </dl>
        )
      )}
    </section>
  );
}

/** The admin's first look: every service's readiness and how far behind its events are. */
export function Component() {
  const { t } = useTranslation();
  usePageTitle(t('adminSystem.title'));
  const services = useSystem();
  return (
    <>
      <h1>{t('adminSystem.title')}</h1>
      <p>{t('adminSystem.intro')}</p>
      <p>
        <Link to="/quan-tri/su-kien-loi">{t('adminSystem.openDeadLetters')}</Link>
      </p>
      <div className="system-grid">
        {services.map((s) => (
          <ServiceCard key={s.service as EventService} {...s} />
        ))}
      </div>
    </>
  );
}
