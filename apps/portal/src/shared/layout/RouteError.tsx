import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRouteError } from 'react-router';

/**
 * A page that could not load (a new release replaced its script while the tab was open, or the network dropped):
 * say so in the person's words and offer the one thing that helps.
 */
export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  console.error(error);
  return (
    <main id="main" className="route-error">
      <Result
        status="warning"
        title={<h1 className="result-title">{t('routeError.title')}</h1>}
        subTitle={t('routeError.detail')}
        extra={
          <Button type="primary" onClick={() => window.location.reload()}>
            {t('routeError.reload')}
          </Button>
        }
      />
    </main>
  );
}
