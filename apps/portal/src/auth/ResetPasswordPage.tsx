import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, call } from '../common/api/client';
import { MailedLinkPasswordPage } from './MailedLinkPasswordPage';

/** Where a password-reset e-mail leads. */
export function Component() {
  const { t } = useTranslation();
  return (
    <MailedLinkPasswordPage
      words={{
        title: t('reset.title'),
        noToken: t('reset.noToken'),
        passwordLabel: t('reset.newPasswordLabel'),
        repeatLabel: t('reset.repeat'),
        submit: t('reset.submit'),
      }}
      spend={(token, password) =>
        call(api.POST('/api/identity/auth/password-reset/confirm', { body: { token, password } }))
      }
      doneTo="/dang-nhap?reset=done"
      footer={
        <p className="public-links">
          <Link to="/quen-mat-khau">{t('reset.askAgain')}</Link>
        </p>
      }
    />
  );
}
