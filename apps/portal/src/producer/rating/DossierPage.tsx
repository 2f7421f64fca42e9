import { FilePdfOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Popconfirm, Rate, Skeleton, Space, Timeline } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, call } from '../../common/api/client';
import { ApiProblem } from '../../common/api/problem';
import {
  formatCalendarDate,
  formatDateTime,
  formatNumber,
  formatValidThrough,
} from '../../common/format/format';
import { usePageTitle } from '../../common/layout/usePageTitle';
import { AttachmentChecklist } from './AttachmentChecklist';
import { certificatePdf, useDossier, useRound, useScoringSheet } from './queries';
import { problemList, ratingProblem } from './rating-problems';
import type { Certificate, Choices, Dossier, HistoryEntry, Result, Round } from './rating-views';
import { EDITABLE, WITHDRAWABLE } from './rating-views';
import { ScoringSheetForm } from './ScoringSheetForm';
import { criteriaOf } from './sheet-scoring';
import { StatusTag } from './StatusTag';
import './rating.css';

const sameChoices = (a: Choices, b: Choices) =>
  Object.keys({ ...a, ...b }).every((k) => (a[k] ?? null) === (b[k] ?? null));

/** What the producer is expected to do now, with the officer's reasons when the dossier came back. */
function NextStep({ dossier, round, history }: { dossier: Dossier; round?: Round; history: HistoryEntry[] }) {
  const { t, i18n } = useTranslation();
  const returned = [...history].reverse().find((h) => h.action === 'return');
  const type =
    dossier.status === 'returned'
      ? 'warning'
      : dossier.status === 'rejected'
        ? 'error'
        : dossier.status === 'decided'
          ? 'success'
          : 'info';
  const deadline = round ? formatCalendarDate(round.closesOn) : '—';
  return (
    <Alert
      type={type}
      showIcon
      title={t(`rating.next.${dossier.status}`, { deadline })}
      description={
        dossier.status === 'returned' && returned?.comment ? (
          <>
            <p className="rating-reason">{t('rating.next.reason', { comment: returned.comment })}</p>
            {(returned.details?.items ?? []).length > 0 && (
              <ul className="rating-reason-items">
                {returned.details?.items?.map((item) => {
                  const entry = dossier.checklist.find((c) => c.code === item.code);
                  return (
                    <li key={item.code}>
                      {entry ? (i18n.language === 'en' ? entry.nameEn : entry.nameVi) : item.code}
                      {item.comment ? `: ${item.comment}` : ''}
                    </li>
                  );
                })}
              </ul>
            )}
          </>
        ) : undefined
      }
    />
  );
}

function ResultCard({ dossier }: { dossier: Dossier }) {
  const { t, i18n } = useTranslation();
  const result = useQuery({
    queryKey: ['rating', 'result', dossier.dossierId],
    queryFn: async () =>
      (await call(
        api.GET('/api/rating/dossiers/{dossierId}/result', {
          params: { path: { dossierId: dossier.dossierId } },
        }),
      )) as unknown as Result,
  });
  const certificateId = result.data?.certificateId;
  const certificate = useQuery({
    queryKey: ['rating', 'certificate', certificateId],
    enabled: !!certificateId,
    queryFn: async () =>
      (await call(
        api.GET('/api/rating/certificates/{certificateId}', {
          params: { path: { certificateId: certificateId ?? '' } },
        }),
      )) as unknown as Certificate,
  });
  const r = result.data;
  return (
    <Card title={<h2 className="card-title">{t('rating.result.title')}</h2>}>
      {result.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : result.error || !r ? (
        <Alert type="warning" showIcon title={ratingProblem(t, result.error)} />
      ) : (
        <>
          <p className="rating-stars">
            <span aria-hidden="true">
              <Rate disabled value={r.stars} count={5} />
            </span>{' '}
            <strong>{t('rating.stars', { count: r.stars })}</strong>
          </p>
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('rating.result.points')}>
              {t('rating.result.pointsValue', {
                points: formatNumber(r.average),
                a: formatNumber(r.partAverages.A),
                b: formatNumber(r.partAverages.B),
                c: formatNumber(r.partAverages.C),
              })}
            </Descriptions.Item>
            {r.decision && (
              <Descriptions.Item label={t('rating.result.decision')}>
                {t('rating.result.decisionValue', {
                  ref: r.decision.ref,
                  date: formatCalendarDate(r.decision.date),
                })}
              </Descriptions.Item>
            )}
          </Descriptions>
          {r.cappedBy.explanations.length > 0 && (
            <Alert
              type="info"
              showIcon
              title={t('rating.result.capped', { band: r.bandStars, stars: r.stars })}
              description={
                <ul className="rating-reason-items">
                  {r.cappedBy.explanations.map((e) => (
                    <li key={e.vi}>{i18n.language === 'en' ? e.en : e.vi}</li>
                  ))}
                </ul>
              }
            />
          )}
          {certificate.data && (
            <p className="rating-certificate">
              {t('rating.result.certificate', {
                number: certificate.data.number,
                expires: formatValidThrough(certificate.data.expiresAt),
              })}{' '}
              <a
                href={certificatePdf(certificate.data.certificateId)}
                download={`${certificate.data.number}.pdf`}
              >
                <FilePdfOutlined aria-hidden="true" /> {t('rating.list.download')}
                <span className="visually-hidden"> {certificate.data.number}</span>
              </a>
            </p>
          )}
        </>
      )}
    </Card>
  );
}

/**
 * One dossier: where it stands and what the producer does next, its history, the self-assessment on the round's
 * scoring sheet, the documents, submitting (and withdrawing), and the result and certificate once decided.
 */
export function Component() {
  const { t } = useTranslation();
  const { dossierId = '' } = useParams();
  const queryClient = useQueryClient();
  const path = { params: { path: { dossierId } } };

  const dossier = useDossier(dossierId);
  const history = useQuery({
    queryKey: ['rating', 'dossier', dossierId, 'history'],
    queryFn: async () =>
      (await call(api.GET('/api/rating/dossiers/{dossierId}/history', path))) as unknown as HistoryEntry[],
  });
  const round = useRound(dossier.data?.roundId);
  const sheet = useScoringSheet(dossier.data?.rubric.sheetId);

  usePageTitle(dossier.data?.productName ?? t('rating.dossier.title'));

  const saved = dossier.data?.selfAssessment?.choices;
  const [choices, setChoices] = useState<Choices>({});
  useEffect(() => setChoices(saved ?? {}), [saved]);
  const [criterionErrors, setCriterionErrors] = useState<Record<string, string>>({});
  const [itemErrors, setItemErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [busy, setBusy] = useState<'save' | 'submit' | 'withdraw'>();

  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['rating', 'dossier', dossierId] }),
      queryClient.invalidateQueries({ queryKey: ['rating', 'dossiers'] }),
    ]);

  if (dossier.isPending) return <Skeleton active />;
  if (dossier.error || !dossier.data) {
    return (
      <>
        <h1>{t('rating.dossier.title')}</h1>
        <Alert type="warning" showIcon title={ratingProblem(t, dossier.error)} />
        <p>
          <Link to="/ho-so">{t('rating.dossier.back')}</Link>
        </p>
      </>
    );
  }
  const d = dossier.data;
  const editable = EDITABLE.includes(d.status);
  const dirty = !sameChoices(choices, saved ?? {});

  async function save(): Promise<void> {
    setCriterionErrors({});
    // The generated schema types the free-form object as Record<string, never>; rating takes key → option index.
    const selfAssessment = choices as unknown as Record<string, never>;
    await call(api.PATCH('/api/rating/dossiers/{dossierId}', { ...path, body: { selfAssessment } }));
    await refresh();
  }

  async function run(kind: 'save' | 'submit' | 'withdraw') {
    setProblem(undefined);
    setNotice(undefined);
    setBusy(kind);
    try {
      if (kind === 'withdraw') {
        await call(api.POST('/api/rating/dossiers/{dossierId}/withdraw', path));
        await refresh();
        setNotice(t('rating.dossier.withdrawn'));
        return;
      }
      if (dirty || kind === 'save') await save();
      if (kind === 'save') {
        setNotice(t('rating.sheet.saved'));
        return;
      }
      setItemErrors({});
      await call(api.POST('/api/rating/dossiers/{dossierId}/submit', path));
      await refresh();
      setNotice(t('rating.dossier.submitted'));
    } catch (failure) {
      showFailure(failure);
    } finally {
      setBusy(undefined);
    }
  }

  // The service's completeness checks put their message beside what is missing: criteria in the sheet, items in
  // the checklist; the first of them gets the focus.
  function showFailure(failure: unknown) {
    const code = failure instanceof ApiProblem ? failure.code : '';
    const criteria = code === 'self-assessment-incomplete' ? problemList(failure, 'criteria') : [];
    const items = code === 'dossier-incomplete' ? problemList(failure, 'items') : [];
    setCriterionErrors(Object.fromEntries(criteria.map((k) => [k, t('rating.sheet.unanswered')])));
    setItemErrors(Object.fromEntries(items.map((k) => [k, t('rating.files.missing')])));
    setProblem(ratingProblem(t, failure));
    const first = criteria[0]
      ? `criterion-${criteria[0].replace(/\./g, '-')}`
      : items[0]
        ? `item-${items[0]}`
        : undefined;
    if (first) {
      requestAnimationFrame(() => {
        const target = document.getElementById(first);
        target?.scrollIntoView({ block: 'center' });
        target?.querySelector<HTMLElement>('input, button')?.focus();
      });
    }
  }

  const unanswered = sheet.data
    ? criteriaOf(sheet.data, d.rubric.case).filter((c) => choices[c.key] == null)
    : [];
  const requiredMissing = d.checklist.filter(
    (i) => i.required && !i.supplementDueOn && !i.attachments.length,
  );

  return (
    <>
      <p className="rating-breadcrumb">
        <Link to="/ho-so">{t('rating.dossier.back')}</Link>
      </p>
      <h1>{d.productName}</h1>
      <div className="status-line">
        <StatusTag status={d.status} />
        {round.data && <span>{round.data.name}</span>}
      </div>

      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        {notice && <Alert type="success" showIcon title={notice} role="status" />}
        <Card title={<h2 className="card-title">{t('rating.dossier.status')}</h2>}>
          <NextStep dossier={d} round={round.data} history={history.data ?? []} />
          <h3 className="rating-subheading">{t('rating.dossier.history')}</h3>
          {history.isPending ? (
            <Skeleton active paragraph={{ rows: 2 }} />
          ) : history.error ? (
            <Alert type="warning" showIcon title={ratingProblem(t, history.error)} />
          ) : (
            <Timeline
              className="rating-timeline"
              items={(history.data ?? []).map((h, i) => ({
                key: i,
                content: (
                  <>
                    <strong>{t(`rating.action.${h.action}`, { defaultValue: h.action })}</strong>{' '}
                    <span className="rating-muted">{formatDateTime(h.at)}</span>
                    {h.comment && <p className="rating-history-comment">{h.comment}</p>}
                  </>
                ),
              }))}
            />
          )}
        </Card>

        {d.status === 'decided' && <ResultCard dossier={d} />}

        <Card title={<h2 className="card-title">{t('rating.sheet.title')}</h2>}>
          {sheet.isPending ? (
            <Skeleton active />
          ) : sheet.error || !sheet.data ? (
            <Alert type="warning" showIcon title={ratingProblem(t, sheet.error)} />
          ) : (
            <>
              <p className="rating-sheet-name">
                {t('rating.sheet.which', {
                  set: sheet.data.setNo ?? sheet.data.setCode,
                  name: sheet.data.name,
                })}
              </p>
              {editable && <p className="rating-muted">{t('rating.sheet.help')}</p>}
              <ScoringSheetForm
                sheet={sheet.data}
                caseCode={d.rubric.case}
                value={choices}
                onChange={(next) => {
                  setChoices(next);
                  setCriterionErrors({});
                }}
                readOnly={!editable}
                errors={criterionErrors}
              />
              {editable && (
                <Button onClick={() => void run('save')} loading={busy === 'save'} disabled={!dirty}>
                  {t('rating.sheet.save')}
                </Button>
              )}
            </>
          )}
        </Card>

        <Card title={<h2 className="card-title">{t('rating.files.title')}</h2>}>
          <AttachmentChecklist
            dossier={d}
            errors={itemErrors}
            onChanged={() => {
              // A refusal to submit was about the files as they were: the checklist now says what is missing.
              setProblem(undefined);
              return refresh();
            }}
          />
        </Card>

        {(editable || WITHDRAWABLE.includes(d.status)) && (
          <Card title={<h2 className="card-title">{t('rating.dossier.submitTitle')}</h2>}>
            {problem && <Alert type="error" showIcon title={problem} role="alert" className="form-alert" />}
            {editable && (
              <ul className="rating-checks">
                <li>{t('rating.dossier.checkCriteria', { count: unanswered.length })}</li>
                <li>{t('rating.dossier.checkFiles', { count: requiredMissing.length })}</li>
              </ul>
            )}
            <Space wrap>
              {/* The confirmations close at once (no promise returned): the page's own button shows the wait. */}
              {editable && (
                <Popconfirm
                  title={t(
                    d.status === 'returned'
                      ? 'rating.dossier.resubmitConfirm'
                      : 'rating.dossier.submitConfirm',
                  )}
                  okText={t('common.yes')}
                  cancelText={t('common.no')}
                  onConfirm={() => void run('submit')}
                >
                  <Button type="primary" loading={busy === 'submit'}>
                    {t(d.status === 'returned' ? 'rating.dossier.resubmit' : 'rating.dossier.submit')}
                  </Button>
                </Popconfirm>
              )}
              <Popconfirm
                title={t('rating.dossier.withdrawConfirm')}
                okText={t('common.yes')}
                cancelText={t('common.no')}
                onConfirm={() => void run('withdraw')}
              >
                <Button danger loading={busy === 'withdraw'}>
                  {t('rating.dossier.withdraw')}
                </Button>
              </Popconfirm>
            </Space>
          </Card>
        )}
      </Space>
    </>
  );
}
