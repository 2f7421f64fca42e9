import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Select, Skeleton, Tag } from 'antd';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { problemMessage } from '../../common/api/problem';
import { formatDate } from '../../common/format/format';
import { LinkButton } from '../../common/layout/LinkButton';
import { usePageTitle } from '../../common/layout/usePageTitle';
import {
  type AccountStatus,
  type AdminAccount,
  invitationExpired,
  ROLES,
  type Role,
  STATUSES,
  useAccounts,
} from './account-views';
import './accounts.css';

const STATUS_COLOURS: Record<AccountStatus, string> = {
  active: '#237804',
  invited: '#0958d9',
  disabled: '#a8071a',
};

/** The tags an account is known by at a glance: its status, a lock in force, an expired invitation, its roles. */
export function AccountTags({ account }: { account: AdminAccount }) {
  const { t } = useTranslation();
  return (
    <>
      <Tag color={STATUS_COLOURS[account.status]}>{t(`adminAccounts.status.${account.status}`)}</Tag>
      {account.lockedUntil && <Tag color="#ad4e00">{t('adminAccounts.locked')}</Tag>}
      {invitationExpired(account) && <Tag color="#ad4e00">{t('adminAccounts.invitationExpiredTag')}</Tag>}
      {account.roles.map((role) => (
        <Tag key={role}>{t(`adminAccounts.role.${role}`)}</Tag>
      ))}
    </>
  );
}

function FilterSelect<V extends string>({
  label,
  all,
  value,
  values,
  labelOf,
  onChange,
}: {
  label: string;
  all: string;
  value: V | undefined;
  values: readonly V[];
  labelOf: (v: V) => string;
  onChange: (v: V | undefined) => void;
}) {
  const id = useId();
  return (
    <div className="account-filter">
      <label htmlFor={id}>{label}</label>
      <Select
        id={id}
        value={value ?? ''}
        onChange={(v: string) => onChange(v ? (v as V) : undefined)}
        options={[{ value: '', label: all }, ...values.map((v) => ({ value: v, label: labelOf(v) }))]}
        style={{ width: '100%' }}
      />
    </div>
  );
}

/**
 * Every account, newest first, by role and status; each leads to its page. The filters live in the address, so
 * that coming back from an account finds the list as it was left.
 */
export function Component() {
  const { t } = useTranslation();
  usePageTitle(t('adminAccounts.title'));
  const [params, setParams] = useSearchParams();
  const role = ROLES.find((r) => r === params.get('role'));
  const status = STATUSES.find((s) => s === params.get('status'));
  const accounts = useAccounts({ ...(role ? { role } : {}), ...(status ? { status } : {}) });
  const items = (accounts.data?.pages ?? []).flatMap((p) => p.items);
  const listId = useId();

  const setFilter = (name: 'role' | 'status', value: string | undefined) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );

  return (
    <>
      <div className="page-head">
        <h1>{t('adminAccounts.title')}</h1>
        <LinkButton type="primary" icon={<PlusOutlined aria-hidden="true" />} to="/quan-tri/tai-khoan/moi">
          {t('adminAccounts.newAccount')}
        </LinkButton>
      </div>
      <p>{t('adminAccounts.intro')}</p>
      <div className="account-filters">
        <FilterSelect<Role>
          label={t('adminAccounts.filterRole')}
          all={t('adminAccounts.allRoles')}
          value={role}
          values={ROLES}
          labelOf={(r) => t(`adminAccounts.role.${r}`)}
          onChange={(v) => setFilter('role', v)}
        />
        <FilterSelect<AccountStatus>
          label={t('adminAccounts.filterStatus')}
          all={t('adminAccounts.allStatuses')}
          value={status}
          values={STATUSES}
          labelOf={(s) => t(`adminAccounts.status.${s}`)}
          onChange={(v) => setFilter('status', v)}
        />
      </div>
      <section className="panel" aria-labelledby={listId}>
        <h2 id={listId} className="visually-hidden">
          {t('adminAccounts.title')}
        </h2>
        {accounts.isPending ? (
          <Skeleton active paragraph={{ rows: 3 }} />
        ) : accounts.error ? (
          <Alert
            type="warning"
            showIcon
            title={problemMessage(t, accounts.error)}
            action={<Button onClick={() => void accounts.refetch()}>{t('common.retry')}</Button>}
          />
        ) : items.length === 0 ? (
          <p className="muted">{t('adminAccounts.none')}</p>
        ) : (
          <ul className="item-list">
            {items.map((a) => (
              <li key={a.accountId}>
                <div className="item-head">
                  <Link to={`/quan-tri/tai-khoan/${a.accountId}`}>{a.displayName}</Link>
                  <AccountTags account={a} />
                </div>
                <div className="muted">
                  {[a.email, a.phone, t('adminAccounts.createdOn', { date: formatDate(a.createdAt) })]
                    .filter(Boolean)
                    .join(' · ')}
                </div>
              </li>
            ))}
          </ul>
        )}
        {accounts.hasNextPage && (
          <Button block onClick={() => void accounts.fetchNextPage()} loading={accounts.isFetchingNextPage}>
            {t('adminAccounts.loadMore')}
          </Button>
        )}
      </section>
    </>
  );
}
