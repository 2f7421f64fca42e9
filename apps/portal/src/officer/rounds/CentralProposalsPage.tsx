import { Alert, Button, Form, Input, Select, Skeleton, Tag } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { problemMessage } from '../../common/api/problem';
import { useProblemForm } from '../../common/forms/useProblemForm';
import { formatCalendarDate, formatNumber, vietnamToday } from '../../common/format/format';
import { usePageTitle } from '../../common/layout/usePageTitle';
import { type Notice, PageNotice } from '../../common/notice/PageNotice';
import {
  type CentralProposal,
  proposalPackage,
  useCentralProposals,
  useMinistryDecision,
} from './round-views';
import './rounds.css';

interface DecisionForm {
  decisionRef?: string;
  decisionDate?: string;
  stars: 3 | 4 | 5;
  note?: string;
}

function MinistryDecision({
  proposal,
  onDone,
}: {
  proposal: CentralProposal;
  onDone: (text: string) => void;
}) {
  const { t } = useTranslation();
  const record = useMinistryDecision(proposal.resultId);
  const [form] = Form.useForm<DecisionForm>();
  const { formProblem, showProblem, clearProblem } = useProblemForm(form);
  const headingId = useId();
  // The ministry awards 5★ only to a potential 5★; it may keep 3★ or 4★.
  const stars = proposal.potentialFiveStar ? [5, 4, 3] : [4, 3];
  return (
    <section aria-labelledby={headingId} className="rounds-ministry">
      <h3 id={headingId}>{t('officerRounds.ministryTitle')}</h3>
      {formProblem && <Alert type="error" showIcon title={formProblem} className="page-alert" />}
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ stars: stars[0], decisionDate: vietnamToday() }}
        onFinish={async (values) => {
          clearProblem();
          try {
            await record.mutateAsync({
              decisionRef: values.decisionRef?.trim() ?? '',
              decisionDate: values.decisionDate ?? '',
              stars: values.stars,
              ...(values.note?.trim() ? { note: values.note.trim() } : {}),
            });
            onDone(t('officerRounds.decisionRecorded'));
          } catch (problem) {
            showProblem(problem);
          }
        }}
      >
        <div className="rounds-dates">
          <Form.Item
            name="decisionRef"
            label={t('officerRounds.decisionRef')}
            rules={[{ required: true, whitespace: true, message: t('officerRounds.decisionRefRequired') }]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item
            name="decisionDate"
            label={t('officerRounds.decisionDate')}
            rules={[{ required: true, message: t('officerRounds.dateRequired') }]}
          >
            <Input type="date" />
          </Form.Item>
          <Form.Item name="stars" label={t('officerRounds.stars')}>
            <Select
              options={stars.map((s) => ({ value: s, label: t('officerRounds.starsOption', { count: s }) }))}
            />
          </Form.Item>
        </div>
        <Form.Item name="note" label={t('officerRounds.ministryNote')}>
          <Input maxLength={1000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={record.isPending}>
          {t('officerRounds.recordDecision')}
        </Button>
      </Form>
    </section>
  );
}

/**
 * The central level as the province lives it: the products proposed to the ministry, their package to download,
 * and the ministry's decision to record (decision 0033).
 */
export function Component() {
  const { t } = useTranslation();
  usePageTitle(t('officerRounds.central'));
  const proposals = useCentralProposals();
  const [notice, setNotice] = useState<Notice>();
  const listId = useId();
  return (
    <>
      <p>
        <Link to="/can-bo/dot-danh-gia">← {t('officerRounds.back')}</Link>
      </p>
      <h1>{t('officerRounds.central')}</h1>
      <p>{t('officerRounds.centralIntro')}</p>
      <PageNotice notice={notice} />
      <section className="panel" aria-labelledby={listId}>
        <h2 id={listId}>{t('officerRounds.central')}</h2>
        {proposals.isPending ? (
          <Skeleton active />
        ) : proposals.error ? (
          <Alert type="warning" showIcon title={problemMessage(t, proposals.error)} />
        ) : proposals.data.length === 0 ? (
          <p>{t('officerRounds.noProposals')}</p>
        ) : (
          <ul className="item-list">
            {proposals.data.map((p) => (
              <li key={p.resultId}>
                <div className="item-head">
                  <Link to={`/can-bo/dot-danh-gia/ho-so/${p.dossierId}`}>{p.productName}</Link>
                  {p.ministryDecision ? (
                    <Tag color="#135200">
                      {t('officerRounds.ministryDecided', {
                        stars: p.ministryDecision.stars,
                        ref: p.ministryDecision.ref,
                        date: formatCalendarDate(p.ministryDecision.date),
                      })}
                    </Tag>
                  ) : (
                    <Tag color="#0958d9">{t('officerRounds.awaiting')}</Tag>
                  )}
                </div>
                <div>{t('officerRounds.proposalLine', { producer: p.producerName, round: p.roundName })}</div>
                <div>{t('officerRounds.points', { points: formatNumber(p.average), stars: p.stars })}</div>
                <div className="actions">
                  <a href={proposalPackage(p.resultId, 'pdf')} download>
                    {t('officerRounds.packagePdf')}
                  </a>
                  <a href={proposalPackage(p.resultId, 'zip')} download>
                    {t('officerRounds.packageZip')}
                  </a>
                </div>
                {!p.ministryDecision && (
                  <MinistryDecision proposal={p} onDone={(text) => setNotice({ type: 'success', text })} />
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
