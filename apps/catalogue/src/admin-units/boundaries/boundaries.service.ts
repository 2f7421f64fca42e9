import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainError, UnitMapId } from '@ocop/contracts';
import { adminUnits } from '@ocop/ocop-domain';
import { DataSource } from 'typeorm';
import { bilingual, invalidFields } from '../../common/validation';
import { readBoundaries } from './geojson';

export interface BoundarySet {
  map: UnitMapId;
  loadedAt: string;
  communes: number;
  /** Communes of the map the file did not draw: the dashboard leaves them out of the map and lists them. */
  missing: { code: string; name: string }[];
}

/**
 * The communes' boundaries of a unit map, as the province loaded them. Stored and served as GeoJSON coordinates
 * (plain SQL: nothing here is an entity with behaviour). A new file replaces the map's boundaries as a whole, in one
 * transaction: a dashboard never draws half of one file and half of another.
 */
@Injectable()
export class BoundariesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async load(map: UnitMapId, body: unknown, actorId: string, codeProperty?: string): Promise<BoundarySet> {
    const communes = adminUnits().units(map, { level: 'commune' });
    const read = readBoundaries(body, communes, codeProperty);
    if ('errors' in read) throw invalidFields(read.errors);
    const loadedAt = new Date();
    await this.dataSource.transaction(async (m) => {
      await m.query(`DELETE FROM unit_boundary_sets WHERE map = $1`, [map]);
      await m.query(
        `INSERT INTO unit_boundary_sets (map, loaded_at, loaded_by, communes) VALUES ($1, $2, $3, $4)`,
        [map, loadedAt, actorId, read.boundaries.length],
      );
      await m.query(
        `INSERT INTO unit_boundaries (map, code, polygons)
         SELECT $1, b->>'code', b->'polygons' FROM json_array_elements($2::json) b`,
        [map, JSON.stringify(read.boundaries)],
      );
    });
    return {
      map,
      loadedAt: loadedAt.toISOString(),
      communes: read.boundaries.length,
      missing: read.missing.map((c) => ({ code: c.code, name: c.name })),
    };
  }

  /** The map's boundaries as a FeatureCollection, each feature named by the unit registry; 404 when none loaded. */
  async featureCollection(map: UnitMapId) {
    const [set] = (await this.dataSource.query(`SELECT loaded_at FROM unit_boundary_sets WHERE map = $1`, [
      map,
    ])) as { loaded_at: Date }[];
    if (!set) {
      // A code of its own: the dashboard tells "none loaded" (draw the grid) from a failure.
      throw new DomainError(
        'boundaries-not-loaded',
        404,
        bilingual('Chưa nạp ranh giới cho bản đồ này', 'No boundaries are loaded for this map'),
      );
    }
    const rows = (await this.dataSource.query(
      `SELECT code, polygons FROM unit_boundaries WHERE map = $1 ORDER BY code`,
      [map],
    )) as { code: string; polygons: number[][][][] }[];
    const registry = adminUnits();
    return {
      type: 'FeatureCollection' as const,
      loadedAt: new Date(set.loaded_at).toISOString(),
      features: rows.map((r) => ({
        type: 'Feature' as const,
        properties: { code: r.code, name: registry.unit(map, r.code)?.name ?? r.code },
        geometry: { type: 'MultiPolygon' as const, coordinates: r.polygons },
      })),
    };
  }
}
