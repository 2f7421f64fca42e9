import { Alert, Button, Form, Input, Radio, Result } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, call } from '../common/api/client';
import { NewPasswordFields } from '../common/forms/NewPasswordFields';
import { useProblemForm } from '../common/forms/useProblemForm';
import { currentLanguage } from '../common/i18n/i18n';
import { LinkButton } from '../common/layout/LinkButton';
import { usePageTitle } from '../common/layout/usePageTitle';
import { CommunePicker } from '../common/places/CommunePicker';
import { PublicPage } from './PublicPage';

const PRODUCER_TYPES = ['household', 'cooperative-group', 'cooperative', 'enterprise'] as const;
type ProducerType = (typeof PRODUCER_TYPES)[number];

interface SignUpValues {
  type: ProducerType;
  name: string;
  taxCode: string;
  communeCode: string;
  fullName: string;
  email?: string;
  phone?: string;
  password: string;
}

/**
 * A household or an organisation registers itself (decision 0034): an account it can use at once, and a producer
 * that an officer of its commune verifies. The answer is the same whether or not the details were registered.
 */
export function Component() {
  const { t } = useTranslation();
  usePageTitle(t('signUp.title'));
  const [form] = Form.useForm<SignUpValues>();
  const { formProblem, showProblem, clearProblem } = useProblemForm(form);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const type = Form.useWatch('type', form);

  async function submit(values: SignUpValues) {
    clearProblem();
    setBusy(true);
    try {
      await call(
        api.POST('/api/identity/registrations', {
          body: {
            ...values,
            email: values.email?.trim() || undefined,
            phone: values.phone?.trim() || undefined,
            language: currentLanguage(),
          },
        }),
      );
      setDone(true);
    } catch (problem) {
      showProblem(problem);
    } finally {
      setBusy(false);
    }
  }

  if (done)
    return (
      <div className="public-page">
        <main id="main">
          <Result
            status="success"
            title={<h1 className="result-title">{t('signUp.doneTitle')}</h1>}
            subTitle={t('signUp.doneDetail')}
            extra={
              <LinkButton type="primary" to="/dang-nhap">
                {t('signUp.toSignIn')}
              </LinkButton>
            }
          />
        </main>
      </div>
    );

  return (
    <PublicPage title={t('signUp.title')}>
      <p>{t('signUp.intro')}</p>
      {formProblem && <Alert type="error" showIcon title={formProblem} role="alert" className="form-alert" />}
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ type: 'household' }}
        scrollToFirstError={{ focus: true }}
      >
        <Form.Item name="type" label={t('signUp.type')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            options={PRODUCER_TYPES.map((p) => ({ value: p, label: t(`producerType.${p}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('signUp.name')}
          extra={t('signUp.nameHelp')}
          rules={[{ required: true, whitespace: true, message: t('signUp.nameRequired') }, { max: 200 }]}
        >
          <Input autoComplete="organization" />
        </Form.Item>
        <Form.Item
          name="taxCode"
          label={type === 'household' ? t('signUp.personalId') : t('signUp.taxCode')}
          extra={type === 'household' ? t('signUp.personalIdHelp') : t('signUp.taxCodeHelp')}
          rules={[{ required: true, whitespace: true, message: t('signUp.taxCodeRequired') }, { max: 20 }]}
        >
          <Input inputMode="numeric" />
        </Form.Item>
        <Form.Item
          name="communeCode"
          label={t('signUp.commune')}
          extra={t('signUp.communeHelp')}
          rules={[{ required: true, message: t('signUp.communeRequired') }]}
        >
          <CommunePicker />
        </Form.Item>
        <Form.Item
          name="fullName"
          label={t('signUp.fullName')}
          rules={[{ required: true, whitespace: true, message: t('signUp.fullNameRequired') }, { max: 100 }]}
        >
          <Input autoComplete="name" />
        </Form.Item>
        <Form.Item
          name="email"
          label={t('signUp.email')}
          rules={[{ type: 'email', message: t('signUp.emailInvalid') }]}
        >
          <Input autoComplete="email" inputMode="email" />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('signUp.phone')}
          extra={t('signUp.contactHelp')}
          dependencies={['email']}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_rule, value?: string) =>
                value?.trim() || (getFieldValue('email') as string | undefined)?.trim()
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('signUp.contactRequired'))),
            }),
          ]}
        >
          <Input autoComplete="tel" inputMode="tel" />
        </Form.Item>
        <NewPasswordFields label={t('signUp.passwordLabel')} />
        <Button type="primary" htmlType="submit" block size="large" loading={busy}>
          {t('signUp.submit')}
        </Button>
      </Form>
      <p className="public-links">
        {t('signUp.haveAccount')} <Link to="/dang-nhap">{t('signUp.toSignIn')}</Link>
      </p>
    </PublicPage>
  );
}
