import { Alert, Button, Form, Input, Popconfirm, Skeleton, Tag } from 'antd';
import type { TFunction } from 'i18next';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, problemMessage } from '../../common/api/problem';
import { useProblemForm } from '../../common/forms/useProblemForm';
import { formatDateTime, formatNumber } from '../../common/format/format';
import { usePageTitle } from '../../common/layout/usePageTitle';
import { type Notice, PageNotice } from '../../common/notice/PageNotice';
import { type LabelKey, type LabelKeyStatus, useLabelKeyActions, useLabelKeys } from './label-key-views';
import './label-keys.css';

const STATUS_COLOURS: Record<LabelKeyStatus, string> = {
  active: '#237804',
  retired: '#595959',
  revoked: '#a8071a',
};

/** Problems traceability answers about a key that the page puts in its own words; others keep the shared ones. */
const OWN_WORDS = new Set(['label-key-revoked', 'not-found']);

function keyProblem(t: TFunction, problem: unknown): string | undefined {
  return problem instanceof ApiProblem && OWN_WORDS.has(problem.code)
    ? t(`adminLabelKeys.problems.${problem.code}`)
    : undefined;
}

/**
 * Revokes a key after a reason and a confirmation, having said what follows: every label it signed is reported as
 * signed with a revoked key from then on, and nothing undoes it.
 */
function RevokeForm({
  labelKey,
  formId,
  onDone,
  onClose,
}: {
  labelKey: LabelKey;
  formId: string;
  onDone: (notice: Notice) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const { revoke } = useLabelKeyActions();
  const [form] = Form.useForm<{ reason?: string }>();
  const { formProblem, showProblem, clearProblem } = useProblemForm(form);
  const [own, setOwn] = useState<string>();
  const [confirming, setConfirming] = useState(false);
  const count = { count: labelKey.signedUnits, units: formatNumber(labelKey.signedUnits) };

  // The form opens where the admin asked for it: the reason box takes the focus.
  useEffect(() => (form.getFieldInstance('reason') as { focus?: () => void } | undefined)?.focus?.(), [form]);

  async function revokeIt() {
    setConfirming(false);
    clearProblem();
    setOwn(undefined);
    try {
      await revoke.mutateAsync({
        kid: labelKey.kid,
        reason: (form.getFieldValue('reason') as string).trim(),
      });
      onDone({
        type: 'success',
        text: `${t('adminLabelKeys.revokedNotice', { kid: labelKey.kid })} ${t('adminLabelKeys.signedBy', count)}`,
      });
    } catch (problem) {
      const words = keyProblem(t, problem);
      if (words) setOwn(words);
      else showProblem(problem);
    }
  }

  return (
    <section id={formId} className="label-key-revoke" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('adminLabelKeys.revokeTitle', { kid: labelKey.kid })}</h3>
      <Alert
        type="warning"
        showIcon
        title={`${t('adminLabelKeys.revokeWarning')} ${t('adminLabelKeys.signedBy', count)}`}
        description={labelKey.status === 'active' ? t('adminLabelKeys.revokeActive') : undefined}
      />
      <div aria-live="polite">
        {(own ?? formProblem) && (
          <Alert type="error" showIcon title={own ?? formProblem} role="alert" className="form-alert" />
        )}
      </div>
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        className="narrow-form label-key-form"
        onFinish={() => setConfirming(true)}
      >
        <Form.Item
          name="reason"
          label={t('adminLabelKeys.reason')}
          extra={t('adminLabelKeys.reasonHelp')}
          // As traceability counts it (RevokeLabelKeyDto): at least 3 characters once trimmed.
          rules={[
            {
              validator: (_rule, value: string | undefined) =>
                (value ?? '').trim().length >= 3 ? Promise.resolve() : Promise.reject(new Error()),
              message: t('adminLabelKeys.reasonRequired'),
            },
          ]}
        >
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <div className="actions">
          <Popconfirm
            open={confirming}
            onOpenChange={(open) => !open && setConfirming(false)}
            title={t('adminLabelKeys.revokeConfirm', { kid: labelKey.kid })}
            okText={t('adminLabelKeys.revoke')}
            okButtonProps={{ danger: true }}
            cancelText={t('common.cancel')}
            onConfirm={() => void revokeIt()}
            onCancel={() => setConfirming(false)}
          >
            <Button danger type="primary" htmlType="submit" loading={revoke.isPending}>
              {t('adminLabelKeys.revoke')}
            </Button>
          </Popconfirm>
          <Button onClick={onClose}>{t('adminLabelKeys.close')}</Button>
        </div>
      </Form>
    </section>
  );
}

function KeyItem({ labelKey }: { labelKey: LabelKey }) {
  const { t } = useTranslation();
  const formId = useId();
  const [revoking, setRevoking] = useState(false);
  const [notice, setNotice] = useState<Notice>();
  const opener = useRef<HTMLButtonElement>(null);
  const close = () => {
    setRevoking(false);
    opener.current?.focus();
  };
  return (
    <li>
      <div className="item-head">
        <code className="label-key-kid">{labelKey.kid}</code>
        <Tag color={STATUS_COLOURS[labelKey.status]}>{t(`adminLabelKeys.status.${labelKey.status}`)}</Tag>
      </div>
      <p className="muted">{t(`adminLabelKeys.statusHelp.${labelKey.status}`)}</p>
      <dl className="facts label-key-facts">
        <div>
          <dt>{t('adminLabelKeys.algorithm')}</dt>
          <dd>
            {labelKey.crv} ({labelKey.alg})
          </dd>
        </div>
        <div>
          <dt>{t('adminLabelKeys.created')}</dt>
          <dd>{formatDateTime(labelKey.createdAt)}</dd>
        </div>
        {labelKey.retiredAt && !labelKey.revokedAt && (
          <div>
            <dt>{t('adminLabelKeys.retired')}</dt>
            <dd>{formatDateTime(labelKey.retiredAt)}</dd>
          </div>
        )}
        {labelKey.revokedAt && (
          <div>
            <dt>{t('adminLabelKeys.revoked')}</dt>
            <dd>{formatDateTime(labelKey.revokedAt)}</dd>
          </div>
        )}
        <div>
          <dt>{t('adminLabelKeys.signedUnits')}</dt>
          <dd>
            {t('adminLabelKeys.signedUnitsCount', {
              count: labelKey.signedUnits,
              units: formatNumber(labelKey.signedUnits),
            })}
          </dd>
        </div>
        {labelKey.revokedReason && (
          <div className="label-key-wide">
            <dt>{t('adminLabelKeys.revokedReason')}</dt>
            <dd>{labelKey.revokedReason}</dd>
          </div>
        )}
      </dl>
      <PageNotice notice={notice} />
      {labelKey.status !== 'revoked' && (
        <>
          <Button
            ref={opener}
            danger
            aria-expanded={revoking}
            aria-controls={revoking ? formId : undefined}
            aria-label={t('adminLabelKeys.revokeOpenLabel', { kid: labelKey.kid })}
            onClick={() => {
              setNotice(undefined);
              setRevoking(!revoking);
            }}
          >
            {t('adminLabelKeys.revokeOpen')}
          </Button>
          {revoking && (
            <RevokeForm
              labelKey={labelKey}
              formId={formId}
              onClose={close}
              onDone={(outcome) => {
                setRevoking(false);
                setNotice(outcome);
              }}
            />
          )}
        </>
      )}
    </li>
  );
}

/**
 * The keys that sign unit labels (AI 8030): which one signs, which are retired or revoked and why, how many labels
 * each signed. Rotate to a new key; revoke one whose private half may have leaked.
 */
export function Component() {
  const { t } = useTranslation();
  usePageTitle(t('adminLabelKeys.title'));
  const rotateId = useId();
  const listId = useId();
  const keys = useLabelKeys();
  const { rotate } = useLabelKeyActions();
  const [notice, setNotice] = useState<Notice>();

  async function rotateKey() {
    setNotice(undefined);
    try {
      const rotated = await rotate.mutateAsync();
      setNotice({ type: 'success', text: t('adminLabelKeys.rotated', { kid: rotated.kid }) });
    } catch (problem) {
      setNotice({ type: 'error', text: problemMessage(t, problem) });
    }
  }

  return (
    <>
      <h1>{t('adminLabelKeys.title')}</h1>
      <p>{t('adminLabelKeys.intro')}</p>
      <PageNotice notice={notice} />
      <section className="panel" aria-labelledby={rotateId}>
        <h2 id={rotateId}>{t('adminLabelKeys.rotateTitle')}</h2>
        <p>{t('adminLabelKeys.rotateIntro')}</p>
        <Popconfirm
          title={t('adminLabelKeys.rotateConfirm')}
          description={t('adminLabelKeys.rotateConsequence')}
          okText={t('adminLabelKeys.rotate')}
          cancelText={t('common.cancel')}
          onConfirm={() => void rotateKey()}
        >
          <Button type="primary" loading={rotate.isPending}>
            {t('adminLabelKeys.rotate')}
          </Button>
        </Popconfirm>
      </section>
      <section className="panel" aria-labelledby={listId}>
        <h2 id={listId}>{t('adminLabelKeys.listTitle')}</h2>
        {keys.isPending ? (
          <Skeleton active paragraph={{ rows: 3 }} />
        ) : keys.error ? (
          <Alert
            type="warning"
            showIcon
            title={problemMessage(t, keys.error)}
            action={<Button onClick={() => void keys.refetch()}>{t('common.retry')}</Button>}
          />
        ) : keys.data.length === 0 ? (
          <p className="muted">{t('adminLabelKeys.none')}</p>
        ) : (
          <ul className="item-list label-key-list">
            {keys.data.map((key) => (
              <KeyItem key={key.kid} labelKey={key} />
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
