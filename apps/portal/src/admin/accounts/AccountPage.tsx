import { Alert, Button, Form, Input, Popconfirm, Skeleton } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { ApiProblem, problemMessage } from '../../common/api/problem';
import { useProblemForm } from '../../common/forms/useProblemForm';
import { formatDateTime } from '../../common/format/format';
import { usePageTitle } from '../../common/layout/usePageTitle';
import { type Notice, PageNotice } from '../../common/notice/PageNotice';
import { useProducer } from '../../officer/queues/queue-views';
import { useCommuneName } from '../../producer/areas/place';
import {
  type AdminAccount,
  invitationExpired,
  sendInvitationAgain,
  useAccount,
  useAccountActions,
  useProvinces,
} from './account-views';
import { AccountTags } from './AccountsPage';
import { ApiKeysSection } from './ApiKeysSection';
import type { CreatedState } from './NewAccountPage';
import { bindingOf, RoleFields, roleFieldNames, roleValuesOf, type RoleValues } from './RoleFields';
import './accounts.css';

/** Where the account acts, by names: the commune, the whole province, or none. */
function useTerritoryText(account: AdminAccount): string {
  const { t } = useTranslation();
  const scope = account.scope;
  const communeName = useCommuneName(
    scope?.communeCode ? { provinceCode: scope.provinceCode, communeCode: scope.communeCode } : undefined,
  );
  const provinces = useProvinces();
  if (!scope) return t('adminAccounts.noTerritory');
  if (scope.communeCode) return communeName;
  if (scope.districtCode) return t('adminAccounts.district', { code: scope.districtCode });
  const province = provinces.data?.find((p) => p.code === scope.provinceCode);
  return province?.name ?? t('adminAccounts.wholeProvince', { code: scope.provinceCode });
}

function Facts({ account }: { account: AdminAccount }) {
  const { t } = useTranslation();
  const headingId = useId();
  const producer = useProducer(account.producerId);
  const territory = useTerritoryText(account);
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('adminAccounts.profile')}</h2>
      <dl className="facts">
        {account.email && (
          <>
            <dt>{t('adminAccounts.email')}</dt>
            <dd>{account.email}</dd>
          </>
        )}
        {account.phone && (
          <>
            <dt>{t('adminAccounts.phone')}</dt>
            <dd>{account.phone}</dd>
          </>
        )}
        <dt>{t('adminAccounts.language')}</dt>
        <dd>{account.language === 'en' ? t('adminAccounts.languageEn') : t('adminAccounts.languageVi')}</dd>
        <dt>{t('adminAccounts.roles')}</dt>
        <dd>{account.roles.map((r) => t(`adminAccounts.role.${r}`)).join(', ')}</dd>
        {account.producerId && (
          <>
            <dt>{t('adminAccounts.producer')}</dt>
            <dd>{producer.data?.name ?? account.producerId}</dd>
          </>
        )}
        {(account.scope || account.roles.some((r) => r === 'officer' || r === 'council')) && (
          <>
            <dt>{t('adminAccounts.territory')}</dt>
            <dd>{territory}</dd>
          </>
        )}
        <dt>{t('adminAccounts.createdAt')}</dt>
        <dd>{formatDateTime(account.createdAt)}</dd>
      </dl>
    </section>
  );
}

/** Roles with the producer or territory they need, changed together (the service checks them together). */
function RolesForm({ account, onDone }: { account: AdminAccount; onDone: (notice: Notice) => void }) {
  const { t } = useTranslation();
  const headingId = useId();
  const [form] = Form.useForm<RoleValues>();
  const territory = Form.useWatch('territory', form);
  const { formProblem, showProblem, clearProblem } = useProblemForm(form, roleFieldNames(territory));
  const { changeRoles } = useAccountActions(account.accountId);
  const [busy, setBusy] = useState(false);

  async function save(values: RoleValues) {
    clearProblem();
    setBusy(true);
    try {
      await changeRoles.mutateAsync(await bindingOf(values));
      onDone({ type: 'success', text: t('adminAccounts.rolesSaved') });
    } catch (problem) {
      showProblem(problem);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('adminAccounts.rolesTitle')}</h2>
      {formProblem && <Alert type="error" showIcon title={formProblem} role="alert" className="form-alert" />}
      <Form
        form={form}
        layout="vertical"
        className="narrow-form"
        initialValues={roleValuesOf(account)}
        onFinish={(values) => void save(values)}
        scrollToFirstError={{ focus: true }}
      >
        <RoleFields form={form} />
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('adminAccounts.saveRoles')}
        </Button>
      </Form>
    </section>
  );
}

function DisableForm({ account, onDone }: { account: AdminAccount; onDone: (notice: Notice) => void }) {
  const { t } = useTranslation();
  const headingId = useId();
  const [form] = Form.useForm<{ reason: string }>();
  const { formProblem, showProblem, clearProblem } = useProblemForm(form);
  const { disable } = useAccountActions(account.accountId);

  async function disableIt({ reason }: { reason: string }) {
    clearProblem();
    try {
      await disable.mutateAsync(reason.trim());
      onDone({ type: 'success', text: t('adminAccounts.disabled') });
    } catch (problem) {
      showProblem(problem);
    }
  }

  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('adminAccounts.disableTitle')}</h2>
      <p>{t('adminAccounts.disableIntro')}</p>
      {formProblem && <Alert type="error" showIcon title={formProblem} role="alert" className="form-alert" />}
      <Form form={form} layout="vertical" className="narrow-form" onFinish={(v) => void disableIt(v)}>
        <Form.Item
          name="reason"
          label={t('adminAccounts.reason')}
          rules={[
            { required: true, whitespace: true, message: t('adminAccounts.reasonRequired') },
            { max: 500 },
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
        <Button danger htmlType="submit" loading={disable.isPending}>
          {t('adminAccounts.disable')}
        </Button>
      </Form>
    </section>
  );
}

/**
 * An invited account: until when its invitation works, or that it has expired, and a new one sent on request (the
 * earlier links stop working, hence the confirmation).
 */
function InvitationAlert({
  account,
  sending,
  onSend,
}: {
  account: AdminAccount;
  sending: boolean;
  onSend: () => void;
}) {
  const { t } = useTranslation();
  const expired = invitationExpired(account);
  const words = { email: account.email, time: formatDateTime(account.invitationExpiresAt) };
  return (
    <Alert
      type={expired ? 'warning' : 'info'}
      showIcon
      className="page-alert"
      title={t(expired ? 'adminAccounts.invitationExpiredTitle' : 'adminAccounts.invitationTitle')}
      description={
        <>
          <p>
            {t(expired ? 'adminAccounts.invitationExpiredText' : 'adminAccounts.invitationValidText', words)}
          </p>
          <p>{t('adminAccounts.reinviteHelp')}</p>
          <Popconfirm
            title={t('adminAccounts.reinviteConfirm', { email: account.email })}
            okText={t('adminAccounts.reinvite')}
            cancelText={t('common.cancel')}
            onConfirm={onSend}
          >
            <Button type={expired ? 'primary' : 'default'} loading={sending}>
              {t('adminAccounts.reinvite')}
            </Button>
          </Popconfirm>
        </>
      }
    />
  );
}

function AccountDetail({ accountId }: { accountId: string }) {
  const { t } = useTranslation();
  const location = useLocation();
  const created = (location.state as CreatedState | null)?.created;
  const account = useAccount(accountId);
  const { enable, unlock, reinvite } = useAccountActions(accountId);
  const [notice, setNotice] = useState<Notice | undefined>(
    created
      ? {
          type: 'success',
          text: t(created === 'invite' ? 'adminAccounts.createdInvited' : 'adminAccounts.created'),
        }
      : undefined,
  );
  usePageTitle(account.data?.displayName ?? t('adminAccounts.title'));

  if (account.isPending) return <Skeleton active />;
  if (account.error || !account.data)
    return (
      <Alert
        type="warning"
        showIcon
        title={
          // An address with no account, or not even an account's id (the service answers 400 then).
          account.error instanceof ApiProblem && [400, 404].includes(account.error.status)
            ? t('adminAccounts.notFound')
            : problemMessage(t, account.error)
        }
      />
    );
  const a = account.data;

  async function act(action: typeof enable | typeof unlock, done: string) {
    setNotice(undefined);
    try {
      await action.mutateAsync();
      setNotice({ type: 'success', text: t(done) });
    } catch (problem) {
      setNotice({ type: 'error', text: problemMessage(t, problem) });
    }
  }

  async function sendInvitation() {
    setNotice(undefined);
    setNotice(await sendInvitationAgain(() => reinvite.mutateAsync(), t, 'adminAccounts.reinvited'));
  }

  return (
    <>
      <h1>{a.displayName}</h1>
      <p className="item-head">
        <AccountTags account={a} />
      </p>
      <PageNotice notice={notice} />
      {a.lockedUntil && (
        <Alert
          type="warning"
          showIcon
          className="page-alert"
          title={t('adminAccounts.lockedTitle')}
          description={
            <>
              <p>{t('adminAccounts.lockedText', { time: formatDateTime(a.lockedUntil) })}</p>
              <Button onClick={() => void act(unlock, 'adminAccounts.unlocked')} loading={unlock.isPending}>
                {t('adminAccounts.unlock')}
              </Button>
            </>
          }
        />
      )}
      {a.status === 'invited' && (
        <InvitationAlert account={a} sending={reinvite.isPending} onSend={() => void sendInvitation()} />
      )}
      {a.status === 'disabled' && (
        <Alert
          type="error"
          showIcon
          className="page-alert"
          title={t('adminAccounts.disabledTitle')}
          description={
            <>
              <p>
                {t('adminAccounts.disabledLine', {
                  time: formatDateTime(a.disabledAt),
                  reason: a.disabledReason ?? '—',
                })}
              </p>
              <p>{t('adminAccounts.enableHelp')}</p>
              <Button
                type="primary"
                onClick={() => void act(enable, 'adminAccounts.enabled')}
                loading={enable.isPending}
              >
                {t('adminAccounts.enable')}
              </Button>
            </>
          }
        />
      )}
      <Facts account={a} />
      {/* Remounted after each change, so that the form starts from the roles the service saved. */}
      <RolesForm key={a.updatedAt} account={a} onDone={setNotice} />
      {a.roles.includes('retailer') && <ApiKeysSection accountId={a.accountId} />}
      {a.status !== 'disabled' && <DisableForm account={a} onDone={setNotice} />}
      <p>
        <Link to={`/quan-tri/nhat-ky?target=${a.accountId}`}>{t('adminAccounts.auditLink')}</Link>
      </p>
    </>
  );
}

/**
 * One account as an admin manages it: who it is, its roles and territory (changed here), a lock failed logins put
 * on it (lifted here), an invited account's invitation (sent again here), disabling it with a reason or enabling it
 * again, and a retailer's API keys.
 */
export function Component() {
  const { t } = useTranslation();
  const { accountId } = useParams();
  return (
    <>
      <p>
        <Link to="/quan-tri/tai-khoan">← {t('adminAccounts.back')}</Link>
      </p>
      {accountId ? (
        <AccountDetail key={accountId} accountId={accountId} />
      ) : (
        <Alert type="warning" showIcon title={t('adminAccounts.notFound')} />
      )}
    </>
  );
}
