import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Popconfirm } from 'antd';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBytes, formatDateTime } from '../format/format';
import { DOCUMENT_ACCEPT } from './files';
import './documents.css';

/**
 * One filed document as a list item's content: a download link (the browser saves it with the session cookie),
 * its size and when it came, and a removal behind a confirmation when `onRemove` is given.
 */
export function FiledFile({
  href,
  fileName,
  sizeBytes,
  uploadedAt,
  removeLabel,
  removeConfirm,
  onRemove,
}: {
  href: string;
  fileName: string;
  sizeBytes: number;
  uploadedAt: string;
  removeLabel?: string;
  removeConfirm?: string;
  onRemove?: () => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <PaperClipOutlined aria-hidden="true" />{' '}
      <a href={href} download>
        {fileName}
      </a>{' '}
      <span className="filed-file-meta">
        {formatBytes(sizeBytes)} · {formatDateTime(uploadedAt)}
      </span>
      {onRemove && (
        <Popconfirm
          title={removeConfirm}
          okText={t('common.yes')}
          cancelText={t('common.no')}
          onConfirm={onRemove}
        >
          <Button type="link" size="small" icon={<DeleteOutlined aria-hidden="true" />}>
            {removeLabel}
            <span className="visually-hidden"> {fileName}</span>
          </Button>
        </Popconfirm>
      )}
    </>
  );
}

/** A button that opens the device's file picker for one document (PDF, PNG, JPEG) and hands over the file. */
export function FilePickerButton({
  label,
  busy,
  describedBy,
  onFile,
}: {
  /** The button's words; may carry a visually hidden part naming what the file is for. */
  label: React.ReactNode;
  busy: boolean;
  describedBy?: string;
  onFile: (file: File) => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <input
        ref={input}
        type="file"
        accept={DOCUMENT_ACCEPT}
        hidden
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) onFile(file);
        }}
      />
      <Button
        icon={<UploadOutlined aria-hidden="true" />}
        loading={busy}
        aria-describedby={describedBy}
        onClick={() => input.current?.click()}
      >
        {label}
      </Button>
    </>
  );
}
