import { Alert, Button, Form } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, call } from '../common/api/client';
import { NewPasswordFields } from '../common/forms/NewPasswordFields';
import { useProblemForm } from '../common/forms/useProblemForm';
import { usePageTitle } from '../common/layout/usePageTitle';
import { PublicPage } from './PublicPage';

/** The e-mailed link carries the token after '#', so that it never reaches a server log or a Referer header. */
const tokenOf = (hash: string) => new URLSearchParams(hash.replace(/^#/, '')).get('token') ?? '';

export function Component() {
  const { t } = useTranslation();
  usePageTitle(t('reset.title'));
  const navigate = useNavigate();
  const [token] = useState(() => tokenOf(window.location.hash));
  const [form] = Form.useForm<{ password: string; repeat: string }>();
  const { formProblem, showProblem, clearProblem } = useProblemForm(form);
  const [busy, setBusy] = useState(false);

  async function submit({ password }: { password: string }) {
    clearProblem();
    setBusy(true);
    try {
      await call(api.POST('/api/identity/auth/password-reset/confirm', { body: { token, password } }));
      navigate('/dang-nhap?reset=done', { replace: true });
    } catch (problem) {
      showProblem(problem);
    } finally {
      setBusy(false);
    }
  }

  return (
    <PublicPage title={t('reset.title')}>
      {!token ? (
        <Alert type="warning" showIcon title={t('reset.noToken')} />
      ) : (
        <>
          {formProblem && (
            <Alert type="error" showIcon title={formProblem} role="alert" className="form-alert" />
          )}
          <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} size="large">
            <NewPasswordFields label={t('reset.newPasswordLabel')} repeatLabel={t('reset.repeat')} />
            <Button type="primary" htmlType="submit" block loading={busy}>
              {t('reset.submit')}
            </Button>
          </Form>
        </>
      )}
      <p className="public-links">
        <Link to="/quen-mat-khau">{t('reset.askAgain')}</Link>
      </p>
    </PublicPage>
  );
}
