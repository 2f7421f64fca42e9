import { Alert, Button, Input } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import './credentials.css';

/**
 * A credential just made (an API key, a webhook's signing secret), shown this once with a copy button: the
 * services keep only a hash or use it to sign, so nobody can show it again. It lives in the page's state only,
 * gone when the person says it is stored or leaves the page.
 */
export function ShownOnce({
  title,
  note,
  label,
  value,
  onDone,
}: {
  title: string;
  note: string;
  label: string;
  value: string;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const inputId = useId();
  const [copy, setCopy] = useState<'copied' | 'failed'>();

  async function copyValue() {
    try {
      await navigator.clipboard.writeText(value);
      setCopy('copied');
    } catch {
      // Clipboard refused (no permission, an old browser): the value is selectable in its box.
      setCopy('failed');
    }
  }

  return (
    <Alert
      type="warning"
      showIcon
      className="page-alert"
      title={title}
      description={
        <>
          <p>
            <strong>{note}</strong>
          </p>
          <label htmlFor={inputId}>{label}</label>
          <Input
            id={inputId}
            readOnly
            value={value}
            className="credential-secret"
            onFocus={(e) => e.currentTarget.select()}
          />
          <div className="actions">
            <Button type="primary" onClick={() => void copyValue()}>
              {t('credentials.copy')}
            </Button>
            <Button onClick={onDone}>{t('credentials.stored')}</Button>
            <span role="status">
              {copy === 'copied'
                ? t('credentials.copied')
                : copy === 'failed'
                  ? t('credentials.copyFailed')
                  : ''}
            </span>
          </div>
        </>
      }
    />
  );
}
