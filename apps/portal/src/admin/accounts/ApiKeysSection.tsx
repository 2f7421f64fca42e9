import { Alert, Button, Form, Input, Skeleton } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { problemMessage } from '../../common/api/problem';
import { useProblemForm } from '../../common/forms/useProblemForm';
import { ApiKeyItem } from '../../common/credentials/ApiKeyItem';
import { ShownOnce } from '../../common/credentials/ShownOnce';
import { type ApiKey, useApiKeyActions, useApiKeys } from './account-views';

/**
 * A retailer's API keys: make one (shown once, with a copy button), see which exist and when each was last used,
 * revoke one. Tokens already handed out for a revoked key run out within their lifetime (15 minutes).
 */
export function ApiKeysSection({ accountId }: { accountId: string }) {
  const { t } = useTranslation();
  const headingId = useId();
  const keys = useApiKeys(accountId, true);
  const { create, revoke } = useApiKeyActions(accountId);
  const [form] = Form.useForm<{ name: string }>();
  const { formProblem, showProblem, clearProblem } = useProblemForm(form);
  const [shown, setShown] = useState<{ name: string; apiKey: string }>();
  const [notice, setNotice] = useState<{ type: 'success' | 'error'; text: string }>();

  async function createKey({ name }: { name: string }) {
    clearProblem();
    setNotice(undefined);
    try {
      const created = await create.mutateAsync(name.trim());
      setShown({ name: created.name, apiKey: created.apiKey });
      // The key lives in this component's state only, gone when the admin leaves the page.
      create.reset();
      form.resetFields();
    } catch (problem) {
      showProblem(problem);
    }
  }

  async function revokeKey(key: ApiKey) {
    setNotice(undefined);
    try {
      await revoke.mutateAsync(key.id);
      setNotice({ type: 'success', text: t('adminAccounts.revoked', { name: key.name }) });
    } catch (problem) {
      setNotice({ type: 'error', text: problemMessage(t, problem) });
    }
  }

  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('adminAccounts.keysTitle')}</h2>
      <p>{t('adminAccounts.keysIntro')}</p>
      <div aria-live="polite">
        {shown && (
          <ShownOnce
            title={t('adminAccounts.newKeyTitle', { name: shown.name })}
            note={t('adminAccounts.newKeyOnce')}
            label={t('adminAccounts.newKeyLabel')}
            value={shown.apiKey}
            onDone={() => setShown(undefined)}
          />
        )}
        {notice && <Alert type={notice.type} showIcon title={notice.text} className="page-alert" />}
      </div>
      {formProblem && <Alert type="error" showIcon title={formProblem} role="alert" className="form-alert" />}
      <Form form={form} layout="vertical" className="narrow-form" onFinish={(v) => void createKey(v)}>
        <Form.Item
          name="name"
          label={t('adminAccounts.keyName')}
          extra={t('adminAccounts.keyNameHelp')}
          rules={[
            { required: true, whitespace: true, message: t('adminAccounts.keyNameRequired') },
            { max: 100 },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Button htmlType="submit" loading={create.isPending}>
          {t('adminAccounts.createKey')}
        </Button>
      </Form>
      {keys.isPending ? (
        <Skeleton active paragraph={{ rows: 1 }} title={false} />
      ) : keys.error ? (
        <Alert
          type="warning"
          showIcon
          title={problemMessage(t, keys.error)}
          action={<Button onClick={() => void keys.refetch()}>{t('common.retry')}</Button>}
        />
      ) : (keys.data ?? []).length === 0 ? (
        <p className="muted">{t('adminAccounts.noKeys')}</p>
      ) : (
        <ul className="item-list api-key-list">
          {(keys.data ?? []).map((key) => (
            <ApiKeyItem
              key={key.id}
              apiKey={key}
              onRevoke={() => void revokeKey(key)}
              revoking={revoke.isPending && revoke.variables === key.id}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
