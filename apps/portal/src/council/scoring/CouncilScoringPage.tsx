import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Popconfirm, Skeleton, Tag } from 'antd';
import type { TFunction } from 'i18next';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, call } from '../../common/api/client';
import { ApiProblem } from '../../common/api/problem';
import { formatBytes, formatDateTime, formatNumber } from '../../common/format/format';
import { ScrollBox } from '../../common/layout/ScrollBox';
import { usePageTitle } from '../../common/layout/usePageTitle';
import { useSession } from '../../common/session/session';
import type { Choices, Dossier } from '../../producer/rating/rating-views';
import { problemList, ratingProblem } from '../../producer/rating/rating-problems';
import { ScoringSheetForm } from '../../producer/rating/ScoringSheetForm';
import { StatusTag } from '../../producer/rating/StatusTag';
import { summarise } from '../../producer/rating/sheet-scoring';
import { type CouncilMember, type Scoresheet, useCouncil, useResult, useScoresheets } from './council-views';
import { useDossier, useRound, useScoringSheet } from '../../producer/rating/queries';
import './council.css';

/** The council's own words for what rating refuses, else the producer's rating words, else the service's. */
export function councilProblem(t: TFunction, problem: unknown): string {
  const own =
    problem instanceof ApiProblem ? t(`council.problems.${problem.code}`, { defaultValue: '' }) : '';
  return own || ratingProblem(t, problem);
}

const FINALISED = ['scored', 'decided', 'proposed'];

/** The dossier's documents and registration, to read beside the sheet: the evidence the council scores on. */
function Evidence({ dossier }: { dossier: Dossier }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  return (
    <section className="panel council-evidence" aria-labelledby={id}>
      <h2 id={id}>{t('council.evidence')}</h2>
      <dl className="council-facts">
        <dt>{t('council.productName')}</dt>
        <dd>{dossier.registration.productNameVi}</dd>
        <dt>{t('council.representative')}</dt>
        <dd>{dossier.registration.representative}</dd>
      </dl>
      <ul className="council-files">
        {dossier.checklist
          .filter((item) => item.attachments.length > 0)
          .map((item) => (
            <li key={item.code}>
              <span className="council-file-item">{i18n.language === 'en' ? item.nameEn : item.nameVi}</span>
              {item.attachments.map((a) => (
                <a
                  key={a.attachmentId}
                  href={`/api/rating/dossiers/${dossier.dossierId}/attachments/${a.attachmentId}`}
                  download
                >
                  {a.fileName} ({formatBytes(a.sizeBytes)})
                </a>
              ))}
            </li>
          ))}
      </ul>
    </section>
  );
}

/** The chair's view of the council: who has submitted, whose sheet is far apart and how they explained it. */
function Progress({
  members,
  sheets,
  onFinalise,
  finalising,
  finalised,
}: {
  members: CouncilMember[];
  sheets: Scoresheet[];
  onFinalise: () => void;
  finalising: boolean;
  finalised: boolean;
}) {
  const { t } = useTranslation();
  const id = useId();
  const byMember = new Map(sheets.filter((s) => s.revision === 1).map((s) => [s.memberAccountId, s]));
  const submitted = members.filter((m) => byMember.get(m.accountId)?.submitted).length;
  const unexplained = [...byMember.values()].filter((s) => s.farApart && !s.note).length;
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>{t(finalised ? 'council.sheets' : 'council.progress')}</h2>
      <p>{t('council.submittedCount', { submitted, total: members.length })}</p>
      <ScrollBox labelledBy={id}>
        <table className="council-table">
          <thead>
            <tr>
              <th scope="col">{t('council.member')}</th>
              <th scope="col">{t('council.sheetState')}</th>
              <th scope="col">{t('council.spread')}</th>
              {finalised && <th scope="col">{t('council.total')}</th>}
            </tr>
          </thead>
          <tbody>
            {members.map((m) => {
              const s = byMember.get(m.accountId);
              return (
                <tr key={m.accountId}>
                  <th scope="row">
                    {m.displayName}
                    {m.role === 'chair' && <span className="muted"> · {t('council.chair')}</span>}
                  </th>
                  <td>
                    {t(
                      s?.submitted
                        ? 'council.state.submitted'
                        : s
                          ? 'council.state.draft'
                          : 'council.state.none',
                    )}
                  </td>
                  <td>
                    {s?.farApart ? (
                      <>
                        <Tag color="#ad4e00">{t('council.farApart', { points: s.spreadPoints })}</Tag>
                        <div>{s.note ? t('council.noteIs', { note: s.note }) : t('council.noteMissing')}</div>
                      </>
                    ) : s?.submitted ? (
                      t('council.close')
                    ) : (
                      '—'
                    )}
                  </td>
                  {finalised && <td>{s?.totals ? formatNumber(s.totals.total) : '—'}</td>}
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollBox>
      {!finalised && (
        <>
          {unexplained > 0 && (
            <Alert
              type="warning"
              showIcon
              className="council-alert"
              title={t('council.waitForNotes', { count: unexplained })}
            />
          )}
          <Popconfirm
            title={t('council.finaliseConfirm')}
            okText={t('common.yes')}
            cancelText={t('common.no')}
            onConfirm={onFinalise}
          >
            <Button type="primary" loading={finalising}>
              {t('council.finalise')}
            </Button>
          </Popconfirm>
        </>
      )}
    </section>
  );
}

/** A member explains a sheet far apart from the others'; the chair finalises once every such sheet is explained. */
function NoteForm({
  dossierId,
  sheet,
  onSaved,
}: {
  dossierId: string;
  sheet: Scoresheet;
  onSaved: () => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ note: string }>();
  const [busy, setBusy] = useState(false);
  async function send({ note }: { note: string }) {
    setBusy(true);
    try {
      await call(
        api.POST('/api/rating/dossiers/{dossierId}/scoresheets/mine/note', {
          params: { path: { dossierId } },
          body: { note },
        }),
      );
      await onSaved();
    } catch (problem) {
      form.setFields([{ name: 'note', errors: [councilProblem(t, problem)] }]);
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      {sheet.note && (
        <p role="status" className="council-note-sent">
          {t('council.noteSent', { at: formatDateTime(sheet.notedAt ?? ''), note: sheet.note })}
        </p>
      )}
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => void send(v)}
        initialValues={{ note: sheet.note ?? '' }}
      >
        <Form.Item
          name="note"
          label={t('council.note')}
          extra={t('council.noteHelp')}
          rules={[{ required: true, whitespace: true, min: 3, message: t('council.noteRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
        <Button htmlType="submit" loading={busy}>
          {t(sheet.note ? 'council.changeNote' : 'council.sendNote')}
        </Button>
      </Form>
    </>
  );
}

/**
 * A council member's scoring of one dossier: the sheet as a form beside the dossier's evidence, with the running
 * total, the star it implies and the markers that cap it; a draft to save, a sheet to submit. A sheet far apart
 * from the others asks its member for a note. The chair also sees the council's progress and finalises; once
 * finalised every member sees every sheet.
 */
export function Component() {
  const { t, i18n } = useTranslation();
  const { dossierId = '' } = useParams();
  const { account } = useSession();
  const queryClient = useQueryClient();
  const dossier = useDossier(dossierId);
  const d = dossier.data;
  const round = useRound(d?.roundId);
  const sheet = useScoringSheet(d?.rubric.sheetId);
  const council = useCouncil(d?.roundId);
  const sheets = useScoresheets(dossierId);
  const finalised = !!d && FINALISED.includes(d.status);
  const result = useResult(dossierId, finalised);
  usePageTitle(d?.productName ?? t('council.title'));

  const mine = sheets.data?.find((s) => s.revision === 1 && s.memberAccountId === account?.accountId);
  const role = council.data?.find((m) => m.accountId === account?.accountId)?.role;
  const [choices, setChoices] = useState<Choices>({});
  const saved = mine?.choices;
  useEffect(() => setChoices(saved ?? {}), [saved]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [busy, setBusy] = useState<'save' | 'submit' | 'finalise'>();
  const sheetHeading = useId();

  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['rating', 'dossier', dossierId] }),
      queryClient.invalidateQueries({ queryKey: ['rating', 'council', 'dossiers'] }),
    ]);

  if (dossier.isPending) return <Skeleton active />;
  if (dossier.error || !d)
    return (
      <>
        <p>
          <Link to="/hoi-dong">← {t('council.back')}</Link>
        </p>
        <h1>{t('council.title')}</h1>
        <Alert type="warning" showIcon title={councilProblem(t, dossier.error)} />
      </>
    );

  const submitted = !!mine?.submitted;
  const editable = d.status === 'accepted' && round.data?.status === 'scoring' && !submitted && !!role;

  async function act(kind: 'save' | 'submit' | 'finalise') {
    setProblem(undefined);
    setNotice(undefined);
    setErrors({});
    setBusy(kind);
    const path = { params: { path: { dossierId } } };
    // The generated schema types the free-form map as Record<string, never>; rating takes key → option index.
    const body = { choices: choices as unknown as Record<string, never> };
    try {
      if (kind === 'save')
        await call(api.PUT('/api/rating/dossiers/{dossierId}/scoresheets/mine', { ...path, body }));
      if (kind === 'submit')
        await call(api.POST('/api/rating/dossiers/{dossierId}/scoresheets/mine/submit', { ...path, body }));
      if (kind === 'finalise') await call(api.POST('/api/rating/dossiers/{dossierId}/result/finalise', path));
      await refresh();
      setNotice(t(`council.done.${kind}`));
    } catch (failure) {
      const criteria =
        failure instanceof ApiProblem && failure.code === 'scoresheet-incomplete'
          ? problemList(failure, 'criteria')
          : [];
      setErrors(Object.fromEntries(criteria.map((k) => [k, t('rating.sheet.unanswered')])));
      setProblem(councilProblem(t, failure));
      if (criteria[0])
        requestAnimationFrame(() => {
          const target = document.getElementById(`criterion-${criteria[0].replace(/\./g, '-')}`);
          target?.scrollIntoView({ block: 'center' });
          target?.querySelector<HTMLElement>('input')?.focus();
        });
    } finally {
      setBusy(undefined);
    }
  }

  const summary = sheet.data && summarise(sheet.data, choices, d.rubric.case);

  return (
    <>
      <p>
        <Link to="/hoi-dong">← {t('council.back')}</Link>
      </p>
      <h1>{d.productName}</h1>
      <div className="status-line">
        <StatusTag status={d.status} />
        {round.data && <span>{round.data.name}</span>}
        {role && (
          <span className="muted">{t(role === 'chair' ? 'council.youChair' : 'council.youMember')}</span>
        )}
      </div>
      {notice && <Alert type="success" showIcon role="status" title={notice} className="council-alert" />}
      {problem && <Alert type="error" showIcon role="alert" title={problem} className="council-alert" />}

      {finalised && result.data && (
        <section className="panel" aria-labelledby="council-result">
          <h2 id="council-result">{t('council.result')}</h2>
          <p className="council-result-line">
            {t('council.resultLine', {
              stars: result.data.stars,
              average: formatNumber(result.data.average),
              sheets: result.data.sheetCount,
            })}
          </p>
          {result.data.cappedBy.explanations.length > 0 && (
            <>
              <p>{t('council.cappedBecause')}</p>
              <ul>
                {result.data.cappedBy.explanations.map((e) => (
                  <li key={e.vi}>{i18n.language === 'en' ? e.en : e.vi}</li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}

      {(role === 'chair' || finalised) && council.data && sheets.data && (
        <Progress
          members={council.data}
          sheets={sheets.data}
          finalised={finalised}
          finalising={busy === 'finalise'}
          onFinalise={() => void act('finalise')}
        />
      )}

      <div className="council-layout">
        <section className="panel council-sheet" aria-labelledby={sheetHeading}>
          <h2 id={sheetHeading}>{t('council.mySheet')}</h2>
          {!role && <p className="muted">{t('council.notMember')}</p>}
          {role && d.status === 'accepted' && round.data && round.data.status !== 'scoring' && (
            <p className="muted">{t('council.notStarted')}</p>
          )}
          {mine && (
            <p className="muted">
              {submitted
                ? t('council.submittedAt', { at: formatDateTime(mine.submittedAt ?? '') })
                : t('council.draftSaved')}
            </p>
          )}
          {submitted && mine?.farApart && (
            <Alert
              type="warning"
              showIcon
              className="council-alert"
              title={t('council.yourSheetFarApart', { points: mine.spreadPoints })}
              description={
                finalised ? (
                  mine.note && t('council.noteIs', { note: mine.note })
                ) : (
                  <NoteForm dossierId={dossierId} sheet={mine} onSaved={refresh} />
                )
              }
            />
          )}
          {sheet.isPending ? (
            <Skeleton active />
          ) : sheet.error || !sheet.data ? (
            <Alert type="warning" showIcon title={councilProblem(t, sheet.error)} />
          ) : (
            <ScoringSheetForm
              sheet={sheet.data}
              caseCode={d.rubric.case}
              value={choices}
              onChange={(next) => {
                setChoices(next);
                setErrors({});
              }}
              readOnly={!editable}
              errors={errors}
            />
          )}
          {editable && summary && (
            <div className="actions">
              <Button onClick={() => void act('save')} loading={busy === 'save'}>
                {t('council.saveDraft')}
              </Button>
              <Popconfirm
                title={t('council.submitConfirm', {
                  total: formatNumber(summary.total),
                  stars: summary.stars,
                })}
                okText={t('common.yes')}
                cancelText={t('common.no')}
                onConfirm={() => void act('submit')}
              >
                <Button type="primary" loading={busy === 'submit'}>
                  {t('council.submit')}
                </Button>
              </Popconfirm>
            </div>
          )}
        </section>
        <Evidence dossier={d} />
      </div>
    </>
  );
}
