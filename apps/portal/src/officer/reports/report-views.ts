import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../../common/api/client';

export type ReportStatus = 'new' | 'investigating' | 'closed';
export type ReportCategory = 'counterfeit' | 'quality' | 'label' | 'other';

/** A consumer report as lookup shows it (apps/lookup reports/report-cases.controller.ts): a case to triage. */
export interface ReportCase {
  reportId: string;
  status: ReportStatus;
  category: ReportCategory;
  message: string;
  /** Only officers read the reporter's contact. */
  contact?: string | null;
  gtin: string;
  lot: string | null;
  serial: string | null;
  /** What the scan answered when the report was filed (genuine, unknown…). */
  outcome: string | null;
  product: { productId: string; nameVi: string | null; nameEn: string | null } | null;
  filedAt: string;
  statusChangedAt: string | null;
  history?: { from: ReportStatus; to: ReportStatus; at: string; note?: string | null }[];
}

interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/** Reports of the officer's territory that wait for someone: new ones and those being looked into. */
export function useOpenReports() {
  return useQuery({
    queryKey: ['lookup', 'reports', 'queue'],
    staleTime: 0,
    queryFn: async () => {
      const read = async (status: ReportStatus) =>
        (
          (await call(
            api.GET('/api/lookup/reports', { params: { query: { status, sort: 'waiting', limit: 50 } } }),
          )) as unknown as Page<ReportCase>
        ).items;
      const [fresh, investigating] = await Promise.all([read('new'), read('investigating')]);
      // One desk, oldest first: a report under investigation for weeks stays ahead of yesterday's new one.
      return [...fresh, ...investigating].sort((a, b) => a.filedAt.localeCompare(b.filedAt));
    },
  });
}

export function useReport(reportId: string) {
  return useQuery({
    queryKey: ['lookup', 'report', reportId],
    retry: false,
    queryFn: async () =>
      (await call(
        api.GET('/api/lookup/reports/{id}', { params: { path: { id: reportId } } }),
      )) as unknown as ReportCase,
  });
}

/** Move a case on: being looked into, or closed with what was found and done. */
export function useReportTransition(reportId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { status: 'investigating' | 'closed'; note?: string }) =>
      call(
        api.POST('/api/lookup/reports/{id}/transitions', {
          params: { path: { id: reportId } },
          body: body as never,
        }),
      ),
    onSettled: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: ['lookup', 'report', reportId] }),
        client.invalidateQueries({ queryKey: ['lookup', 'reports'] }),
      ]),
  });
}
