import { Alert, Button, Select, Skeleton } from 'antd';
import type { TFunction } from 'i18next';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { problemMessage } from '../../common/api/problem';
import { formatDateTime } from '../../common/format/format';
import { usePageTitle } from '../../common/layout/usePageTitle';
import { type AuditEntry, type Role, useAccount, useAdmins, useAuditTrail } from './account-views';
import './accounts.css';

/** Every action identity records (its AuditTrail callers), in the order an admin looks for them. */
const ACTIONS = [
  'account.created',
  'account.roles-changed',
  'account.disabled',
  'account.enabled',
  'account.unlocked',
  'api-key.created',
  'api-key.revoked',
  'account.invitation-reissued',
  'account.invitation-accepted',
  'account.self-registered',
  'account.password-changed',
  'account.password-reset-requested',
  'account.password-reset',
  'account.password-reset-limited',
  'registration.repeated',
  'signing-key.rotated',
];

const actionLabel = (t: TFunction, action: string) =>
  t(`adminAudit.action.${action}`, { defaultValue: action });

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const rolesText = (t: TFunction, value: unknown) =>
  Array.isArray(value) ? value.map((r) => t(`adminAccounts.role.${r as Role}`)).join(', ') : '';

/** The details an admin needs to read an entry, in words: a reason, the roles before and after, a key's name. */
function detailsOf(t: TFunction, e: AuditEntry): string | undefined {
  const d = e.details;
  switch (e.action) {
    case 'account.disabled':
      return t('adminAudit.detailReason', { reason: str(d['reason']) ?? '—' });
    case 'account.enabled':
      return t('adminAudit.detailEnabled', {
        time: formatDateTime(str(d['disabledAt'])),
        reason: str(d['disabledReason']) ?? '—',
      });
    case 'account.roles-changed':
      return t('adminAudit.detailPreviousRoles', {
        roles: rolesText(t, d['roles']),
        previous: rolesText(t, d['previousRoles']),
      });
    case 'account.created':
      return [
        t('adminAudit.detailRoles', { roles: rolesText(t, d['roles']) }),
        d['invited'] ? t('adminAudit.detailInvited') : '',
      ]
        .filter(Boolean)
        .join(' · ');
    case 'account.unlocked':
      return t('adminAudit.detailUnlocked', {
        failures: d['failures'],
        time: formatDateTime(str(d['lockedUntil'])),
      });
    case 'account.invitation-reissued':
      return t('adminAudit.detailReissued', { time: formatDateTime(str(d['expiresAt'])) });
    case 'api-key.created':
      return t('adminAudit.detailKey', { name: str(d['name']) ?? '—', prefix: str(d['prefix']) ?? '' });
    default:
      return undefined;
  }
}

function Entry({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const details = detailsOf(t, entry);
  return (
    <li>
      <div className="item-head">
        <span>{actionLabel(t, entry.action)}</span>
        {entry.accountId && (
          <Link to={`/quan-tri/tai-khoan/${entry.accountId}`}>{entry.accountName ?? entry.accountId}</Link>
        )}
      </div>
      <div className="muted">
        {t('adminAudit.entry', {
          time: formatDateTime(entry.at),
          actor: entry.actorId ? (entry.actorName ?? entry.actorId) : t('adminAudit.system'),
        })}
      </div>
      {details && <div className="muted">{details}</div>}
    </li>
  );
}

/**
 * Who did what to accounts and keys, newest first, in Viet Nam time: by action, by who did it, or about one
 * account (the account page links here with it). The filters live in the address, so a filtered view can be sent.
 */
export function Component() {
  const { t } = useTranslation();
  usePageTitle(t('adminAudit.title'));
  const [params, setParams] = useSearchParams();
  const action = params.get('action') ?? undefined;
  const actorId = params.get('actor') ?? undefined;
  const targetId = params.get('target') ?? undefined;
  const trail = useAuditTrail({
    ...(action ? { action } : {}),
    ...(actorId ? { actorId } : {}),
    ...(targetId ? { targetId } : {}),
  });
  const admins = useAdmins();
  const target = useAccount(targetId);
  const entries = (trail.data?.pages ?? []).flatMap((p) => p.items);
  const actionId = useId();
  const actorSelectId = useId();
  const listId = useId();

  const setFilter = (name: 'action' | 'actor' | 'target', value: string | undefined) =>
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
      <h1>{t('adminAudit.title')}</h1>
      <p>{t('adminAudit.intro')}</p>
      <div className="account-filters">
        <div className="account-filter">
          <label htmlFor={actionId}>{t('adminAudit.filterAction')}</label>
          <Select
            id={actionId}
            value={action ?? ''}
            onChange={(v: string) => setFilter('action', v || undefined)}
            options={[
              { value: '', label: t('adminAudit.allActions') },
              ...ACTIONS.map((a) => ({ value: a, label: actionLabel(t, a) })),
            ]}
            style={{ width: '100%' }}
          />
        </div>
        <div className="account-filter">
          <label htmlFor={actorSelectId}>{t('adminAudit.filterActor')}</label>
          <Select
            id={actorSelectId}
            value={actorId ?? ''}
            loading={admins.isPending}
            onChange={(v: string) => setFilter('actor', v || undefined)}
            options={[
              { value: '', label: t('adminAudit.allActors') },
              ...(admins.data ?? []).map((a) => ({ value: a.accountId, label: a.displayName })),
            ]}
            style={{ width: '100%' }}
          />
        </div>
      </div>
      {targetId && (
        <p className="item-head">
          <span>{t('adminAudit.about', { name: target.data?.displayName ?? targetId })}</span>
          <Button size="small" onClick={() => setFilter('target', undefined)}>
            {t('adminAudit.clearAbout')}
          </Button>
        </p>
      )}
      <section className="panel" aria-labelledby={listId}>
        <h2 id={listId} className="visually-hidden">
          {t('adminAudit.title')}
        </h2>
        {trail.isPending ? (
          <Skeleton active paragraph={{ rows: 3 }} />
        ) : trail.error ? (
          <Alert
            type="warning"
            showIcon
            title={problemMessage(t, trail.error)}
            action={<Button onClick={() => void trail.refetch()}>{t('common.retry')}</Button>}
          />
        ) : entries.length === 0 ? (
          <p className="muted">{t('adminAudit.none')}</p>
        ) : (
          <ol className="item-list">
            {entries.map((e) => (
              <Entry key={e.id} entry={e} />
            ))}
          </ol>
        )}
        {trail.hasNextPage && (
          <Button block onClick={() => void trail.fetchNextPage()} loading={trail.isFetchingNextPage}>
            {t('adminAudit.loadMore')}
          </Button>
        )}
      </section>
    </>
  );
}
