import { useTranslation } from 'react-i18next';

/**
 * "Loading", said to screen readers and drawn with CSS (antd's Spin was ~2 KB of compressed script on the first
 * page a phone opens, for a turning circle).
 */
export function Spinner() {
  const { t } = useTranslation();
  return (
    <div className="page-loading" role="status">
      <span className="spinner" aria-hidden="true" />
      <span className="visually-hidden">{t('common.loading')}</span>
    </div>
  );
}
