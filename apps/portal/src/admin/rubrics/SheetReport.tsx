import { Button, Popconfirm, Skeleton, Alert } from 'antd';
import type { TFunction } from 'i18next';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, problemMessage } from '../../common/api/problem';
import type { Notice } from '../../common/notice/PageNotice';
import {
  issueText,
  type RubricIssue,
  type SheetReport as Report,
  type SheetTotals,
  type UnverifiedRow,
  useActivateSheet,
  useRevisionReport,
} from './rubric-views';

/** The points each part reaches against the decision's maximum, per case where the sheet offers several. */
export function Totals({ totals }: { totals: SheetTotals[] }) {
  const { t } = useTranslation();
  return (
    <>
      {totals.map((total) => (
        <p key={total.case ?? ''} className="rubric-totals">
          {total.case ? t('adminRubrics.caseTotals', { case: total.case }) : ''}
          {t('adminRubrics.totals', {
            a: total.parts.A.reached,
            aMax: total.parts.A.maximum,
            b: total.parts.B.reached,
            bMax: total.parts.B.maximum,
            c: total.parts.C.reached,
            cMax: total.parts.C.maximum,
            total: total.total,
          })}
        </p>
      ))}
    </>
  );
}

/** Where an issue is, as the admin finds it in the spreadsheet: the row, then the criterion or part. */
function whereOf(t: TFunction, at: string | undefined, line: number | undefined): string {
  return [line !== undefined ? t('adminRubrics.where', { line }) : undefined, at].filter(Boolean).join(' · ');
}

/** Errors, oddities or unverified rows under a small heading; nothing when there are none. */
export function Issues({
  title,
  issues,
  severity,
  level = 4,
}: {
  title: string;
  issues: (RubricIssue | UnverifiedRow)[];
  severity: 'error' | 'warning' | 'note';
  /** Under the heading of what they are about. */
  level?: 4 | 5;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  if (issues.length === 0) return null;
  const Heading = `h${level}` as const;
  return (
    <div className={`rubric-issues rubric-issues-${severity}`}>
      <Heading id={headingId}>{title}</Heading>
      <ul aria-labelledby={headingId}>
        {issues.map((issue, i) => {
          const where = whereOf(t, issue.at, issue.line);
          return (
            <li key={i}>
              {where && <span className="rubric-where">{where}: </span>}
              {'reason' in issue ? issue.reason : issueText(issue)}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** A sheet's validation report: what it adds up to, and what is wrong with it, row by row (under an h4). */
export function ReportView({ report }: { report: Report }) {
  const { t } = useTranslation();
  return (
    <>
      <Totals totals={report.totals} />
      <p className="muted">
        {t('adminRubrics.reportCounts', { criteria: report.criteria, options: report.options })}
      </p>
      {report.errors.length === 0 && <p>{t('adminRubrics.reportClean')}</p>}
      <Issues title={t('adminRubrics.errors')} issues={report.errors} severity="error" level={5} />
      <Issues title={t('adminRubrics.warnings')} issues={report.warnings} severity="warning" level={5} />
      <Issues title={t('adminRubrics.unverified')} issues={report.unverified} severity="note" level={5} />
    </>
  );
}

/** A stored revision's report, read when it is first shown. */
export function StoredReport({ sheetId }: { sheetId: string }) {
  const { t } = useTranslation();
  const report = useRevisionReport(sheetId, true);
  if (report.isPending) return <Skeleton active paragraph={{ rows: 2 }} title={false} />;
  if (report.error) return <Alert type="warning" showIcon title={problemMessage(t, report.error)} />;
  return <ReportView report={report.data} />;
}

/** Why rating would not activate a sheet, in the admin's words, with the errors it named. */
export function activationProblem(t: TFunction, problem: unknown): string {
  if (!(problem instanceof ApiProblem)) return problemMessage(t, problem);
  if (problem.code === 'not-found') return t('adminRubrics.problems.not-found-sheet');
  const own = t(`adminRubrics.problems.${problem.code}`, { defaultValue: '' });
  if (!own) return problemMessage(t, problem);
  const errors = (problem.extensions['errors'] as RubricIssue[] | undefined) ?? [];
  return [own, ...errors.map(issueText)].join(' ');
}

/**
 * Activates a revision after the admin confirms, saying what follows: new rounds pin it, open rounds keep theirs.
 * What came of it goes to `onOutcome`, for the set's own message area.
 */
export function ActivateButton({
  sheet,
  again = false,
  onOutcome,
}: {
  sheet: { sheetId: string; revision: number; name: string };
  again?: boolean;
  onOutcome: (notice: Notice) => void;
}) {
  const { t } = useTranslation();
  const activate = useActivateSheet();
  const names = { name: sheet.name, revision: sheet.revision };
  const action = again ? t('adminRubrics.activateAgain') : t('adminRubrics.activate');

  async function run() {
    try {
      await activate.mutateAsync(sheet.sheetId);
      onOutcome({ type: 'success', text: t('adminRubrics.activated', names) });
    } catch (problem) {
      onOutcome({
        type: 'error',
        text: t('adminRubrics.activationRefused', { reason: activationProblem(t, problem) }),
      });
    }
  }

  return (
    <Popconfirm
      title={t('adminRubrics.activateConfirm', names)}
      description={t('adminRubrics.activateConsequence')}
      okText={t('adminRubrics.activate')}
      cancelText={t('common.cancel')}
      onConfirm={() => void run()}
    >
      <Button
        type={again ? 'default' : 'primary'}
        loading={activate.isPending}
        aria-label={`${action}: ${t('adminRubrics.revisionOf', names)}`}
      >
        {action}
      </Button>
    </Popconfirm>
  );
}
