import { Alert, Button, Form, Input, Skeleton, Tag } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { problemMessage } from '../../common/api/problem';
import { useProblemForm } from '../../common/forms/useProblemForm';
import { formatDateTime } from '../../common/format/format';
import { Section } from '../../common/layout/Section';
import { usePageTitle } from '../../common/layout/usePageTitle';
import { type Notice, PageNotice } from '../../common/notice/PageNotice';
import { useSession } from '../../common/session/session';
import { type ReportCase, type ReportStatus, useReport, useReportTransition } from './report-views';
import './reports.css';

const STATUS_COLOURS: Record<ReportStatus, string> = {
  new: '#a8071a',
  investigating: '#ad4e00',
  closed: '#595959',
};

export function ReportStatusTag({ status }: { status: ReportStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOURS[status]}>{t(`reports.status.${status}`)}</Tag>;
}

const Card = (props: { title: string; help?: string; children: ReactNode }) => (
  <Section className="panel" {...props} />
);

/** Taking a case up, or closing it with what was found and done (the note a close needs is checked here first). */
function Triage({ report, onDone }: { report: ReportCase; onDone: (text: string) => void }) {
  const { t } = useTranslation();
  const move = useReportTransition(report.reportId);
  const [form] = Form.useForm<{ note?: string }>();
  const { formProblem, showProblem, clearProblem } = useProblemForm(form);
  const [chosen, setChosen] = useState<'investigating' | 'closed'>();

  async function run(status: 'investigating' | 'closed') {
    clearProblem();
    setChosen(status);
    const note = (form.getFieldValue('note') as string | undefined)?.trim();
    if (status === 'closed' && (!note || note.length < 3)) {
      form.setFields([{ name: 'note', errors: [t('reports.noteRequired')] }]);
      form.scrollToField('note', { focus: true });
      return;
    }
    form.setFields([{ name: 'note', errors: [] }]);
    try {
      await move.mutateAsync({ status, ...(note ? { note } : {}) });
      form.resetFields();
      onDone(t(status === 'closed' ? 'reports.closed' : 'reports.investigating'));
    } catch (problem) {
      showProblem(problem);
    }
  }

  return (
    <Card title={t('reports.decide')} help={t('reports.decideHelp')}>
      {formProblem && <Alert type="error" showIcon title={formProblem} className="page-alert" />}
      <Form form={form} layout="vertical" requiredMark={false} onFinish={() => undefined}>
        <Form.Item name="note" label={t('reports.note')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <div className="actions">
          {report.status === 'new' && (
            <Button
              type="primary"
              loading={move.isPending && chosen === 'investigating'}
              disabled={move.isPending && chosen !== 'investigating'}
              onClick={() => void run('investigating')}
            >
              {t('reports.investigate')}
            </Button>
          )}
          <Button
            loading={move.isPending && chosen === 'closed'}
            disabled={move.isPending && chosen !== 'closed'}
            onClick={() => void run('closed')}
          >
            {t('reports.close')}
          </Button>
        </div>
      </Form>
    </Card>
  );
}

/**
 * A consumer's report as a case: what they wrote and scanned, the product it names, how it was handled. Officers of
 * the producer's territory take it up and close it; the producer reads it (lookup hides the contact and the notes).
 */
export function Component() {
  const { t, i18n } = useTranslation();
  const { reportId = '' } = useParams();
  const { account } = useSession();
  const report = useReport(reportId);
  const [notice, setNotice] = useState<Notice>();
  const r = report.data;
  usePageTitle(
    r ? t('reports.pageTitle', { category: t(`reports.category.${r.category}`) }) : t('reports.title'),
  );
  const officer = !!account?.roles.includes('officer');
  // Admins may triage too (lookup lets them); only officers read the reporter's contact.
  const triages = officer || !!account?.roles.includes('admin');
  const productName = r?.product
    ? ((i18n.language === 'en' ? r.product.nameEn : r.product.nameVi) ?? '')
    : '';
  const code = r
    ? [`(01)${r.gtin}`, r.lot && `(10)${r.lot}`, r.serial && `(21)${r.serial}`].filter(Boolean).join(' ')
    : '';
  return (
    <>
      <p>
        <Link to={triages ? '/can-bo' : '/co-so'}>← {t('reports.back')}</Link>
      </p>
      {report.isPending ? (
        <Skeleton active />
      ) : report.error || !r ? (
        <Alert
          type="warning"
          showIcon
          title={
            (report.error as { status?: number } | null)?.status === 404
              ? t('reports.notFound')
              : problemMessage(t, report.error)
          }
        />
      ) : (
        <>
          <h1>{t('reports.pageTitle', { category: t(`reports.category.${r.category}`) })}</h1>
          <p>
            <ReportStatusTag status={r.status} /> {t('reports.filedAt', { time: formatDateTime(r.filedAt) })}
          </p>
          <PageNotice notice={notice} />
          <dl className="facts">
            <dt>{t('reports.message')}</dt>
            <dd className="report-message">{r.message}</dd>
            <dt>{t('reports.product')}</dt>
            <dd>{r.product ? productName : t('reports.unknownProduct')}</dd>
            <dt>{t('reports.code')}</dt>
            <dd>{code}</dd>
            {r.outcome && (
              <>
                <dt>{t('reports.scanOutcome')}</dt>
                <dd>{t(`verify.outcome.${r.outcome}`, { defaultValue: r.outcome })}</dd>
              </>
            )}
            {officer && (
              <>
                <dt>{t('reports.contact')}</dt>
                <dd>{r.contact || t('reports.noContact')}</dd>
              </>
            )}
          </dl>
          {triages && r.status !== 'closed' && (
            <Triage report={r} onDone={(text) => setNotice({ type: 'success', text })} />
          )}
          <Card title={t('reports.history')}>
            {(r.history ?? []).length === 0 ? (
              <p>{t('reports.noHistory')}</p>
            ) : (
              <ol className="report-history">
                {(r.history ?? []).map((h, i) => (
                  <li key={i}>
                    <strong>
                      {t('reports.step', {
                        from: t(`reports.status.${h.from}`),
                        to: t(`reports.status.${h.to}`),
                      })}
                    </strong>{' '}
                    {formatDateTime(h.at)}
                    {h.note && <div>{h.note}</div>}
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
