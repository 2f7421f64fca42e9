import { Alert, Button, Checkbox, Form, Input, Skeleton } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, call } from '../../common/api/client';
import { problemMessage } from '../../common/api/problem';
import { useProblemForm } from '../../common/forms/useProblemForm';
import { formatBytes, formatDateTime } from '../../common/format/format';
import { Section } from '../../common/layout/Section';
import { usePageTitle } from '../../common/layout/usePageTitle';
import { type Notice, PageNotice } from '../../common/notice/PageNotice';
import { useDossier } from '../../producer/rating/queries';
import type { Dossier, HistoryEntry } from '../../producer/rating/rating-views';
import { StatusTag } from '../../producer/rating/StatusTag';
import { useDossierDecision } from './round-views';
import './rounds.css';

const Card = (props: { title: string; help?: string; children: ReactNode }) => (
  <Section className="panel" {...props} />
);

type Action = 'accept' | 'giveBack' | 'reject';

/**
 * The officer's decision on a submitted dossier. Returning and rejecting need a comment the producer reads; a
 * return may name the items to complete, with a deadline for them.
 */
function DecisionCard({ dossier, onDone }: { dossier: Dossier; onDone: (text: string) => void }) {
  const { t, i18n } = useTranslation();
  const decide = useDossierDecision(dossier.dossierId);
  const [form] = Form.useForm<{ comment?: string; items?: string[]; dueOn?: string }>();
  const { formProblem, showProblem, clearProblem } = useProblemForm(form, { reason: 'comment' });
  const [chosen, setChosen] = useState<Action>();
  const pending = decide.accept.isPending || decide.giveBack.isPending || decide.reject.isPending;

  async function run(action: Action) {
    clearProblem();
    setChosen(action);
    const comment = (form.getFieldValue('comment') as string | undefined)?.trim();
    if (action !== 'accept' && !comment) {
      form.setFields([{ name: 'comment', errors: [t('officerRounds.commentRequired')] }]);
      form.scrollToField('comment', { focus: true });
      return;
    }
    form.setFields([{ name: 'comment', errors: [] }]);
    const dueOn = form.getFieldValue('dueOn') as string | undefined;
    const items = ((form.getFieldValue('items') as string[] | undefined) ?? []).map((code) => ({
      code,
      ...(dueOn ? { supplementDueOn: dueOn } : {}),
    }));
    try {
      if (action === 'accept') await decide.accept.mutateAsync([]);
      if (action === 'giveBack') await decide.giveBack.mutateAsync({ comment: comment ?? '', items });
      if (action === 'reject') await decide.reject.mutateAsync(comment ?? '');
      form.resetFields();
      onDone(
        t(
          action === 'accept'
            ? 'officerRounds.accepted'
            : action === 'giveBack'
              ? 'officerRounds.returned'
              : 'officerRounds.rejected',
        ),
      );
    } catch (problem) {
      showProblem(problem);
    }
  }

  return (
    <Card title={t('officerRounds.decide')} help={t('officerRounds.decideHelp')}>
      {formProblem && <Alert type="error" showIcon title={formProblem} className="page-alert" />}
      <Form form={form} layout="vertical" requiredMark={false} onFinish={() => undefined}>
        <Form.Item name="comment" label={t('officerRounds.comment')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item name="items" label={t('officerRounds.itemsToFix')} className="rounds-items">
          <Checkbox.Group
            options={dossier.checklist.map((item) => ({
              value: item.code,
              label: i18n.language === 'en' ? item.nameEn : item.nameVi,
            }))}
          />
        </Form.Item>
        <Form.Item name="dueOn" label={t('officerRounds.dueOn')}>
          <Input type="date" />
        </Form.Item>
        <div className="actions">
          {(['accept', 'giveBack', 'reject'] as const).map((action) => (
            <Button
              key={action}
              type={action === 'accept' ? 'primary' : 'default'}
              danger={action === 'reject'}
              loading={pending && chosen === action}
              disabled={pending && chosen !== action}
              onClick={() => void run(action)}
            >
              {t(`officerRounds.${action}`)}
            </Button>
          ))}
        </div>
      </Form>
    </Card>
  );
}

/** A dossier as the officer checks it: the registration, the documents to open, its history, the decision. */
export function Component() {
  const { t, i18n } = useTranslation();
  const { dossierId = '' } = useParams();
  const dossier = useDossier(dossierId);
  const history = useQuery({
    queryKey: ['rating', 'dossier', dossierId, 'history'],
    queryFn: async () =>
      (await call(
        api.GET('/api/rating/dossiers/{dossierId}/history', { params: { path: { dossierId } } }),
      )) as unknown as HistoryEntry[],
  });
  const [notice, setNotice] = useState<Notice>();
  const d = dossier.data;
  usePageTitle(d ? t('officerRounds.dossierTitle', { name: d.productName }) : t('officerRounds.title'));
  return (
    <>
      <p>
        <Link to={d ? `/can-bo/dot-danh-gia/${d.roundId}` : '/can-bo/dot-danh-gia'}>
          ← {t('officerRounds.back')}
        </Link>
      </p>
      {dossier.isPending ? (
        <Skeleton active />
      ) : dossier.error || !d ? (
        <Alert type="warning" showIcon title={t('officerRounds.dossierNotFound')} />
      ) : (
        <>
          <h1>{t('officerRounds.dossierTitle', { name: d.productName })}</h1>
          <p>
            <StatusTag status={d.status} />
          </p>
          <PageNotice notice={notice} />
          <dl className="facts">
            <dt>{t('officerRounds.producer')}</dt>
            <dd>{d.registration.representative}</dd>
            <dt>{t('officerRounds.phone')}</dt>
            <dd>{d.registration.phone}</dd>
          </dl>
          <Card title={t('officerRounds.documents')}>
            <ul className="item-list">
              {d.checklist.map((item) => (
                <li key={item.code}>
                  <div className="item-head">{i18n.language === 'en' ? item.nameEn : item.nameVi}</div>
                  {item.attachments.length === 0 ? (
                    <div>{t('officerRounds.noFile')}</div>
                  ) : (
                    item.attachments.map((a) => (
                      <div key={a.attachmentId}>
                        <a
                          href={`/api/rating/dossiers/${d.dossierId}/attachments/${a.attachmentId}`}
                          download
                        >
                          {a.fileName} ({formatBytes(a.sizeBytes)})
                        </a>
                      </div>
                    ))
                  )}
                </li>
              ))}
            </ul>
          </Card>
          {d.status === 'submitted' && (
            <DecisionCard dossier={d} onDone={(text) => setNotice({ type: 'success', text })} />
          )}
          <Card title={t('officerRounds.history')}>
            {history.isPending ? (
              <Skeleton active paragraph={{ rows: 2 }} />
            ) : history.error ? (
              <Alert type="warning" showIcon title={problemMessage(t, history.error)} />
            ) : (
              <ol className="item-list">
                {(history.data ?? []).map((h, i) => (
                  <li key={i}>
                    <strong>{t(`rating.action.${h.action}`, { defaultValue: h.action })}</strong>{' '}
                    {formatDateTime(h.at)}
                    {h.comment && <div>{h.comment}</div>}
                  </li>
                ))}
              </ol>
            )}
          </Card>
        </>
      )}
    </>
  );
}
