import { Alert, Button, Form, Input, Popconfirm, Skeleton, Tag } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { problemMessage } from '../../common/api/problem';
import { useProblemForm } from '../../common/forms/useProblemForm';
import { formatDateTime } from '../../common/format/format';
import { type ApiKey, useApiKeyActions, useApiKeys } from './account-views';

/** The key just made, shown this once: the service keeps only its hash, so nobody can show it again. */
function NewKey({ name, apiKey, onDone }: { name: string; apiKey: string; onDone: () => void }) {
  const { t } = useTranslation();
  const inputId = useId();
  const [copy, setCopy] = useState<'copied' | 'failed'>();

  async function copyKey() {
    try {
      await navigator.clipboard.writeText(apiKey);
      setCopy('copied');
    } catch {
      // Clipboard refused (no permission, an old browser): the key is selectable in its box.
      setCopy('failed');
    }
  }

  return (
    <Alert
      type="warning"
      showIcon
      className="page-alert"
      title={t('adminAccounts.newKeyTitle', { name })}
      description={
        <>
          <p>
            <strong>{t('adminAccounts.newKeyOnce')}</strong>
          </p>
          <label htmlFor={inputId}>{t('adminAccounts.newKeyLabel')}</label>
          <Input
            id={inputId}
            readOnly
            value={apiKey}
            className="api-key-secret"
            onFocus={(e) => e.currentTarget.select()}
          />
          <div className="account-actions">
            <Button type="primary" onClick={() => void copyKey()}>
              {t('adminAccounts.copy')}
            </Button>
            <Button onClick={onDone}>{t('adminAccounts.keyStored')}</Button>
            <span role="status">
              {copy === 'copied'
                ? t('adminAccounts.copied')
                : copy === 'failed'
                  ? t('adminAccounts.copyFailed')
                  : ''}
            </span>
          </div>
        </>
      }
    />
  );
}

function KeyItem({
  apiKey,
  onRevoke,
  revoking,
}: {
  apiKey: ApiKey;
  onRevoke: () => void;
  revoking: boolean;
}) {
  const { t } = useTranslation();
  return (
    <li>
      <div className="account-item-head">
        <span>{apiKey.name}</span>
        {apiKey.revokedAt && (
          <Tag color="#a8071a">
            {t('adminAccounts.keyRevoked', { time: formatDateTime(apiKey.revokedAt) })}
          </Tag>
        )}
      </div>
      <div className="account-line">
        {[
          t('adminAccounts.keyPrefix', { prefix: apiKey.prefix }),
          t('adminAccounts.keyCreated', { time: formatDateTime(apiKey.createdAt) }),
          apiKey.lastUsedAt
            ? t('adminAccounts.keyLastUsed', { time: formatDateTime(apiKey.lastUsedAt) })
            : t('adminAccounts.keyNeverUsed'),
        ].join(' · ')}
      </div>
      {!apiKey.revokedAt && (
        <div className="account-actions">
          <Popconfirm
            title={t('adminAccounts.revokeConfirm', { name: apiKey.name })}
            okText={t('adminAccounts.revoke')}
            okButtonProps={{ danger: true }}
            cancelText={t('common.cancel')}
            onConfirm={onRevoke}
          >
            <Button danger loading={revoking} aria-label={`${t('adminAccounts.revoke')}: ${apiKey.name}`}>
              {t('adminAccounts.revoke')}
            </Button>
          </Popconfirm>
        </div>
      )}
    </li>
  );
}

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
    <section className="account-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('adminAccounts.keysTitle')}</h2>
      <p>{t('adminAccounts.keysIntro')}</p>
      <div aria-live="polite">
        {shown && <NewKey {...shown} onDone={() => setShown(undefined)} />}
        {notice && <Alert type={notice.type} showIcon title={notice.text} className="page-alert" />}
      </div>
      {formProblem && <Alert type="error" showIcon title={formProblem} role="alert" className="form-alert" />}
      <Form form={form} layout="vertical" className="account-form" onFinish={(v) => void createKey(v)}>
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
        <p className="account-muted">{t('adminAccounts.noKeys')}</p>
      ) : (
        <ul className="account-list api-key-list">
          {(keys.data ?? []).map((key) => (
            <KeyItem
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
