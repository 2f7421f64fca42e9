import type { UnitMapId } from '@ocop/contracts';
import { adminUnits } from '@ocop/ocop-domain';

export interface Unit {
  code: string;
  name: string;
}

/** The commune-level unit types, as GSO writes them: xã, phường, thị trấn (2022); xã, phường, đặc khu (2025). */
export type CommuneType = 'Xã' | 'Phường' | 'Thị trấn' | 'Đặc khu';

export interface Commune extends Unit {
  /** Absent on maps without districts (from July 2025). */
  districtCode?: string;
  type: CommuneType;
}

/**
 * What the reports need from the administrative units: every commune of a map (the denominator of commune
 * coverage) and the names of communes and districts. An interface, so that report tests can pass a small map.
 */
export abstract class CommuneDirectory {
  abstract communes(map: UnitMapId): readonly Commune[];
  abstract districts(map: UnitMapId): readonly Unit[];
}

/** The directory of the shared administrative-unit registry (libs/ocop-domain). */
export class RegistryCommuneDirectory extends CommuneDirectory {
  private readonly byMap = new Map<UnitMapId, { communes: Commune[]; districts: Unit[] }>();

  private entry(map: UnitMapId) {
    let found = this.byMap.get(map);
    if (!found) {
      const registry = adminUnits();
      const byCode = <T extends Unit>(a: T, b: T) => a.code.localeCompare(b.code);
      found = {
        communes: registry
          .units(map, { level: 'commune' })
          .map((u) => ({
            code: u.code,
            name: u.name,
            type: u.type as CommuneType,
            ...(u.districtCode ? { districtCode: u.districtCode } : {}),
          }))
          .sort(byCode),
        districts: registry
          .units(map, { level: 'district' })
          .map((u) => ({ code: u.code, name: u.name }))
          .sort(byCode),
      };
      this.byMap.set(map, found);
    }
    return found;
  }

  communes(map: UnitMapId): readonly Commune[] {
    return this.entry(map).communes;
  }

  districts(map: UnitMapId): readonly Unit[] {
    return this.entry(map).districts;
  }
}
