import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, uploadFile } from '../../common/api/client';
import { currentLanguage } from '../../common/i18n/i18n';

// Rating answers its rubric routes without response schemas (the sheets are domain data, libs/ocop-domain
// rubric.ts and rubric-report.ts): the shapes the page reads are written here, from rubric-catalog.ts.

export type SheetSource = 'bundled' | 'import';
export type SheetStatus = 'draft' | 'active' | 'superseded';
export type SetState = 'usable' | 'provisional' | 'unusable' | 'no-sheet';

/** Something in a sheet that does not add up (error: the sheet cannot be used) or looks odd (warning). */
export interface RubricIssue {
  severity: 'error' | 'warning';
  code: string;
  setCode?: string;
  case?: string;
  line?: number;
  /** A part code or a criterion key (C.6.4). */
  at?: string;
  expected?: number | string;
  actual?: number | string;
  messageVi: string;
  messageEn: string;
}

export interface UnverifiedRow {
  line: number;
  at: string;
  reason: string;
}

export interface SheetTotals {
  case?: string;
  parts: Record<'A' | 'B' | 'C', { maximum: number; reached: number }>;
  total: number;
}

export interface DraftRef {
  sheetId: string;
  revision: number;
  usable: boolean;
  source: SheetSource;
}

export interface SetValidation {
  setCode: string;
  setNo?: number;
  name: string;
  state: SetState;
  usable: boolean;
  active?: { sheetId: string; revision: number; source: SheetSource };
  totals?: SheetTotals[];
  unverified?: UnverifiedRow[];
  errors: RubricIssue[];
  warnings: RubricIssue[];
  drafts: DraftRef[];
}

export interface VersionValidation {
  version: string;
  legalBasis: string;
  usableSets: string[];
  provisionalSets: string[];
  unusableSets: string[];
  sets: SetValidation[];
}

export interface SheetReport {
  usable: boolean;
  provisional: boolean;
  totals: SheetTotals[];
  criteria: number;
  options: number;
  unverified: UnverifiedRow[];
  errors: RubricIssue[];
  warnings: RubricIssue[];
}

export interface SheetSummary {
  sheetId: string;
  decision: string;
  setCode: string;
  setNo?: number;
  name: string;
  revision: number;
  status: SheetStatus;
  usable: boolean;
  provisional: boolean;
  source: SheetSource;
  fileName: string | null;
  note: string | null;
  importedAt: string;
  activatedAt: string | null;
}

export interface ImportResult {
  sheets: (SheetSummary & { report: SheetReport })[];
  fileIssues: RubricIssue[];
}

interface SetHistory {
  revisions: (SheetSummary & { events: { action: string; at: string }[] })[];
}

/** An issue's message in the reader's language (the service writes both). */
export function issueText(issue: RubricIssue): string {
  return currentLanguage() === 'en' ? issue.messageEn : issue.messageVi;
}

/** Every sheet of every decision: which revision is active, its report, and drafts waiting. */
export function useValidation() {
  return useQuery({
    queryKey: ['rating', 'rubrics', 'validation'],
    staleTime: 0,
    queryFn: async () =>
      (await call(api.GET('/api/rating/rubrics/validation'))) as unknown as VersionValidation[],
  });
}

/** Every revision of one sheet, newest first: read when the admin opens the set. */
export function useSetHistory(version: string, setCode: string, enabled: boolean) {
  return useQuery({
    queryKey: ['rating', 'rubrics', 'history', version, setCode],
    enabled,
    staleTime: 0,
    queryFn: async () =>
      (await call(
        api.GET('/api/rating/rubrics/{version}/sets/{set}/history', {
          params: { path: { version, set: setCode } },
        }),
      )) as unknown as SetHistory,
  });
}

/** One revision's report; its content never changes, so it is read once a session. */
export function useRevisionReport(sheetId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['rating', 'rubrics', 'revision', sheetId],
    enabled,
    staleTime: Infinity,
    queryFn: async () =>
      (
        (await call(
          api.GET('/api/rating/rubrics/sheets/{sheetId}', { params: { path: { sheetId } } }),
        )) as unknown as { report: SheetReport }
      ).report,
  });
}

/** What rating takes (rubrics.controller.ts and service.ts): a CSV or an XLSX workbook, 5 MB at most. */
export const SHEET_ACCEPT =
  '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const SHEET_MAX_BYTES = 5 * 1024 * 1024;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The media type to send a sheet as, from its name: browsers type a .csv file variously (Windows with Excel says
 * application/vnd.ms-excel), and rating reads the body by the type it is told. Undefined for a file it cannot read.
 */
export function sheetType(fileName: string): 'text/csv' | typeof XLSX_TYPE | undefined {
  const extension = /\.([^.]+)$/.exec(fileName)?.[1]?.toLowerCase();
  return extension === 'csv' ? 'text/csv' : extension === 'xlsx' ? XLSX_TYPE : undefined;
}

export interface SheetImport {
  version: string;
  file: File;
  note?: string;
}

/** Which revision is active and which wait, read again; the revisions' reports never change. */
const refreshSets = (client: QueryClient) =>
  Promise.all([
    client.invalidateQueries({ queryKey: ['rating', 'rubrics', 'validation'] }),
    client.invalidateQueries({ queryKey: ['rating', 'rubrics', 'history'] }),
  ]);

/** Imports a file of sheets as drafts with their reports; the lists show them at their next reading. */
export function useImportSheets() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ version, file, note }: SheetImport) => {
      const query = new URLSearchParams({ fileName: file.name, ...(note ? { note } : {}) });
      const typed = new File([file], file.name, { type: sheetType(file.name) ?? file.type });
      // A sheet is a few hundred kilobytes at most: no progress bar to feed.
      return uploadFile<ImportResult>(
        `/api/rating/rubrics/${encodeURIComponent(version)}/sheets?${query}`,
        typed,
        () => undefined,
      );
    },
    onSuccess: () => refreshSets(client),
  });
}

/** Makes a revision the one new rounds pin; refused for a sheet that does not validate. */
export function useActivateSheet() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (sheetId: string) =>
      (await call(
        api.POST('/api/rating/rubrics/sheets/{sheetId}/activate', { params: { path: { sheetId } } }),
      )) as unknown as SheetSummary,
    // Refused or not, another admin may have changed the set meanwhile: the page reads it again.
    onSettled: () => refreshSets(client),
  });
}
