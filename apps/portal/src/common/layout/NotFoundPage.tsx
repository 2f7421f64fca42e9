import { Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { LinkButton } from './LinkButton';
import { usePageTitle } from './usePageTitle';

export function Component() {
  const { t } = useTranslation();
  usePageTitle(t('notFound.title'));
  return (
    <Result
      status="404"
      title={<h1 className="result-title">{t('notFound.title')}</h1>}
      subTitle={t('notFound.detail')}
      extra={
        <LinkButton type="primary" to="/">
          {t('notFound.home')}
        </LinkButton>
      }
    />
  );
}
