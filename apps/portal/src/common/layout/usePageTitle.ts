import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** The tab's title names the page, so that a screen-reader user hears where a link led. */
export function usePageTitle(title: string): void {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);
}
