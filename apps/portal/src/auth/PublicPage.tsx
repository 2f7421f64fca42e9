import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LanguageSwitch } from '../common/layout/LanguageSwitch';

/** The frame of the pages a person sees before signing in. */
export function PublicPage({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="public-page">
      <header>
        <Link to="/dang-nhap" className="brand">
          {t('app.name')}
        </Link>
        <LanguageSwitch />
      </header>
      <main id="main">
        <h1>{title}</h1>
        {children}
      </main>
    </div>
  );
}
