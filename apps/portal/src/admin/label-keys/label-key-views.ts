import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../../common/api/client';
import type { Schema } from '../../common/api/types';

export type LabelKey = Schema<'traceability.LabelKeyAdminView'>;
export type LabelKeyStatus = LabelKey['status'];

/** Every key that ever signed labels, newest first, with what only an admin reads (reason, units signed). */
export function useLabelKeys() {
  return useQuery({
    queryKey: ['traceability', 'label-keys'],
    staleTime: 0,
    queryFn: async () => (await call(api.GET('/api/traceability/label-keys'))).items,
  });
}

/** Rotate and revoke; either way the list is read again (another admin may have acted meanwhile). */
export function useLabelKeyActions() {
  const client = useQueryClient();
  const onSettled = () => client.invalidateQueries({ queryKey: ['traceability', 'label-keys'] });
  return {
    rotate: useMutation({
      mutationFn: () => call(api.POST('/api/traceability/label-keys/rotate')),
      onSettled,
    }),
    revoke: useMutation({
      mutationFn: ({ kid, reason }: { kid: string; reason: string }) =>
        call(
          api.POST('/api/traceability/label-keys/{kid}/revoke', {
            params: { path: { kid } },
            body: { reason },
          }),
        ),
      onSettled,
    }),
  };
}
