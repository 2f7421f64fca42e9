import { Alert, List, Progress, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../common/api/client';
import { daysUntil, formatCalendarDate, formatMegabytes } from '../../common/format/format';
import { ratingProblem } from './rating-problems';
import type { ChecklistItem, Dossier } from './rating-views';
import { EDITABLE, SUPPLEMENT_OPEN } from './rating-views';
import { FiledFile, FilePickerButton } from '../../common/documents/FileParts';
import { DOCUMENT_MAX_BYTES, fileRefusal } from '../../common/documents/files';
import { uploadAttachment } from './upload';

/** Whether the producer may file for the item now: while the dossier is theirs, or before a supplement's deadline. */
export function mayFile(dossier: Dossier, item: ChecklistItem, now = new Date()): boolean {
  if (EDITABLE.includes(dossier.status)) return true;
  return (
    item.supplementDueOn !== null &&
    SUPPLEMENT_OPEN.includes(dossier.status) &&
    daysUntil(item.supplementDueOn, now) >= 0
  );
}

function ChecklistRow({
  dossier,
  item,
  error,
  onChanged,
}: {
  dossier: Dossier;
  item: ChecklistItem;
  error?: string;
  onChanged: () => Promise<unknown>;
}) {
  const { t, i18n } = useTranslation();
  const [progress, setProgress] = useState<number>();
  const [problem, setProblem] = useState<string>();
  const name = i18n.language === 'en' ? item.nameEn : item.nameVi;
  const messageId = `item-${item.code}-message`;
  const editable = EDITABLE.includes(dossier.status);

  async function send(file: File) {
    setProblem(undefined);
    const refusal = fileRefusal(file);
    if (refusal) {
      setProblem(t(`rating.files.refused.${refusal}`, { max: formatMegabytes(DOCUMENT_MAX_BYTES) }));
      return;
    }
    setProgress(0);
    try {
      await uploadAttachment(dossier.dossierId, item.code, file, setProgress);
      await onChanged();
    } catch (failure) {
      setProblem(ratingProblem(t, failure));
    } finally {
      setProgress(undefined);
    }
  }

  async function remove(attachmentId: string) {
    setProblem(undefined);
    try {
      await call(
        api.DELETE('/api/rating/dossiers/{dossierId}/attachments/{attachmentId}', {
          params: { path: { dossierId: dossier.dossierId, attachmentId } },
        }),
      );
      await onChanged();
    } catch (failure) {
      setProblem(ratingProblem(t, failure));
    }
  }

  // The service's "missing" stands until the item has a file.
  const shown = problem ?? (item.attachments.length ? undefined : error);
  return (
    <List.Item className={`checklist-item${shown ? ' checklist-item-error' : ''}`}>
      <div className="checklist-body">
        <p className="checklist-name" id={`item-${item.code}`}>
          {item.attachments.length > 0 ? (
            <Tag color="#1f6f43">{t('rating.files.filed')}</Tag>
          ) : item.required ? (
            <Tag color="#a8071a">{t('rating.files.required')}</Tag>
          ) : (
            <Tag>{t('rating.files.optional')}</Tag>
          )}
          {name}
        </p>
        {item.officerComment && (
          <Alert
            type="warning"
            showIcon
            title={t('rating.files.officerSays', { comment: item.officerComment })}
          />
        )}
        {item.supplementDueOn && (
          <p className="checklist-due">
            {t('rating.files.supplementDue', { date: formatCalendarDate(item.supplementDueOn) })}
          </p>
        )}
        {item.attachments.length > 0 && (
          <ul className="checklist-files">
            {item.attachments.map((a) => (
              <li key={a.attachmentId}>
                <FiledFile
                  href={`/api/rating/dossiers/${dossier.dossierId}/attachments/${a.attachmentId}`}
                  fileName={a.fileName}
                  sizeBytes={a.sizeBytes}
                  uploadedAt={a.uploadedAt}
                  removeLabel={t('rating.files.remove')}
                  removeConfirm={t('rating.files.removeConfirm', { file: a.fileName })}
                  onRemove={editable ? () => void remove(a.attachmentId) : undefined}
                />
              </li>
            ))}
          </ul>
        )}
        {progress !== undefined && (
          <Progress
            percent={progress}
            size="small"
            aria-label={t('rating.files.progress', { name })}
            className="checklist-progress"
          />
        )}
        {shown && (
          <p id={messageId} className="checklist-error" role="alert">
            {shown}
          </p>
        )}
      </div>
      {mayFile(dossier, item) && (
        <div className="checklist-action">
          <FilePickerButton
            label={
              <>
                {t('rating.files.upload')}
                <span className="visually-hidden">: {name}</span>
              </>
            }
            busy={progress !== undefined}
            describedBy={shown ? messageId : undefined}
            onFile={(file) => void send(file)}
          />
        </div>
      )}
    </List.Item>
  );
}

/**
 * The dossier's documents as the checklist of its items (rating's DOSSIER_CHECKLIST): what is required, what the
 * officer asked for, the files filed, an upload per item with its progress, and removal while the dossier is the
 * producer's. `errors` are messages per item code (the service said a required one is missing).
 */
export function AttachmentChecklist({
  dossier,
  errors = {},
  onChanged,
}: {
  dossier: Dossier;
  errors?: Record<string, string>;
  onChanged: () => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const required = dossier.checklist.filter((i) => i.required);
  const filed = required.filter((i) => i.attachments.length > 0);
  return (
    <>
      <p className="checklist-limits">
        {t('rating.files.limits', { max: formatMegabytes(DOCUMENT_MAX_BYTES) })}{' '}
        <strong>{t('rating.files.requiredFiled', { filed: filed.length, total: required.length })}</strong>
      </p>
      <List
        dataSource={dossier.checklist}
        renderItem={(item) => (
          <ChecklistRow
            key={item.code}
            dossier={dossier}
            item={item}
            error={errors[item.code]}
            onChanged={onChanged}
          />
        )}
      />
    </>
  );
}
