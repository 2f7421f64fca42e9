import { Alert, Button, Segmented, Skeleton } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { problemMessage } from '../../common/api/problem';
import { formatDateTime } from '../../common/format/format';
import { usePageTitle } from '../../common/layout/usePageTitle';
import { type Notice, PageNotice } from '../../common/notice/PageNotice';
import {
  type DeadLetter,
  EVENT_SERVICES,
  type EventService,
  useDeadLetterActions,
  useDeadLetters,
} from './system-views';
import { SettledLine, useReplayWords } from './dead-letter-parts';
import './system.css';

type Shown = 'open' | 'settled';

function ServiceDeadLetters({ service, shown }: { service: EventService; shown: Shown }) {
  const { t } = useTranslation();
  const headingId = useId();
  const letters = useDeadLetters(service, shown);
  const { replay, replayAll } = useDeadLetterActions(service);
  const words = useReplayWords();
  const [notice, setNotice] = useState<Notice>();
  const items = letters.data ?? [];

  async function replayOne(letter: DeadLetter) {
    setNotice(undefined);
    try {
      const result = await replay.mutateAsync(letter.id);
      setNotice({ type: 'success', text: words.replayed(result, letter.eventType) });
    } catch (problem) {
      setNotice({ type: 'error', text: words.failed(problem) });
    }
  }

  async function replayEvery() {
    setNotice(undefined);
    try {
      const result = await replayAll.mutateAsync();
      setNotice({
        type: result.failed ? 'error' : 'success',
        text: t('deadLetters.replayedAll', { replayed: result.replayed, failed: result.failed }),
      });
    } catch (problem) {
      setNotice({ type: 'error', text: words.failed(problem) });
    }
  }

  return (
    <section className="panel" aria-labelledby={headingId} id={service}>
      <div className="dead-letter-head">
        <h2 id={headingId}>
          {t(`adminSystem.service.${service}`)} <code className="system-name">{service}</code>
        </h2>
        {shown === 'open' && items.length > 1 && (
          <Button onClick={() => void replayEvery()} loading={replayAll.isPending}>
            {t('deadLetters.replayAll', { count: items.length })}
          </Button>
        )}
      </div>
      <PageNotice notice={notice} />
      {letters.isPending ? (
        <Skeleton active paragraph={{ rows: 1 }} title={false} />
      ) : letters.error ? (
        <Alert
          type="warning"
          showIcon
          title={problemMessage(t, letters.error)}
          action={<Button onClick={() => void letters.refetch()}>{t('common.retry')}</Button>}
        />
      ) : items.length === 0 ? (
        <p>{t('deadLetters.none')}</p>
      ) : (
        <ul className="item-list">
          {items.map((letter) => (
            <li key={letter.id}>
              <div className="item-head">{letter.eventType ?? '—'}</div>
              <div>
                {t('deadLetters.failedAt', { time: formatDateTime(letter.failedAt) })} ·{' '}
                {t('deadLetters.attempts', { count: letter.attempts })}
              </div>
              <div className="dead-letter-error">{letter.error.split('\n')[0]}</div>
              <SettledLine letter={letter} />
              <div className="actions">
                {letter.state === 'open' && (
                  <Button
                    type="primary"
                    onClick={() => void replayOne(letter)}
                    loading={replay.isPending && replay.variables === letter.id}
                    disabled={replay.isPending && replay.variables !== letter.id}
                    aria-label={`${t('deadLetters.replay')}: ${letter.eventType ?? letter.id}`}
                  >
                    {t('deadLetters.replay')}
                  </Button>
                )}
                <Link
                  to={`/quan-tri/su-kien-loi/${service}/${letter.id}`}
                  aria-label={`${t('deadLetters.details')}: ${letter.eventType ?? letter.id}`}
                >
                  {t('deadLetters.details')}
                </Link>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * The events each service gave up on, service by service, with the error that stopped them: the admin mends the
 * cause, then replays them here (one, or all of a service), or discards one with a reason on its own page.
 */
export function Component() {
  const { t } = useTranslation();
  usePageTitle(t('deadLetters.title'));
  const [shown, setShown] = useState<Shown>('open');
  return (
    <>
      <p>
        <Link to="/quan-tri">← {t('adminSystem.title')}</Link>
      </p>
      <h1>{t('deadLetters.title')}</h1>
      <p>{t('deadLetters.intro')}</p>
      <Segmented
        aria-label={t('deadLetters.show')}
        value={shown}
        onChange={(value) => setShown(value as Shown)}
        options={[
          { value: 'open', label: t('deadLetters.open') },
          { value: 'settled', label: t('deadLetters.settled') },
        ]}
      />
      {EVENT_SERVICES.map((service) => (
        <ServiceDeadLetters key={service} service={service} shown={shown} />
      ))}
    </>
  );
}
