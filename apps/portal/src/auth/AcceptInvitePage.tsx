import { useTranslation } from 'react-i18next';
import { api, call } from '../common/api/client';
import { MailedLinkPasswordPage } from './MailedLinkPasswordPage';

/**
 * Where an invitation e-mail leads (notifications' account-invitation mail): the invited person sets the first
 * password, and the account becomes active. An expired or replaced link says to open the newest invitation or ask
 * for another, which only the person's officer or an admin can send.
 */
export function Component() {
  const { t } = useTranslation();
  return (
    <MailedLinkPasswordPage
      words={{
        title: t('invite.title'),
        noToken: t('invite.noToken'),
        intro: t('invite.intro'),
        passwordLabel: t('invite.passwordLabel'),
        repeatLabel: t('invite.repeat'),
        submit: t('invite.submit'),
      }}
      spend={(token, password) =>
        call(api.POST('/api/identity/auth/accept-invite', { body: { token, password } }))
      }
      doneTo="/dang-nhap?invite=accepted"
    />
  );
}
