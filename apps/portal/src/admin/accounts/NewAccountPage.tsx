import { Alert, Button, Form, Input, Radio } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiProblem } from '../../common/api/problem';
import { NewPasswordFields } from '../../common/forms/NewPasswordFields';
import { useProblemForm } from '../../common/forms/useProblemForm';
import { usePageTitle } from '../../common/layout/usePageTitle';
import { type NewAccount, useCreateAccount } from './account-views';
import { bindingOf, RoleFields, roleFieldNames, type RoleValues, type TerritoryKind } from './RoleFields';
import './accounts.css';

type Access = 'invite' | 'password';

interface Values extends RoleValues {
  displayName: string;
  email?: string;
  phone?: string;
  language: 'vi' | 'en';
  access: Access;
  password?: string;
}

/** What the account page says once it opens on the account just made. */
export interface CreatedState {
  created: Access;
}

/**
 * An admin makes an account for a person: who they are, how they get in (an e-mailed invitation, or a first
 * password passed on), and their roles with the producer or territory each needs. What the service refuses (a
 * password too easy to guess, an address already used, roles that do not fit) is shown under its field.
 */
export function Component() {
  const { t } = useTranslation();
  usePageTitle(t('adminAccounts.newTitle'));
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const access = Form.useWatch('access', form);
  const territory = Form.useWatch<TerritoryKind | undefined>('territory', form);
  const { formProblem, showProblem, clearProblem } = useProblemForm(form, roleFieldNames(territory));
  const create = useCreateAccount();
  const [busy, setBusy] = useState(false);

  async function submit(values: Values) {
    clearProblem();
    setBusy(true);
    try {
      const email = values.email?.trim();
      const phone = values.phone?.trim();
      const account: NewAccount = {
        displayName: values.displayName.trim(),
        ...(email ? { email } : {}),
        ...(phone ? { phone } : {}),
        language: values.language,
        ...(await bindingOf(values)),
        ...(values.access === 'password' && values.password ? { password: values.password } : {}),
      };
      const created = await create.mutateAsync(account);
      navigate(`/quan-tri/tai-khoan/${created.account.accountId}`, {
        state: { created: values.access } satisfies CreatedState,
      });
    } catch (problem) {
      // The service names no field for an address already in use: it is the e-mail or the phone typed here.
      if (problem instanceof ApiProblem && problem.code === 'account-exists') {
        const field = values.email?.trim() ? 'email' : 'phone';
        form.setFields([{ name: field, errors: [t('adminAccounts.accountExists')] }]);
        form.scrollToField(field, { focus: true });
      } else {
        showProblem(problem);
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <p>
        <Link to="/quan-tri/tai-khoan">← {t('adminAccounts.back')}</Link>
      </p>
      <h1>{t('adminAccounts.newTitle')}</h1>
      <p>{t('adminAccounts.newIntro')}</p>
      {formProblem && <Alert type="error" showIcon title={formProblem} role="alert" className="form-alert" />}
      <Form
        form={form}
        layout="vertical"
        className="narrow-form"
        onFinish={(values) => void submit(values)}
        initialValues={{ language: 'vi', access: 'invite', roles: [], territory: 'commune' }}
        scrollToFirstError={{ focus: true }}
      >
        <Form.Item
          name="displayName"
          label={t('adminAccounts.displayName')}
          rules={[
            { required: true, whitespace: true, message: t('adminAccounts.displayNameRequired') },
            { max: 200 },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="email"
          label={t('adminAccounts.email')}
          extra={t('adminAccounts.contactHelp')}
          dependencies={['phone', 'access']}
          rules={[
            { type: 'email', message: t('adminAccounts.emailInvalid') },
            ({ getFieldValue }) => ({
              validator: (_rule, value?: string) => {
                if (value?.trim()) return Promise.resolve();
                if (getFieldValue('access') === 'invite')
                  return Promise.reject(new Error(t('adminAccounts.inviteNeedsEmail')));
                return (getFieldValue('phone') as string | undefined)?.trim()
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('adminAccounts.contactRequired')));
              },
            }),
          ]}
        >
          <Input type="email" inputMode="email" autoComplete="off" />
        </Form.Item>
        <Form.Item name="phone" label={t('adminAccounts.phone')} rules={[{ max: 30 }]}>
          <Input type="tel" inputMode="tel" autoComplete="off" />
        </Form.Item>
        <Form.Item name="language" label={t('adminAccounts.language')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'vi', label: t('adminAccounts.languageVi') },
              { value: 'en', label: t('adminAccounts.languageEn') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="access"
          label={t('adminAccounts.access')}
          extra={
            access === 'password'
              ? t('adminAccounts.accessPasswordHelp')
              : t('adminAccounts.accessInviteHelp')
          }
        >
          <Radio.Group
            optionType="button"
            options={[
              { value: 'invite', label: t('adminAccounts.accessInvite') },
              { value: 'password', label: t('adminAccounts.accessPasswordSet') },
            ]}
          />
        </Form.Item>
        {access === 'password' && <NewPasswordFields label={t('adminAccounts.passwordField')} />}
        <RoleFields form={form} />
        <div className="actions">
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('adminAccounts.create')}
          </Button>
          <Button onClick={() => navigate('/quan-tri/tai-khoan')}>{t('adminAccounts.cancel')}</Button>
        </div>
      </Form>
    </>
  );
}
