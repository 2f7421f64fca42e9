import { Alert, Button, Form, Input, Result } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, call } from '../common/api/client';
import { useProblemForm } from '../common/forms/useProblemForm';
import { usePageTitle } from '../common/layout/usePageTitle';
import { PublicPage } from './PublicPage';

/** Asks identity to e-mail a reset link; the answer never says whether the address has an account. */
export function Component() {
  const { t } = useTranslation();
  usePageTitle(t('forgot.title'));
  const [form] = Form.useForm<{ email: string }>();
  const { formProblem, showProblem, clearProblem } = useProblemForm(form);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);

  async function submit({ email }: { email: string }) {
    clearProblem();
    setBusy(true);
    try {
      await call(api.POST('/api/identity/auth/password-reset', { body: { email: email.trim() } }));
      setSent(true);
    } catch (problem) {
      showProblem(problem);
    } finally {
      setBusy(false);
    }
  }

  return (
    <PublicPage title={t('forgot.title')}>
      {sent ? (
        <Result status="success" title={t('forgot.sentTitle')} subTitle={t('forgot.sentDetail')} />
      ) : (
        <>
          <p>{t('forgot.intro')}</p>
          {formProblem && (
            <Alert type="error" showIcon title={formProblem} role="alert" className="form-alert" />
          )}
          <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} size="large">
            <Form.Item
              name="email"
              label={t('forgot.email')}
              rules={[
                { required: true, whitespace: true, message: t('forgot.emailRequired') },
                { type: 'email', message: t('signUp.emailInvalid') },
              ]}
            >
              <Input autoComplete="email" inputMode="email" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy}>
              {t('forgot.submit')}
            </Button>
          </Form>
        </>
      )}
      <p className="public-links">
        <Link to="/dang-nhap">{t('forgot.back')}</Link>
      </p>
    </PublicPage>
  );
}
