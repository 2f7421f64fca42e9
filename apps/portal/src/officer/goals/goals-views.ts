import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../common/api/client';
import { ApiProblem } from '../../common/api/problem';

export type UnitMap = 'bt-2022' | 'vl-2025-07';

export interface CommuneUnit {
  code: string;
  name: string;
  districtCode?: string;
  type: string;
}

/** rating's GET /reports/kpis (apps/rating reports.service.ts kpis): its OpenAPI answer is untyped. */
export interface Kpis {
  map: UnitMap;
  at: string;
  certifiedProducts: number;
  producers: number;
  byStars: Record<'3' | '4' | '5', number>;
  byGroup: { group: string; nameVi: string; nameEn: string; count: number }[];
  byDistrict: { code: string; name?: string; count: number }[];
  byCommune: (CommuneUnit & { count: number })[];
  coverage: {
    covered: number;
    total: number;
    percent: number;
    byType: { type: string; nameEn: string; covered: number; total: number; percent: number }[];
    uncovered: CommuneUnit[];
  };
  expiringWithin90Days: number;
}

export interface Expiring {
  certificateId: string;
  number: string;
  productName: string;
  producerName: string;
  stars: number;
  expiresAt: string;
  daysLeft: number;
}

export interface Target {
  targetId: string;
  year: number;
  kind: 'communes-covered' | 'certified-products';
  unit: { name: string; level: string };
  value: number;
  progress: {
    asOf: string;
    final: boolean;
    actual: number;
    target: number;
    percent: number;
    reached: boolean;
  };
}

/** The figures as of the end of a day in Viet Nam, under a map (or the one in force that day). */
export function useKpis(at: string, map: UnitMap | undefined) {
  return useQuery({
    queryKey: ['rating', 'kpis', at, map ?? 'in-force'],
    queryFn: async () =>
      (await call(
        api.GET('/api/rating/reports/kpis', { params: { query: { at, ...(map ? { map } : {}) } } }),
      )) as unknown as Kpis,
  });
}

export function useExpiring() {
  return useQuery({
    queryKey: ['rating', 'expiring', 90],
    queryFn: async () =>
      (await call(
        // 90 days is rating's default window, the one the dashboard shows.
        api.GET('/api/rating/reports/expiring', {}),
      )) as unknown as Expiring[],
  });
}

export function useTargets() {
  return useQuery({
    queryKey: ['rating', 'targets'],
    queryFn: async () =>
      ((await call(api.GET('/api/rating/targets', {}))) as unknown as { items: Target[] }).items,
  });
}

/**
 * A report file from rating, as the Department's report takes it: XLSX opens in Excel with typed cells, PDF goes
 * into the paper file.
 */
export function exportUrl(
  report: 'kpis/export' | 'coverage',
  at: string,
  map: UnitMap | undefined,
  format: 'xlsx' | 'pdf' = 'xlsx',
): string {
  const query = new URLSearchParams({ format, at, ...(map ? { map } : {}) });
  return `/api/rating/reports/${report}?${query.toString()}`;
}

/** The districts of a map by code → name (reference data: kept for the session). */
export function useDistrictNames(map: UnitMap | undefined) {
  return useQuery({
    queryKey: ['admin-units', map, 'districts'],
    enabled: !!map,
    staleTime: Infinity,
    queryFn: async () => {
      const page = (await call(
        api.GET('/api/catalogue/admin-units', {
          params: { query: { map: map as UnitMap, level: 'district', limit: 100 } },
        }),
      )) as unknown as { items: { code: string; name: string }[] };
      return new Map(page.items.map((d) => [d.code, d.name]));
    },
  });
}

/** lookup's GET /stats/scans/summary (apps/lookup scan-stats.controller.ts): scans of a period by outcome. */
export interface ScanTally {
  scans: number;
  outcomes: Record<string, number>;
}

export interface ScanSummary {
  from: string;
  to: string;
  total: number;
  byOutcome: { outcome: string; scans: number }[];
  byProduct: (ScanTally & {
    productId: string;
    nameVi: string | null;
    nameEn: string | null;
    producerName: string | null;
  })[];
  byDistrict: (ScanTally & { districtCode: string | null })[];
}

/** The days the scans card covers: the 30 days that end on the dashboard's day. */
export const SCAN_DAYS = 30;

export function scanPeriod(at: string): { from: string; to: string } {
  const from = new Date(Date.parse(`${at}T00:00:00Z`) - (SCAN_DAYS - 1) * 86_400_000)
    .toISOString()
    .slice(0, 10);
  return { from, to: at };
}

export function useScanSummary(at: string) {
  const { from, to } = scanPeriod(at);
  return useQuery({
    queryKey: ['lookup', 'scan-summary', from, to],
    queryFn: async () =>
      (await call(
        api.GET('/api/lookup/stats/scans/summary', { params: { query: { from, to } } }),
      )) as unknown as ScanSummary,
  });
}

/** catalogue's GET /admin-units/{map}/boundaries: the communes' boundaries the province loaded (GeoJSON). */
export interface Boundaries {
  type: 'FeatureCollection';
  loadedAt: string;
  features: {
    type: 'Feature';
    properties: { code: string; name: string };
    geometry: { type: 'MultiPolygon'; coordinates: number[][][][] };
  }[];
}

/** The map's boundaries, or null while the province has loaded none (the dashboard then draws a grid). */
export function useBoundaries(map: UnitMap) {
  return useQuery({
    queryKey: ['admin-units', map, 'boundaries'],
    staleTime: Infinity,
    queryFn: async () => {
      try {
        return (await call(
          api.GET('/api/catalogue/admin-units/{map}/boundaries', { params: { path: { map } } }),
        )) as unknown as Boundaries;
      } catch (err) {
        if (err instanceof ApiProblem && err.code === 'boundaries-not-loaded') return null;
        throw err;
      }
    },
  });
}

export async function loadBoundaries(
  map: UnitMap,
  body: unknown,
): Promise<{ communes: number; missing: { code: string; name: string }[] }> {
  return (await call(
    api.PUT('/api/catalogue/admin-units/{map}/boundaries', {
      params: { path: { map } },
      body: body as Record<string, never>,
    }),
  )) as unknown as { communes: number; missing: { code: string; name: string }[] };
}
