import type { UnitMapId } from '@ocop/contracts';
import { parseCsvRecords } from '@ocop/ocop-domain';
import succession2025Csv from './data/ben-tre-communes-2025-to-2025-07-mapping.csv';
import benTre2022Csv from './data/ben-tre-admin-units-2022.csv';

export interface Unit {
  code: string;
  name: string;
}

export interface Commune extends Unit {
  /** Absent on maps without districts (from July 2025). */
  districtCode?: string;
}

/**
 * What the reports need from the administrative units: every commune of a map (the denominator of commune
 * coverage) and the names of communes and districts. An interface, so that the registry the catalogue owns today
 * can take over when it moves to libs/ocop-domain.
 */
export abstract class CommuneDirectory {
  abstract communes(map: UnitMapId): readonly Commune[];
  abstract districts(map: UnitMapId): readonly Unit[];
}

/** The directory read from the bundled copies of the unit data, checked against the known counts. */
export class CsvCommuneDirectory extends CommuneDirectory {
  private readonly byMap: Record<UnitMapId, { communes: Commune[]; districts: Unit[] }>;

  constructor() {
    super();
    const communes2022 = new Map<string, Commune>();
    const districts2022 = new Map<string, Unit>();
    for (const { values } of parseCsvRecords(benTre2022Csv, [
      'commune_code',
      'commune_name',
      'district_code',
      'district_name',
    ])) {
      communes2022.set(values['commune_code'], {
        code: values['commune_code'],
        name: values['commune_name'],
        districtCode: values['district_code'],
      });
      districts2022.set(values['district_code'], {
        code: values['district_code'],
        name: values['district_name'],
      });
    }
    const communes2025 = new Map<string, Commune>();
    for (const { values } of parseCsvRecords(succession2025Csv, [
      'new_commune_codes_2025_07',
      'new_commune_names_2025_07',
    ])) {
      const codes = values['new_commune_codes_2025_07'].split(';').map((c) => c.trim());
      const names = values['new_commune_names_2025_07'].split(';').map((n) => n.trim());
      codes.forEach((code, i) => communes2025.set(code, { code, name: names[i] ?? code }));
    }
    const sorted = <T extends Unit>(units: Map<string, T>) =>
      [...units.values()].sort((a, b) => a.code.localeCompare(b.code));
    this.byMap = {
      'bt-2022': { communes: sorted(communes2022), districts: sorted(districts2022) },
      'vl-2025-07': { communes: sorted(communes2025), districts: [] },
    };
    const counts = [
      this.byMap['bt-2022'].communes.length,
      this.byMap['bt-2022'].districts.length,
      this.byMap['vl-2025-07'].communes.length,
    ];
    if (counts.join('/') !== '157/9/49') {
      throw new Error(
        `Administrative unit data: ${counts.join('/')} communes/districts/2025 communes, expected 157/9/49`,
      );
    }
  }

  communes(map: UnitMapId): readonly Commune[] {
    return this.byMap[map].communes;
  }

  districts(map: UnitMapId): readonly Unit[] {
    return this.byMap[map].districts;
  }
}
