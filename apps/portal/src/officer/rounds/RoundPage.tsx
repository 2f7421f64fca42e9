import { Alert, Button, Form, Input, Select, Skeleton, Tag } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { problemMessage } from '../../common/api/problem';
import { useProblemForm } from '../../common/forms/useProblemForm';
import { formatCalendarDate, formatDate, formatNumber, vietnamToday } from '../../common/format/format';
import { Section } from '../../common/layout/Section';
import { usePageTitle } from '../../common/layout/usePageTitle';
import { type Notice, PageNotice } from '../../common/notice/PageNotice';
import { useCouncil } from '../../council/scoring/council-views';
import type { Dossier } from '../../producer/rating/rating-views';
import { StatusTag } from '../../producer/rating/StatusTag';
import {
  type OfficerRound,
  reviewsOnly,
  RULES,
  useCouncilCandidates,
  useOfficerRound,
  useResult,
  useRoundActions,
  useRoundDossiers,
} from './round-views';
import { RoundStatus } from './RoundsPage';
import './rounds.css';

const Card = (props: { title: string; help?: string; children: ReactNode }) => (
  <Section className="panel" {...props} />
);

/** A decision document (number and date) that a step of the round is taken under: proposal or approval. */
function DecisionForm({
  submitLabel,
  pending,
  onSubmit,
}: {
  submitLabel: string;
  pending: boolean;
  onSubmit: (decision: { decisionRef: string; decisionDate: string }) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ decisionRef?: string; decisionDate?: string }>();
  const { formProblem, showProblem, clearProblem } = useProblemForm(form);
  return (
    <>
      {formProblem && <Alert type="error" showIcon title={formProblem} className="page-alert" />}
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ decisionDate: vietnamToday() }}
        onFinish={async (values) => {
          clearProblem();
          try {
            await onSubmit({
              decisionRef: values.decisionRef?.trim() ?? '',
              decisionDate: values.decisionDate ?? '',
            });
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
        </div>
        <Button type="primary" htmlType="submit" loading={pending}>
          {submitLabel}
        </Button>
      </Form>
    </>
  );
}

function ResultLine({ dossier }: { dossier: Dossier }) {
  const { t } = useTranslation();
  const scored = ['scored', 'decided', 'proposed'].includes(dossier.status);
  const result = useResult(dossier.dossierId, scored);
  if (!scored) return null;
  if (!result.data) return <div>{t('officerRounds.notScored')}</div>;
  return (
    <div>
      {t('officerRounds.resultLine', { points: formatNumber(result.data.average), stars: result.data.stars })}
    </div>
  );
}

function Dossiers({ round }: { round: OfficerRound }) {
  const { t } = useTranslation();
  const dossiers = useRoundDossiers(round.roundId);
  return (
    <Card title={t('officerRounds.dossiers')}>
      {dossiers.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : dossiers.error ? (
        <Alert type="warning" showIcon title={problemMessage(t, dossiers.error)} />
      ) : dossiers.data.length === 0 ? (
        <p>{t('officerRounds.noDossiers')}</p>
      ) : (
        <ul className="item-list">
          {dossiers.data.map((d) => (
            <li key={d.dossierId}>
              <div className="item-head">
                <Link to={`/can-bo/dot-danh-gia/ho-so/${d.dossierId}`}>{d.productName}</Link>
                <StatusTag status={d.status} />
              </div>
              {d.submittedAt && (
                <div>{t('officerRounds.submittedOn', { date: formatDate(d.submittedAt) })}</div>
              )}
              <ResultLine dossier={d} />
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

/** Who sits on the round's council, and the form that seats one more (chair or member) from the council accounts. */
function Council({ round, setNotice }: { round: OfficerRound; setNotice: (n: Notice) => void }) {
  const { t } = useTranslation();
  const council = useCouncil(round.roundId);
  const editable = round.status === 'open' || round.status === 'scoring';
  const candidates = useCouncilCandidates(editable);
  const { seat, unseat } = useRoundActions(round.roundId);
  const [form] = Form.useForm<{ accountId?: string; role: 'chair' | 'member' }>();
  const { formProblem, showProblem, clearProblem } = useProblemForm(form);
  const seated = new Set((council.data ?? []).map((m) => m.accountId));
  const ties = new Map((candidates.data ?? []).map((c) => [c.accountId, c.tiedProducerIds.length]));
  return (
    <Card title={t('officerRounds.council')} help={t('officerRounds.councilHelp')}>
      {council.isPending ? (
        <Skeleton active paragraph={{ rows: 1 }} />
      ) : (council.data ?? []).length === 0 ? (
        <p>{t('officerRounds.noCouncil')}</p>
      ) : (
        <ul className="item-list">
          {(council.data ?? []).map((m) => (
            <li key={m.accountId}>
              <div className="item-head">
                <span>{m.displayName}</span>
                <Tag color={m.role === 'chair' ? '#135200' : '#595959'}>{t(`officerRounds.${m.role}`)}</Tag>
              </div>
              {(ties.get(m.accountId) ?? 0) > 0 && (
                <div>{t('officerRounds.ties', { count: ties.get(m.accountId) })}</div>
              )}
              {editable && (
                <Button
                  size="small"
                  onClick={() =>
                    unseat
                      .mutateAsync(m.accountId)
                      .catch((p: unknown) => setNotice({ type: 'error', text: problemMessage(t, p) }))
                  }
                  aria-label={`${t('officerRounds.unseat')}: ${m.displayName}`}
                >
                  {t('officerRounds.unseat')}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {editable && (
        <>
          {formProblem && <Alert type="error" showIcon title={formProblem} className="page-alert" />}
          <Form
            form={form}
            layout="vertical"
            requiredMark={false}
            initialValues={{ role: seated.size === 0 ? 'chair' : 'member' }}
            onFinish={async (values) => {
              clearProblem();
              try {
                await seat.mutateAsync({ accountId: values.accountId ?? '', role: values.role });
                form.resetFields(['accountId']);
                form.setFieldValue('role', 'member');
              } catch (problem) {
                showProblem(problem);
              }
            }}
          >
            <div className="rounds-dates">
              <Form.Item
                name="accountId"
                label={t('officerRounds.candidate')}
                rules={[{ required: true, message: t('officerRounds.candidateRequired') }]}
              >
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  loading={candidates.isPending}
                  options={(candidates.data ?? [])
                    .filter((c) => !seated.has(c.accountId))
                    .map((c) => ({
                      value: c.accountId,
                      label: c.email ? `${c.displayName} (${c.email})` : c.displayName,
                    }))}
                />
              </Form.Item>
              <Form.Item name="role" label={t('officerRounds.role')}>
                <Select
                  options={[
                    { value: 'chair', label: t('officerRounds.chair') },
                    { value: 'member', label: t('officerRounds.member') },
                  ]}
                />
              </Form.Item>
            </div>
            <Button htmlType="submit" loading={seat.isPending}>
              {t('officerRounds.seat')}
            </Button>
          </Form>
        </>
      )}
    </Card>
  );
}

function RoundDetail({ round }: { round: OfficerRound }) {
  const { t } = useTranslation();
  const actions = useRoundActions(round.roundId);
  const [notice, setNotice] = useState<Notice>();
  const chain = RULES.find((r) => r.id === round.rules);
  const reviewOnly = reviewsOnly(round);
  // Levels above the first take in what the level below proposed (the province after the communes).
  const takesIn = !!chain && chain.levels.indexOf(round.level) > 0;
  const act = async (run: () => Promise<unknown>, done: (result: unknown) => string) => {
    setNotice(undefined);
    try {
      const result = await run();
      setNotice({ type: 'success', text: done(result) });
    } catch (problem) {
      setNotice({ type: 'error', text: problemMessage(t, problem) });
    }
  };
  return (
    <>
      <p>
        <RoundStatus status={round.status} /> {t(`officerRounds.levels.${round.level}`)} ·{' '}
        {t('officerRounds.dates', {
          from: formatCalendarDate(round.opensOn),
          to: formatCalendarDate(round.closesOn),
        })}
      </p>
      <p>{t(`officerRounds.rule.${round.rules}`)}</p>
      {round.decision && (
        <p>
          {t('officerRounds.decision', {
            ref: round.decision.ref,
            date: formatCalendarDate(round.decision.date),
          })}
        </p>
      )}
      <PageNotice notice={notice} />
      {round.status === 'open' && takesIn && (
        <Card title={t('officerRounds.intake')} help={t('officerRounds.intakeHelp')}>
          <Button
            loading={actions.intake.isPending}
            onClick={() =>
              void act(
                () => actions.intake.mutateAsync(),
                (r) => t('officerRounds.intakeDone', { count: (r as { taken: unknown[] }).taken.length }),
              )
            }
          >
            {t('officerRounds.intake')}
          </Button>
        </Card>
      )}
      <Dossiers round={round} />
      {round.status === 'open' && reviewOnly && (
        <Card title={t('officerRounds.propose')} help={t('officerRounds.proposeHelp')}>
          <DecisionForm
            submitLabel={t('officerRounds.propose')}
            pending={actions.propose.isPending}
            onSubmit={async (d) => {
              await actions.propose.mutateAsync(d);
              setNotice({ type: 'success', text: t('officerRounds.proposeDone') });
            }}
          />
        </Card>
      )}
      {!reviewOnly && <Council round={round} setNotice={setNotice} />}
      {round.status === 'open' && !reviewOnly && (
        <Card title={t('officerRounds.startScoring')} help={t('officerRounds.startScoringHelp')}>
          <Button
            type="primary"
            loading={actions.startScoring.isPending}
            onClick={() =>
              void act(
                () => actions.startScoring.mutateAsync(),
                () => t('officerRounds.scoringStarted'),
              )
            }
          >
            {t('officerRounds.startScoring')}
          </Button>
        </Card>
      )}
      {round.status === 'scoring' && (
        <Card title={t('officerRounds.approve')} help={t('officerRounds.approveHelp')}>
          <DecisionForm
            submitLabel={t('officerRounds.approve')}
            pending={actions.approveResults.isPending}
            onSubmit={async (d) => {
              await actions.approveResults.mutateAsync(d);
              setNotice({ type: 'success', text: t('officerRounds.approved') });
            }}
          />
        </Card>
      )}
      {round.status === 'results-approved' && (
        <Button
          loading={actions.close.isPending}
          onClick={() =>
            void act(
              () => actions.close.mutateAsync(),
              () => t('officerRounds.closed'),
            )
          }
        >
          {t('officerRounds.close')}
        </Button>
      )}
    </>
  );
}

/** One round, step by step: take dossiers in, check them, seat the council, start scoring, approve, close. */
export function Component() {
  const { t } = useTranslation();
  const { roundId = '' } = useParams();
  const round = useOfficerRound(roundId);
  usePageTitle(round.data?.name ?? t('officerRounds.title'));
  return (
    <>
      <p>
        <Link to="/can-bo/dot-danh-gia">← {t('officerRounds.back')}</Link>
      </p>
      {round.isPending ? (
        <Skeleton active />
      ) : round.error || !round.data ? (
        <Alert
          type="warning"
          showIcon
          title={
            (round.error as { status?: number } | null)?.status === 404
              ? t('officerRounds.notFound')
              : problemMessage(t, round.error)
          }
        />
      ) : (
        <>
          <h1>{round.data.name}</h1>
          <RoundDetail round={round.data} />
        </>
      )}
    </>
  );
}
