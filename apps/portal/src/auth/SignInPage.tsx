import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { useProblemForm } from '../common/forms/useProblemForm';
import { usePageTitle } from '../common/layout/usePageTitle';
import { useSession } from '../common/session/session';
import { PublicPage } from './PublicPage';

interface SignInValues {
  identifier: string;
  password: string;
}

/** Only paths of this portal: a crafted ?next=https://elsewhere must not send a person off-site after sign-in. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

export function Component() {
  const { t } = useTranslation();
  usePageTitle(t('signIn.title'));
  const { session, signIn } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [form] = Form.useForm<SignInValues>();
  const { formProblem, showProblem, clearProblem } = useProblemForm(form);
  const [busy, setBusy] = useState(false);
  const next = safeNext(params.get('next'));

  if (session) return <Navigate to={next} replace />;

  async function submit(values: SignInValues) {
    clearProblem();
    setBusy(true);
    try {
      await signIn(values.identifier.trim(), values.password);
      navigate(next, { replace: true });
    } catch (problem) {
      showProblem(problem);
    } finally {
      setBusy(false);
    }
  }

  return (
    <PublicPage title={t('signIn.title')}>
      {params.get('reset') === 'done' && (
        <Alert type="success" showIcon title={t('signIn.afterReset')} className="form-alert" />
      )}
      {params.get('invite') === 'accepted' && (
        <Alert type="success" showIcon title={t('signIn.afterInvite')} className="form-alert" />
      )}
      {formProblem && <Alert type="error" showIcon title={formProblem} role="alert" className="form-alert" />}
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} size="large">
        <Form.Item
          name="identifier"
          label={t('signIn.identifier')}
          rules={[{ required: true, whitespace: true, message: t('signIn.identifierRequired') }]}
        >
          <Input autoComplete="username" inputMode="email" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('signIn.passwordLabel')}
          rules={[{ required: true, message: t('signIn.passwordRequired') }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy}>
          {t('signIn.submit')}
        </Button>
      </Form>
      <p className="public-links">
        <Link to="/quen-mat-khau">{t('signIn.forgot')}</Link>
        <span aria-hidden="true"> · </span>
        <Link to="/dang-ky">{t('signIn.signUp')}</Link>
      </p>
    </PublicPage>
  );
}
