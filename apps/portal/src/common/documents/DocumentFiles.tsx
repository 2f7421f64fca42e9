import { Alert, Progress, Skeleton } from 'antd';
import type { TFunction } from 'i18next';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, inLanguage, problemMessage } from '../api/problem';
import { formatMegabytes } from '../format/format';
import { Section } from '../layout/Section';
import {
  type DocumentOwner,
  documentHref,
  useDocuments,
  useFileDocument,
  useRemoveDocument,
} from './documents';
import { FiledFile, FilePickerButton } from './FileParts';
import { DOCUMENT_MAX_BYTES, fileRefusal } from './files';
import './documents.css';

/** The portal's words for a refused file, else the service's own detail in the person's language. */
function documentProblem(t: TFunction, problem: unknown): string {
  if (!(problem instanceof ApiProblem)) return problemMessage(t, problem);
  const own = t(`documents.problems.${problem.code}`, {
    defaultValue: '',
    max: formatMegabytes(DOCUMENT_MAX_BYTES),
  });
  return own || inLanguage(problem.detail) || problemMessage(t, problem);
}

/**
 * The papers that go with a request (a producer's registration, a growing-area or packing-house request): a
 * download link each, and for its owner while the request waits, an upload with progress and removal. The
 * reviewing officer reads the same list beside the decision.
 */
export function DocumentFiles({
  owner,
  editable,
  intro,
}: {
  owner: DocumentOwner;
  /** Whether the reader may add and remove files now (the owner, while the request waits). */
  editable: boolean;
  /** What the papers are for, in the reader's words (what to file, or what to check). */
  intro?: string;
}) {
  const { t } = useTranslation();
  const messageId = useId();
  const documents = useDocuments(owner);
  const fileDocument = useFileDocument(owner);
  const removeDocument = useRemoveDocument(owner);
  const [progress, setProgress] = useState<number>();
  const [problem, setProblem] = useState<string>();

  async function send(file: File) {
    setProblem(undefined);
    const refusal = fileRefusal(file);
    if (refusal) {
      setProblem(t(`documents.refused.${refusal}`, { max: formatMegabytes(DOCUMENT_MAX_BYTES) }));
      return;
    }
    setProgress(0);
    try {
      await fileDocument.mutateAsync({ file, onProgress: setProgress });
    } catch (failure) {
      setProblem(documentProblem(t, failure));
    } finally {
      setProgress(undefined);
    }
  }

  async function remove(documentId: string) {
    setProblem(undefined);
    try {
      await removeDocument.mutateAsync(documentId);
    } catch (failure) {
      setProblem(documentProblem(t, failure));
    }
  }

  const files = documents.data ?? [];
  return (
    <Section title={t('documents.title')} help={intro} className="panel">
      {documents.isPending ? (
        <Skeleton active title={false} paragraph={{ rows: 2 }} />
      ) : documents.error ? (
        <Alert type="warning" showIcon title={documentProblem(t, documents.error)} />
      ) : files.length === 0 ? (
        <p className="muted">{t('documents.none')}</p>
      ) : (
        <ul className="documents-list">
          {files.map((d) => (
            <li key={d.documentId}>
              <FiledFile
                href={documentHref(owner, d.documentId)}
                fileName={d.fileName}
                sizeBytes={d.sizeBytes}
                uploadedAt={d.uploadedAt}
                removeLabel={t('documents.remove')}
                removeConfirm={t('documents.removeConfirm', { file: d.fileName })}
                onRemove={editable ? () => void remove(d.documentId) : undefined}
              />
            </li>
          ))}
        </ul>
      )}
      {progress !== undefined && (
        <Progress percent={progress} size="small" aria-label={t('documents.progress')} />
      )}
      {problem && (
        <p id={messageId} className="documents-error" role="alert">
          {problem}
        </p>
      )}
      {editable && (
        <div className="documents-action">
          <FilePickerButton
            label={t('documents.upload')}
            busy={progress !== undefined}
            describedBy={problem ? messageId : undefined}
            onFile={(file) => void send(file)}
          />
          <p className="documents-limits">
            {t('documents.limits', { max: formatMegabytes(DOCUMENT_MAX_BYTES) })}
          </p>
        </div>
      )}
    </Section>
  );
}
