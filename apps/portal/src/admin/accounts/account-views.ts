import {
  type QueryClient,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { api, call } from '../../common/api/client';
import { problemMessage } from '../../common/api/problem';
import type { paths } from '../../common/api/schema.gen';
import type { Schema } from '../../common/api/types';
import { formatDateTime } from '../../common/format/format';
import type { Notice } from '../../common/notice/PageNotice';
import type { AdminUnit } from '../../common/places/CommunePicker';

export type AdminAccount = Schema<'identity.AdminAccountView'>;
export type AccountPage = Schema<'identity.AccountPage'>;
export type Role = AdminAccount['roles'][number];
export type AccountStatus = AdminAccount['status'];
export type TerritoryScope = NonNullable<AdminAccount['scope']>;
export type NewAccount = Schema<'identity.CreateAccountDto'>;
export type RoleBinding = Schema<'identity.RoleBindingDto'>;
export type ApiKey = Schema<'identity.ApiKeyView'>;
export type CreatedApiKey = Schema<'identity.CreatedApiKey'>;
export type AuditEntry = Schema<'identity.AuditEntryDto'>;
type AuditPage = Schema<'identity.AuditPage'>;
type Producer = Schema<'catalogue.ProducerView'>;

/** In the order an admin thinks of them: who runs the platform, who decides, who produces, who sells. */
export const ROLES: Role[] = ['admin', 'officer', 'council', 'producer', 'retailer'];
export const STATUSES: AccountStatus[] = ['active', 'invited', 'disabled'];

const PAGE_SIZE = 20;

export interface AccountFilter {
  role?: Role;
  status?: AccountStatus;
}

/** Whether an invited account's invitation has stopped working (its link is refused). */
export function invitationExpired(account: AdminAccount, now = new Date()): boolean {
  return (
    account.status === 'invited' &&
    !!account.invitationExpiresAt &&
    Date.parse(account.invitationExpiresAt) <= now.getTime()
  );
}

/**
 * Sends a person's invitation again and says where it went and until when its new link works, or why it was not
 * sent: the admin's account page and the officer's page of a producer both offer it, in their own words.
 */
export async function sendInvitationAgain(
  send: () => Promise<{ account: Pick<AdminAccount, 'email' | 'invitationExpiresAt'> }>,
  t: TFunction,
  sentKey: string,
): Promise<Notice> {
  try {
    const { account } = await send();
    return {
      type: 'success',
      text: t(sentKey, { email: account.email, time: formatDateTime(account.invitationExpiresAt) }),
    };
  } catch (problem) {
    return { type: 'error', text: problemMessage(t, problem) };
  }
}

/** Accounts, newest first, a page at a time. */
export function useAccounts(filter: AccountFilter) {
  return useInfiniteQuery({
    queryKey: ['identity', 'accounts', 'list', filter],
    // Locks come and go with failed logins: what the admin reads is asked afresh each time the list opens.
    staleTime: 0,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      call(
        api.GET('/api/identity/admin/accounts', {
          params: { query: { ...filter, limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useAccount(accountId: string | undefined) {
  return useQuery({
    queryKey: ['identity', 'account', accountId],
    enabled: !!accountId,
    staleTime: 0,
    retry: false,
    queryFn: () =>
      call(
        api.GET('/api/identity/admin/accounts/{accountId}', {
          params: { path: { accountId: accountId as string } },
        }),
      ),
  });
}

/** The account as a change answered it; the lists show it as it is now at their next reading. */
function accountChanged(client: QueryClient, account: AdminAccount) {
  client.setQueryData(['identity', 'account', account.accountId], account);
  return Promise.all([
    client.invalidateQueries({ queryKey: ['identity', 'accounts'] }),
    client.invalidateQueries({ queryKey: ['identity', 'audit'] }),
  ]);
}

export function useCreateAccount() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (account: NewAccount) => call(api.POST('/api/identity/admin/accounts', { body: account })),
    onSuccess: ({ account }) => accountChanged(client, account),
  });
}

/**
 * Change roles, disable, enable, unlock, send the invitation again: each answers the account as it is after the
 * change.
 */
export function useAccountActions(accountId: string) {
  const client = useQueryClient();
  const path = { params: { path: { accountId } } };
  const onSuccess = (account: AdminAccount) => accountChanged(client, account);
  // A 409 says the account is no longer as the page showed it (another admin, a lock that ran out): read it again.
  const onError = () => client.invalidateQueries({ queryKey: ['identity', 'account', accountId] });
  return {
    changeRoles: useMutation({
      mutationFn: (binding: RoleBinding) =>
        call(api.PUT('/api/identity/admin/accounts/{accountId}/roles', { ...path, body: binding })),
      onSuccess,
      onError,
    }),
    disable: useMutation({
      mutationFn: (reason: string) =>
        call(api.POST('/api/identity/admin/accounts/{accountId}/disable', { ...path, body: { reason } })),
      onSuccess,
      onError,
    }),
    enable: useMutation({
      mutationFn: () => call(api.POST('/api/identity/admin/accounts/{accountId}/enable', path)),
      onSuccess,
      onError,
    }),
    unlock: useMutation({
      mutationFn: () => call(api.POST('/api/identity/admin/accounts/{accountId}/unlock', path)),
      onSuccess,
      onError,
    }),
    reinvite: useMutation({
      mutationFn: () => call(api.POST('/api/identity/admin/accounts/{accountId}/invitation', path)),
      onSuccess: ({ account }) => accountChanged(client, account),
      onError,
    }),
  };
}

export function useApiKeys(accountId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['identity', 'api-keys', accountId],
    enabled,
    queryFn: () =>
      call(api.GET('/api/identity/admin/accounts/{accountId}/api-keys', { params: { path: { accountId } } })),
  });
}

export function useApiKeyActions(accountId: string) {
  const client = useQueryClient();
  const refresh = () =>
    Promise.all([
      client.invalidateQueries({ queryKey: ['identity', 'api-keys', accountId] }),
      client.invalidateQueries({ queryKey: ['identity', 'audit'] }),
    ]);
  return {
    create: useMutation({
      mutationFn: (name: string) =>
        call(
          api.POST('/api/identity/admin/accounts/{accountId}/api-keys', {
            params: { path: { accountId } },
            body: { name },
          }),
        ),
      onSuccess: refresh,
    }),
    revoke: useMutation({
      mutationFn: (keyId: string) =>
        call(
          api.DELETE('/api/identity/admin/accounts/{accountId}/api-keys/{keyId}', {
            params: { path: { accountId, keyId } },
          }),
        ),
      onSettled: refresh,
    }),
  };
}

export interface AuditFilter {
  action?: string;
  actorId?: string;
  targetId?: string;
}

/** The audit trail, newest first, a page at a time. */
export function useAuditTrail(filter: AuditFilter) {
  return useInfiniteQuery({
    queryKey: ['identity', 'audit', filter],
    staleTime: 0,
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      (await call(
        api.GET('/api/identity/admin/audit', {
          params: { query: { ...filter, limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      )) as AuditPage,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** Every admin, to choose whose actions to read (a platform has a handful). */
export function useAdmins() {
  return useQuery({
    queryKey: ['identity', 'accounts', 'admins'],
    queryFn: async () =>
      (
        await call(
          api.GET('/api/identity/admin/accounts', { params: { query: { role: 'admin', limit: 100 } } }),
        )
      ).items,
  });
}

type UnitMap = NonNullable<
  NonNullable<paths['/api/catalogue/admin-units']['get']['parameters']['query']>['map']
>;

/** The provinces on the map in force, for an officer or a council of a whole province. */
export function useProvinces() {
  return useQuery({
    queryKey: ['admin-units', 'provinces'],
    staleTime: Infinity,
    queryFn: async () => {
      const maps = (await call(api.GET('/api/catalogue/admin-units/maps'))) as unknown as {
        inForce: UnitMap;
      };
      const page = (await call(
        api.GET('/api/catalogue/admin-units', {
          params: { query: { level: 'province', map: maps.inForce, limit: 100 } },
        }),
      )) as unknown as { items: AdminUnit[] };
      return page.items;
    },
  });
}

/** Producers whose name matches what the admin types ("nam loi" finds "Năm Lợi"). */
export function useProducerSearch(q: string) {
  return useQuery({
    queryKey: ['catalogue', 'producers', 'search', q],
    enabled: q.length >= 2,
    queryFn: async () =>
      (await call(api.GET('/api/catalogue/producers', { params: { query: { q, limit: 20 } } })))
        .items as Producer[],
  });
}
