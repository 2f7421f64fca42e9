import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../common/api/client';
import type { paths } from '../../common/api/schema.gen';
import type { AdminUnit } from '../../common/places/CommunePicker';

/** GSO codes the services want for a site's place, as traceability's SitePlaceDto takes them. */
export interface SitePlace {
  provinceCode: string;
  districtCode?: string;
  communeCode: string;
}

type UnitMap = paths['/api/catalogue/admin-units/{map}/{code}']['get']['parameters']['path']['map'];

const unit = async (map: string, code: string) =>
  (await call(
    api.GET('/api/catalogue/admin-units/{map}/{code}', {
      params: { path: { map: map as UnitMap, code } },
    }),
  )) as unknown as AdminUnit;

/**
 * The place of a commune on the map in force: its parent is the province on today's map (since July 2025), or a
 * district on the older one, whose parent is then the province.
 */
export async function placeOfCommune(communeCode: string): Promise<SitePlace> {
  const maps = (await call(api.GET('/api/catalogue/admin-units/maps'))) as unknown as { inForce: string };
  const commune = await unit(maps.inForce, communeCode);
  const parent = commune.parentCode ?? '';
  if (parent.length === 2) return { provinceCode: parent, communeCode };
  const district = await unit(maps.inForce, parent);
  return { provinceCode: district.parentCode ?? '', districtCode: parent, communeCode };
}

/** Which administrative map a site's province code belongs to (as traceability checks it). */
const MAP_OF_PROVINCE: Record<string, string> = { '83': 'bt-2022', '86': 'vl-2025-07' };

/** A site's commune by its name ("Phường Phú Khương"), the code while the name loads or if it is unknown. */
export function useCommuneName(place: SitePlace | undefined): string {
  const map = place ? MAP_OF_PROVINCE[place.provinceCode] : undefined;
  const name = useQuery({
    queryKey: ['admin-units', map, 'code', place?.communeCode],
    enabled: !!map && !!place,
    queryFn: () => unit(map as string, place?.communeCode as string),
    staleTime: Infinity,
    retry: false,
  });
  return name.data?.name ?? place?.communeCode ?? '—';
}
