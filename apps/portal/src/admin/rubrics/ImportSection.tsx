import { Alert, Button, Form, Input, Select, Tag } from 'antd';
import type { TFunction } from 'i18next';
import { type RefObject, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, fieldMessages, problemMessage } from '../../common/api/problem';
import { formatMegabytes } from '../../common/format/format';
import type { Notice } from '../../common/notice/PageNotice';
import {
  type ImportResult,
  issueText,
  type RubricIssue,
  SHEET_ACCEPT,
  SHEET_MAX_BYTES,
  sheetType,
  useImportSheets,
  type VersionValidation,
} from './rubric-views';
import { ActivateButton, Issues, ReportView } from './SheetReport';

/** Where a refusal belongs: under the file, the decision or the note; else above the form. */
export interface ImportRefusal {
  field: 'file' | 'version' | 'note' | 'form';
  message: string;
  /** The file's own issues (a set the decision does not have), listed under the message. */
  issues: RubricIssue[];
}

/** Rating's refusal of an import (rubrics.controller.ts, rubric-catalog.ts import), told where it belongs. */
export function importRefusal(t: TFunction, problem: unknown): ImportRefusal {
  const max = formatMegabytes(SHEET_MAX_BYTES);
  const refusal = (field: ImportRefusal['field'], message: string, issues: RubricIssue[] = []) => ({
    field,
    message,
    issues,
  });
  if (!(problem instanceof ApiProblem)) return refusal('form', problemMessage(t, problem));
  const line = problem.extensions['line'];
  switch (problem.code) {
    case 'rubric-import-unreadable':
      return refusal(
        'file',
        typeof line === 'number'
          ? t('adminRubrics.problems.rubric-import-unreadable-at', { line })
          : t('adminRubrics.problems.rubric-import-unreadable'),
      );
    case 'rubric-import-invalid':
      return refusal(
        'file',
        t('adminRubrics.problems.rubric-import-invalid'),
        ((problem.extensions['issues'] as RubricIssue[] | undefined) ?? []).filter(
          (i) => i.severity === 'error',
        ),
      );
    case 'payload-too-large':
    case 'unsupported-media-type':
      return refusal('file', t(`adminRubrics.problems.${problem.code}`, { max }));
    case 'not-found':
      return refusal('version', t('adminRubrics.problems.not-found-version'));
    case 'validation-failed': {
      // The body (a type rating does not read) and the file's name are the file's; the note is the note's.
      const fields = fieldMessages(t, problem);
      if (fields['note']) return refusal('note', fields['note']);
      if (fields['body'] || fields['fileName']) return refusal('file', t('adminRubrics.fileType'));
      return refusal('form', problemMessage(t, problem));
    }
    default:
      return refusal('form', problemMessage(t, problem));
  }
}

/** Why a file cannot go, before it is sent; undefined when it may. */
function fileCheck(t: TFunction, file: File | undefined): string | undefined {
  const max = formatMegabytes(SHEET_MAX_BYTES);
  if (!file) return t('adminRubrics.fileRequired');
  if (!sheetType(file.name)) return t('adminRubrics.fileType');
  if (file.size === 0) return t('adminRubrics.fileEmpty');
  if (file.size > SHEET_MAX_BYTES) return t('adminRubrics.fileTooLarge', { max });
  return undefined;
}

/**
 * The file as a field of the form: a button named for what it does opens the browser's chooser (whose own words
 * are in the browser's language, not the page's), the chosen name beside it, the refusal under it.
 */
function FileField({
  file,
  onChange,
  refusal,
  buttonRef,
}: {
  file: File | undefined;
  onChange: (file: File | undefined) => void;
  refusal: { message: string; issues: RubricIssue[] } | undefined;
  buttonRef: RefObject<HTMLButtonElement | null>;
}) {
  const { t } = useTranslation();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const action = file ? t('adminRubrics.chooseOther') : t('adminRubrics.chooseFile');
  return (
    <div className={`rubric-file${refusal ? ' rubric-file-refused' : ''}`}>
      <span id={`${id}-label`} className="rubric-label">
        {t('adminRubrics.file')}
      </span>
      <input
        ref={input}
        type="file"
        accept={SHEET_ACCEPT}
        hidden
        onChange={(e) => {
          onChange(e.target.files?.[0]);
          e.target.value = '';
        }}
      />
      <div className="rubric-file-choice">
        <Button
          ref={buttonRef}
          id={`${id}-button`}
          danger={!!refusal}
          aria-labelledby={`${id}-label ${id}-button`}
          aria-describedby={`${id}-chosen ${id}-help${refusal ? ` ${id}-error` : ''}`}
          aria-invalid={refusal ? true : undefined}
          onClick={() => input.current?.click()}
        >
          {action}
        </Button>
        <span id={`${id}-chosen`} className="rubric-file-name">
          {file?.name ?? t('adminRubrics.noFile')}
        </span>
      </div>
      <div id={`${id}-help`} className="muted">
        {t('adminRubrics.fileHelp', { max: formatMegabytes(SHEET_MAX_BYTES) })}
      </div>
      {refusal && (
        <div id={`${id}-error`} className="rubric-field-error" role="alert">
          {refusal.message}
          {refusal.issues.length > 0 && (
            <ul>
              {refusal.issues.map((issue, i) => (
                <li key={i}>{issueText(issue)}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}

/** The sheets an import made: each draft's report, and its activation when its points add up. */
function ImportedSheets({ result }: { result: ImportResult }) {
  const { t } = useTranslation();
  const headingId = useId();
  const [notices, setNotices] = useState<Record<string, Notice>>({});
  return (
    <section className="rubric-imported" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('adminRubrics.importedTitle')}</h3>
      <Issues title={t('adminRubrics.fileIssues')} issues={result.fileIssues} severity="warning" />
      <ul className="item-list rubric-list">
        {result.sheets.map((sheet) => (
          <li key={sheet.sheetId}>
            <h4 className="rubric-set-name">
              {sheet.setNo !== undefined ? `${sheet.setNo}. ` : ''}
              {sheet.name}
            </h4>
            <p>
              {t('adminRubrics.draftLine', {
                revision: sheet.revision,
                valid: sheet.usable ? t('adminRubrics.valid') : t('adminRubrics.invalid'),
              })}{' '}
              <Tag color={sheet.usable ? '#237804' : '#a8071a'}>
                {sheet.usable ? t('adminRubrics.state.usable') : t('adminRubrics.state.unusable')}
              </Tag>
            </p>
            <ReportView report={sheet.report} />
            <div aria-live="polite">
              {notices[sheet.sheetId] && (
                <Alert
                  type={notices[sheet.sheetId].type}
                  showIcon
                  title={notices[sheet.sheetId].text}
                  className="page-alert"
                />
              )}
            </div>
            {sheet.usable && notices[sheet.sheetId]?.type !== 'success' && (
              <ActivateButton
                sheet={sheet}
                onOutcome={(notice) => setNotices((all) => ({ ...all, [sheet.sheetId]: notice }))}
              />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

interface ImportValues {
  version: string;
  note?: string;
}

/**
 * Imports a file of corrected sheets: a decision, the file, a note on its source. Refusals are told under the
 * field they concern; what the file held is shown as drafts with their reports, to activate from here.
 */
export function ImportSection({ versions }: { versions: VersionValidation[] }) {
  const { t } = useTranslation();
  const headingId = useId();
  const [form] = Form.useForm<ImportValues>();
  const [file, setFile] = useState<File>();
  const [refusal, setRefusal] = useState<ImportRefusal>();
  const [result, setResult] = useState<ImportResult>();
  const importSheets = useImportSheets();
  const fileButton = useRef<HTMLButtonElement>(null);

  function refuse(refused: ImportRefusal) {
    setRefusal(refused);
    if (refused.field === 'file') fileButton.current?.focus();
    if (refused.field === 'version' || refused.field === 'note') {
      form.setFields([{ name: refused.field, errors: [refused.message] }]);
      form.scrollToField(refused.field, { focus: true });
    }
  }

  async function submit({ version, note }: ImportValues) {
    setRefusal(undefined);
    setResult(undefined);
    const check = fileCheck(t, file);
    if (check || !file) return refuse({ field: 'file', message: check ?? '', issues: [] });
    try {
      setResult(
        await importSheets.mutateAsync({ version, file, ...(note?.trim() ? { note: note.trim() } : {}) }),
      );
      setFile(undefined);
      form.setFieldValue('note', undefined);
    } catch (problem) {
      refuse(importRefusal(t, problem));
    }
  }

  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('adminRubrics.importTitle')}</h2>
      <p>{t('adminRubrics.importIntro', { max: formatMegabytes(SHEET_MAX_BYTES) })}</p>
      {refusal?.field === 'form' && (
        <Alert type="error" showIcon title={refusal.message} role="alert" className="form-alert" />
      )}
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        className="narrow-form"
        initialValues={{ version: versions[0]?.version }}
        onFinish={(values) => void submit(values)}
      >
        <Form.Item name="version" label={t('adminRubrics.decision')}>
          <Select
            options={versions.map((v) => ({
              value: v.version,
              label: t('adminRubrics.versionName', { legalBasis: v.legalBasis }),
            }))}
          />
        </Form.Item>
        <FileField
          file={file}
          onChange={(chosen) => {
            setFile(chosen);
            setRefusal(undefined);
          }}
          refusal={refusal?.field === 'file' ? refusal : undefined}
          buttonRef={fileButton}
        />
        <Form.Item
          name="note"
          label={t('adminRubrics.note')}
          extra={t('adminRubrics.noteHelp')}
          rules={[{ max: 1000 }]}
        >
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={importSheets.isPending}>
          {t('adminRubrics.import')}
        </Button>
      </Form>
      <div aria-live="polite">
        {result && (
          <Alert
            type="success"
            showIcon
            title={t('adminRubrics.imported', { count: result.sheets.length })}
            className="page-alert"
          />
        )}
      </div>
      {result && <ImportedSheets result={result} />}
    </section>
  );
}
