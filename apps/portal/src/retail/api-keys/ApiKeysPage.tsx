import { Alert, Button, Form, Input, Skeleton } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { problemMessage } from '../../common/api/problem';
import { useProblemForm } from '../../common/forms/useProblemForm';
import { ApiKeyItem } from '../../common/credentials/ApiKeyItem';
import { ShownOnce } from '../../common/credentials/ShownOnce';
import { usePageTitle } from '../../common/layout/usePageTitle';
import { type ApiKey, useMyApiKeyActions, useMyApiKeys } from './api-key-views';

/**
 * A retailer's own API keys, for the shop's tills and systems to check codes without a person signing in: make one
 * (shown once, with a copy button), see which exist and when each was last used, revoke one. Tokens already handed
 * out for a revoked key run out within their lifetime (15 minutes).
 */
export function Component() {
  const { t } = useTranslation();
  usePageTitle(t('retailKeys.title'));
  const createId = useId();
  const listId = useId();
  const keys = useMyApiKeys();
  const { create, revoke } = useMyApiKeyActions();
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
      // The mutation would otherwise keep the key in the query cache after the page let it go.
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
      setNotice({ type: 'success', text: t('retailKeys.revoked', { name: key.name }) });
    } catch (problem) {
      setNotice({ type: 'error', text: problemMessage(t, problem) });
    }
  }

  return (
    <>
      <h1>{t('retailKeys.title')}</h1>
      <p>{t('retailKeys.intro')}</p>
      <div aria-live="polite">
        {shown && (
          <ShownOnce
            title={t('retailKeys.newTitle', { name: shown.name })}
            note={t('retailKeys.newOnce')}
            label={t('retailKeys.newLabel')}
            value={shown.apiKey}
            onDone={() => setShown(undefined)}
          />
        )}
        {notice && <Alert type={notice.type} showIcon title={notice.text} className="page-alert" />}
      </div>
      <section className="panel" aria-labelledby={createId}>
        <h2 id={createId}>{t('retailKeys.createTitle')}</h2>
        {formProblem && (
          <Alert type="error" showIcon title={formProblem} role="alert" className="form-alert" />
        )}
        <Form form={form} layout="vertical" className="narrow-form" onFinish={(v) => void createKey(v)}>
          <Form.Item
            name="name"
            label={t('retailKeys.name')}
            extra={t('retailKeys.nameHelp')}
            rules={[
              { required: true, whitespace: true, message: t('retailKeys.nameRequired') },
              { max: 100, message: t('retailKeys.nameTooLong', { max: 100 }) },
            ]}
          >
            <Input autoComplete="off" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={create.isPending}>
            {t('retailKeys.create')}
          </Button>
        </Form>
      </section>
      <section className="panel" aria-labelledby={listId}>
        <h2 id={listId}>{t('retailKeys.listTitle')}</h2>
        {keys.isPending ? (
          <Skeleton active paragraph={{ rows: 1 }} title={false} />
        ) : keys.error ? (
          <Alert
            type="warning"
            showIcon
            title={problemMessage(t, keys.error)}
            action={<Button onClick={() => void keys.refetch()}>{t('common.retry')}</Button>}
          />
        ) : keys.data.length === 0 ? (
          <p className="muted">{t('retailKeys.none')}</p>
        ) : (
          <ul className="item-list">
            {keys.data.map((key) => (
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
    </>
  );
}
