import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../common/api/client';

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

/** A report file from rating, as the Department's report takes it (XLSX opens in Excel with typed cells). */
export function exportUrl(report: 'kpis/export' | 'coverage', at: string, map: UnitMap | undefined): string {
  const query = new URLSearchParams({ format: 'xlsx', at, ...(map ? { map } : {}) });
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
