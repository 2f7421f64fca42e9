/**
 * Growing-area boundaries as GeoJSON (RFC 7946: WGS 84 longitude/latitude) and their area on the Earth, to check
 * the area a producer declares against the polygon they drew.
 */

export interface PolygonGeometry {
  type: 'Polygon';
  coordinates: number[][][];
}

export interface MultiPolygonGeometry {
  type: 'MultiPolygon';
  coordinates: number[][][][];
}

export type BoundaryGeometry = PolygonGeometry | MultiPolygonGeometry;

/** Bounds the work one request can cause; a survey of a farm plot has a few hundred vertices at most. */
export const MAX_BOUNDARY_POSITIONS = 10_000;

/** WGS 84 equatorial radius, as turf.js and most GIS tools use for spherical areas. */
const EARTH_RADIUS_M = 6_378_137;
const M2_PER_HA = 10_000;

export type BoundaryProblem = { path: string; message: string };

const isPosition = (p: unknown): p is number[] =>
  Array.isArray(p) &&
  (p.length === 2 || p.length === 3) &&
  p.every((n) => typeof n === 'number' && Number.isFinite(n)) &&
  Math.abs(p[0]) <= 180 &&
  Math.abs(p[1]) <= 90;

function ringProblem(ring: unknown, path: string): BoundaryProblem | undefined {
  if (!Array.isArray(ring) || ring.length < 4) {
    return { path, message: 'a ring needs at least 4 positions (the first repeated at the end)' };
  }
  const bad = ring.findIndex((p) => !isPosition(p));
  if (bad >= 0) return { path: `${path}[${bad}]`, message: 'a position is [longitude, latitude] in degrees' };
  const first = ring[0] as number[];
  const last = ring[ring.length - 1] as number[];
  if (first[0] !== last[0] || first[1] !== last[1]) {
    return { path, message: 'a ring must end where it starts' };
  }
  return undefined;
}

function polygonProblem(rings: unknown, path: string): BoundaryProblem | undefined {
  if (!Array.isArray(rings) || rings.length === 0) return { path, message: 'a polygon needs an outer ring' };
  for (let i = 0; i < rings.length; i++) {
    const problem = ringProblem(rings[i], `${path}[${i}]`);
    if (problem) return problem;
  }
  return undefined;
}

/** Checks the shape of a boundary; undefined when it is a valid Polygon or MultiPolygon. */
export function boundaryProblem(value: unknown): BoundaryProblem | undefined {
  if (typeof value !== 'object' || value === null) return { path: '', message: 'must be a GeoJSON geometry' };
  const { type, coordinates } = value as { type?: unknown; coordinates?: unknown };
  let problem: BoundaryProblem | undefined;
  let positions = 0;
  if (type === 'Polygon') {
    problem = polygonProblem(coordinates, '.coordinates');
    if (!problem) positions = (coordinates as unknown[][]).reduce((n, r) => n + r.length, 0);
  } else if (type === 'MultiPolygon') {
    if (!Array.isArray(coordinates) || coordinates.length === 0) {
      return { path: '.coordinates', message: 'a MultiPolygon needs at least one polygon' };
    }
    for (let i = 0; i < coordinates.length && !problem; i++) {
      problem = polygonProblem(coordinates[i], `.coordinates[${i}]`);
      if (!problem) positions += (coordinates[i] as unknown[][]).reduce((n, r) => n + r.length, 0);
    }
  } else {
    return { path: '.type', message: 'must be "Polygon" or "MultiPolygon"' };
  }
  if (!problem && positions > MAX_BOUNDARY_POSITIONS) {
    return { path: '.coordinates', message: `at most ${MAX_BOUNDARY_POSITIONS} positions` };
  }
  return problem;
}

const rad = (deg: number) => (deg * Math.PI) / 180;

/**
 * Area of a ring on the sphere (Chamberlain & Duquette, "Some algorithms for polygons on a sphere", JPL 2007),
 * the method turf.js uses. Within 0.5 % of the ellipsoidal area at Vietnam's latitudes, far inside any
 * tolerance a declared area is held to. Unsigned: ring orientation varies between tools.
 */
function ringAreaM2(ring: number[][]): number {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [lon1, lat1] = ring[i];
    const [lon2, lat2] = ring[i + 1];
    sum += rad(lon2 - lon1) * (2 + Math.sin(rad(lat1)) + Math.sin(rad(lat2)));
  }
  return Math.abs((sum * EARTH_RADIUS_M * EARTH_RADIUS_M) / 2);
}

const polygonAreaM2 = (rings: number[][][]): number =>
  Math.max(0, ringAreaM2(rings[0]) - rings.slice(1).reduce((holes, ring) => holes + ringAreaM2(ring), 0));

/** Area in hectares of a valid boundary (outer rings minus their holes). */
export function boundaryAreaHa(geometry: BoundaryGeometry): number {
  const m2 =
    geometry.type === 'Polygon'
      ? polygonAreaM2(geometry.coordinates)
      : geometry.coordinates.reduce((total, polygon) => total + polygonAreaM2(polygon), 0);
  return m2 / M2_PER_HA;
}

/** Relative gap between a declared area and a measured one, against the declared area. */
export const relativeAreaGap = (declaredHa: number, measuredHa: number): number =>
  Math.abs(measuredHa - declaredHa) / declaredHa;
