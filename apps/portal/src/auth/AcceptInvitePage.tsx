import { Alert, Button, Form } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, call } from '../common/api/client';
import { NewPasswordFields } from '../common/forms/NewPasswordFields';
import { useProblemForm } from '../common/forms/useProblemForm';
import { usePageTitle } from '../common/layout/usePageTitle';
import { PublicPage } from './PublicPage';

/** The e-mailed link carries the token after '#', so that it never reaches a server log or a Referer header. */
const tokenOf = (hash: string) => new URLSearchParams(hash.replace(/^#/, '')).get('token') ?? '';

/**
 * Where an invitation e-mail leads (notifications' account-invitation mail): the invited person sets the first
 * password, and the account becomes active. An expired or replaced link says to open the newest invitation or ask
 * for another, which only the person's officer or an admin can send.
 */
export function Component() {
  const { t } = useTranslation();
  usePageTitle(t('invite.title'));
  const navigate = useNavigate();
  const [token] = useState(() => tokenOf(window.location.hash));
  const [form] = Form.useForm<{ password: string; repeat: string }>();
  const { formProblem, showProblem, clearProblem } = useProblemForm(form);
  const [busy, setBusy] = useState(false);

  async function submit({ password }: { password: string }) {
    clearProblem();
    setBusy(true);
    try {
      await call(api.POST('/api/identity/auth/accept-invite', { body: { token, password } }));
      navigate('/dang-nhap?invite=accepted', { replace: true });
    } catch (problem) {
      showProblem(problem);
    } finally {
      setBusy(false);
    }
  }

  return (
    <PublicPage title={t('invite.title')}>
      {!token ? (
        <Alert type="warning" showIcon title={t('invite.noToken')} />
      ) : (
        <>
          <p>{t('invite.intro')}</p>
          {formProblem && (
            <Alert type="error" showIcon title={formProblem} role="alert" className="form-alert" />
          )}
          <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} size="large">
            <NewPasswordFields label={t('invite.passwordLabel')} repeatLabel={t('invite.repeat')} />
            <Button type="primary" htmlType="submit" block loading={busy}>
              {t('invite.submit')}
            </Button>
          </Form>
        </>
      )}
    </PublicPage>
  );
}
