import { Alert, Button, Form, Input, Skeleton } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { problemMessage } from '../../common/api/problem';
import { useProblemForm } from '../../common/forms/useProblemForm';
import { formatDateTime } from '../../common/format/format';
import { usePageTitle } from '../../common/layout/usePageTitle';
import { type Notice, PageNotice } from '../../common/notice/PageNotice';
import { SettledLine, useReplayWords } from './dead-letter-parts';
import { EVENT_SERVICES, type EventService, useDeadLetter, useDeadLetterActions } from './system-views';
import './system.css';

function Code({ label, text }: { label: string; text: string }) {
  const id = useId();
  return (
    <>
      <dt id={id}>{label}</dt>
      <dd>
        {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- focus is how a keyboard scrolls it */}
        <pre className="dead-letter-code" tabIndex={0} aria-labelledby={id}>
          {text}
        </pre>
      </dd>
    </>
  );
}

/** One event a service gave up on, whole: what it carried, the error and its stack; replay it or discard it. */
function DeadLetterDetail({ service, id }: { service: EventService; id: string }) {
  const { t } = useTranslation();
  const letter = useDeadLetter(service, id);
  const { replay, discard } = useDeadLetterActions(service);
  const words = useReplayWords();
  const [notice, setNotice] = useState<Notice>();
  const [form] = Form.useForm<{ reason?: string }>();
  const { formProblem, showProblem, clearProblem } = useProblemForm(form);
  const discardId = useId();

  if (letter.isPending) return <Skeleton active />;
  if (letter.error || !letter.data)
    return (
      <Alert
        type="warning"
        showIcon
        title={
          (letter.error as { status?: number })?.status === 404
            ? t('deadLetters.notFound')
            : problemMessage(t, letter.error)
        }
      />
    );
  const d = letter.data;

  async function replayIt() {
    setNotice(undefined);
    try {
      const result = await replay.mutateAsync(d.id);
      setNotice({ type: 'success', text: words.replayed(result, d.eventType) });
    } catch (problem) {
      setNotice({ type: 'error', text: words.failed(problem) });
    }
  }

  async function discardIt() {
    clearProblem();
    const reason = (form.getFieldValue('reason') as string | undefined)?.trim();
    if (!reason) {
      form.setFields([{ name: 'reason', errors: [t('deadLetters.reasonRequired')] }]);
      form.scrollToField('reason', { focus: true });
      return;
    }
    try {
      await discard.mutateAsync({ id: d.id, reason });
      form.resetFields();
      setNotice({ type: 'success', text: t('deadLetters.discarded') });
    } catch (problem) {
      showProblem(problem);
    }
  }

  return (
    <>
      <PageNotice notice={notice} />
      <section className="panel" aria-labelledby={`${discardId}-event`}>
        <h2 id={`${discardId}-event`}>{t('deadLetters.event')}</h2>
        <dl className="facts">
          <dt>{t('deadLetters.eventType')}</dt>
          <dd>{d.eventType ?? '—'}</dd>
          <dt>{t('deadLetters.eventId')}</dt>
          <dd>{d.eventId ?? '—'}</dd>
          <dt>{t('deadLetters.subject')}</dt>
          <dd>{d.subject}</dd>
          <dt>{t('deadLetters.error')}</dt>
          <dd className="dead-letter-error">{d.error}</dd>
          <dd>
            {t('deadLetters.failedAt', { time: formatDateTime(d.failedAt) })} ·{' '}
            {t('deadLetters.attempts', { count: d.attempts })}
          </dd>
          <dd>
            <SettledLine letter={d} />
          </dd>
          <Code label={t('deadLetters.payload')} text={JSON.stringify(d.payload, null, 2)} />
          {d.errorStack && <Code label={t('deadLetters.stack')} text={d.errorStack} />}
        </dl>
        {d.state === 'open' && (
          <div className="actions">
            <Button type="primary" onClick={() => void replayIt()} loading={replay.isPending}>
              {t('deadLetters.replay')}
            </Button>
          </div>
        )}
      </section>
      {d.state === 'open' && (
        <section className="panel" aria-labelledby={discardId}>
          <h2 id={discardId}>{t('deadLetters.discardTitle')}</h2>
          <p>{t('deadLetters.discardIntro')}</p>
          {formProblem && <Alert type="error" showIcon title={formProblem} className="page-alert" />}
          <Form form={form} layout="vertical" requiredMark={false} onFinish={() => void discardIt()}>
            <Form.Item name="reason" label={t('deadLetters.reason')}>
              <Input.TextArea rows={3} maxLength={500} />
            </Form.Item>
            <Button danger htmlType="submit" loading={discard.isPending}>
              {t('deadLetters.discard')}
            </Button>
          </Form>
        </section>
      )}
    </>
  );
}

export function Component() {
  const { t } = useTranslation();
  usePageTitle(t('deadLetters.event'));
  const { service, id } = useParams();
  const known = EVENT_SERVICES.find((s) => s === service);
  return (
    <>
      <p>
        <Link to={`/quan-tri/su-kien-loi#${known ?? ''}`}>← {t('deadLetters.back')}</Link>
      </p>
      <h1>
        {t('deadLetters.event')}: {known ? t(`adminSystem.service.${known}`) : service}
      </h1>
      {known && id ? (
        <DeadLetterDetail service={known} id={id} />
      ) : (
        <Alert type="warning" showIcon title={t('deadLetters.notFound')} />
      )}
    </>
  );
}
