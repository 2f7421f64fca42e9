import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, uploadFile } from '../api/client';
import type { Schema } from '../api/types';

export type FiledDocument = Schema<'catalogue.DocumentViewDto'>;

/** What documents belong to: a producer's registration, a growing-area or packing-house request. */
export type DocumentOwner =
  | { kind: 'producer'; id: string }
  | { kind: 'growing-area'; id: string }
  | { kind: 'packing-house'; id: string };

const BASE: Record<DocumentOwner['kind'], string> = {
  producer: '/api/catalogue/producers',
  'growing-area': '/api/traceability/growing-areas',
  'packing-house': '/api/traceability/packing-houses',
};

/** Where a document downloads from: a plain link, so the browser saves it with the session cookie. */
export const documentHref = (owner: DocumentOwner, documentId: string): string =>
  `${BASE[owner.kind]}/${encodeURIComponent(owner.id)}/documents/${encodeURIComponent(documentId)}`;

const keyOf = (owner: DocumentOwner) => ['documents', owner.kind, owner.id];

export function useDocuments(owner: DocumentOwner) {
  return useQuery({
    queryKey: keyOf(owner),
    retry: false,
    queryFn: async (): Promise<FiledDocument[]> => {
      switch (owner.kind) {
        case 'producer':
          return call(
            api.GET('/api/catalogue/producers/{producerId}/documents', {
              params: { path: { producerId: owner.id } },
            }),
          );
        case 'growing-area':
          return call(
            api.GET('/api/traceability/growing-areas/{growingAreaId}/documents', {
              params: { path: { growingAreaId: owner.id } },
            }),
          );
        case 'packing-house':
          return call(
            api.GET('/api/traceability/packing-houses/{packingHouseId}/documents', {
              params: { path: { packingHouseId: owner.id } },
            }),
          );
      }
    },
  });
}

/** Sends one file, the file itself as the body, with progress for a slow line. */
export function useFileDocument(owner: DocumentOwner) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ file, onProgress }: { file: File; onProgress: (percent: number) => void }) =>
      uploadFile<FiledDocument>(
        `${BASE[owner.kind]}/${encodeURIComponent(owner.id)}/documents?${new URLSearchParams({ fileName: file.name })}`,
        file,
        onProgress,
      ),
    onSettled: () => client.invalidateQueries({ queryKey: keyOf(owner) }),
  });
}

export function useRemoveDocument(owner: DocumentOwner) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (documentId: string) => {
      switch (owner.kind) {
        case 'producer':
          return call(
            api.DELETE('/api/catalogue/producers/{producerId}/documents/{documentId}', {
              params: { path: { producerId: owner.id, documentId } },
            }),
          );
        case 'growing-area':
          return call(
            api.DELETE('/api/traceability/growing-areas/{growingAreaId}/documents/{documentId}', {
              params: { path: { growingAreaId: owner.id, documentId } },
            }),
          );
        case 'packing-house':
          return call(
            api.DELETE('/api/traceability/packing-houses/{packingHouseId}/documents/{documentId}', {
              params: { path: { packingHouseId: owner.id, documentId } },
            }),
          );
      }
    },
    onSettled: () => client.invalidateQueries({ queryKey: keyOf(owner) }),
  });
}
