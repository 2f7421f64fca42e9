import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../../common/api/client';
import type { Schema } from '../../common/api/types';

export type ApiKey = Schema<'identity.ApiKeyView'>;

const KEYS = ['identity', 'me', 'api-keys'];

/** The signed-in retailer's own API keys, newest first (never the keys themselves). */
export function useMyApiKeys() {
  return useQuery({ queryKey: KEYS, queryFn: () => call(api.GET('/api/identity/me/api-keys')) });
}

export function useMyApiKeyActions() {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: KEYS });
  return {
    create: useMutation({
      mutationFn: (name: string) => call(api.POST('/api/identity/me/api-keys', { body: { name } })),
      onSuccess: refresh,
    }),
    revoke: useMutation({
      mutationFn: (keyId: string) =>
        call(api.DELETE('/api/identity/me/api-keys/{keyId}', { params: { path: { keyId } } })),
      onSettled: refresh,
    }),
  };
}
