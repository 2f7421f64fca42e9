import { WarningOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * A page that could not load (a new release replaced its script while the tab was open, or the network dropped):
 * say so in the person's words and offer the one thing that helps. Plain markup rather than antd's Result: this page
 * is part of every first load, and Result brings its large illustrations along.
 */
export function RouteError() {
  const { t } = useTranslation();
  return (
    <main id="main" className="route-error">
      <div className="route-error-box">
        <WarningOutlined className="route-error-icon" aria-hidden="true" />
        <h1 className="result-title">{t('routeError.title')}</h1>
        <p>{t('routeError.detail')}</p>
        <Button type="primary" onClick={() => window.location.reload()}>
          {t('routeError.reload')}
        </Button>
      </div>
    </main>
  );
}
