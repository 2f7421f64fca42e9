import {
  Alert,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  message as antMessage,
  Popconfirm,
  Space,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, call } from '../common/api/client';
import { NewPasswordFields } from '../common/forms/NewPasswordFields';
import { useProblemForm } from '../common/forms/useProblemForm';
import { LanguageSwitch } from '../common/layout/LanguageSwitch';
import { usePageTitle } from '../common/layout/usePageTitle';
import { useSession } from '../common/session/session';

interface PasswordValues {
  currentPassword: string;
  newPassword: string;
  repeat: string;
}

/** The signed-in person's own account: who they are, their language, their password, their sessions. */
export function Component() {
  const { t } = useTranslation();
  usePageTitle(t('account.title'));
  const { session, account, refresh, signOutEverywhere } = useSession();
  // The message hook of this page alone: antd's App component would bring dialogs and notices into every page.
  const [message, messageHolder] = antMessage.useMessage();
  const navigate = useNavigate();
  const [form] = Form.useForm<PasswordValues>();
  const { formProblem, showProblem, clearProblem } = useProblemForm(form);
  const [busy, setBusy] = useState(false);

  async function changePassword(values: PasswordValues) {
    clearProblem();
    setBusy(true);
    try {
      await call(
        api.POST('/api/session/password', {
          body: { currentPassword: values.currentPassword, newPassword: values.newPassword },
        }),
      );
      form.resetFields();
      await refresh();
      void message.success(t('account.passwordChanged'));
    } catch (problem) {
      showProblem(problem);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      {messageHolder}
      <h1>{t('account.title')}</h1>
      {session?.passwordChangeRequired && (
        <Alert type="warning" showIcon title={t('account.mustChange')} className="form-alert" />
      )}
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        {account && (
          <Card title={<h2 className="card-title">{t('account.profile')}</h2>}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('account.name')}>{account.displayName}</Descriptions.Item>
              {account.email && (
                <Descriptions.Item label={t('account.email')}>{account.email}</Descriptions.Item>
              )}
              {account.phone && (
                <Descriptions.Item label={t('account.phone')}>{account.phone}</Descriptions.Item>
              )}
              <Descriptions.Item label={t('account.roles')}>
                {account.roles.map((r) => t(`roles.${r}`)).join(', ')}
              </Descriptions.Item>
              <Descriptions.Item label={t('account.language')}>
                <LanguageSwitch />
              </Descriptions.Item>
            </Descriptions>
          </Card>
        )}
        <Card title={<h2 className="card-title">{t('account.changePasswordTitle')}</h2>}>
          {formProblem && (
            <Alert type="error" showIcon title={formProblem} role="alert" className="form-alert" />
          )}
          <Form form={form} layout="vertical" onFinish={changePassword} style={{ maxWidth: 420 }}>
            <Form.Item
              name="currentPassword"
              label={t('account.currentPasswordLabel')}
              rules={[{ required: true, message: t('password.required') }]}
            >
              <Input.Password autoComplete="current-password" />
            </Form.Item>
            <NewPasswordFields
              name="newPassword"
              label={t('account.newPasswordLabel')}
              repeatLabel={t('reset.repeat')}
            />
            <Button type="primary" htmlType="submit" loading={busy}>
              {t('account.savePasswordButton')}
            </Button>
          </Form>
        </Card>
        <Card title={<h2 className="card-title">{t('account.sessions')}</h2>}>
          <p>{t('account.signOutEverywhereHelp')}</p>
          <Popconfirm
            title={t('account.signOutEverywhereConfirm')}
            okText={t('common.yes')}
            cancelText={t('common.no')}
            onConfirm={async () => {
              await signOutEverywhere();
              navigate('/dang-nhap', { replace: true });
            }}
          >
            <Button danger>{t('account.signOutEverywhere')}</Button>
          </Popconfirm>
        </Card>
      </Space>
    </>
  );
}
