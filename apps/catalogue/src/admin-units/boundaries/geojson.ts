import { FieldError } from '@ocop/contracts';
import { AdminUnit } from '@ocop/ocop-domain';
import { bilingual } from '../../common/validation';

/** A ring of [longitude, latitude] positions, closed (first = last). */
type Ring = [number, number][];

export interface Boundary {
  code: string;
  /** GeoJSON MultiPolygon coordinates: polygons of rings, the first ring of each the outline. */
  polygons: Ring[][];
}

/** Property names a GIS export may give the commune's GSO code under, tried in this order. */
export const CODE_PROPERTIES = ['code', 'ma_xa', 'maXa', 'MaXa', 'MA_XA', 'commune_code', 'communeCode'];

/** Errors listed at most: a file made with the wrong code column fails on every feature. */
const MAX_ERRORS = 20;
/** 5 decimals of a degree is about a metre: more than a province map shows, and a smaller file to serve. */
const round = (n: number) => Math.round(n * 1e5) / 1e5;

function positionProblem(p: unknown): string | undefined {
  if (
    !Array.isArray(p) ||
    p.length < 2 ||
    !p.slice(0, 2).every((n) => typeof n === 'number' && Number.isFinite(n))
  )
    return bilingual('mỗi điểm là [kinh độ, vĩ độ]', 'each position is [longitude, latitude]');
  const [lon, lat] = p as number[];
  if (lon < -180 || lon > 180 || lat < -90 || lat > 90)
    return bilingual(
      `điểm [${lon}, ${lat}] không phải kinh độ, vĩ độ WGS 84 (có thể tệp dùng hệ VN-2000: hãy xuất lại theo EPSG:4326)`,
      `[${lon}, ${lat}] is not a WGS 84 longitude and latitude (VN-2000 coordinates? export as EPSG:4326)`,
    );
  return undefined;
}

function readRing(ring: unknown): { ring?: Ring; problem?: string } {
  if (!Array.isArray(ring) || ring.length < 4)
    return { problem: bilingual('mỗi vòng có ít nhất 4 điểm', 'each ring has at least 4 positions') };
  for (const p of ring) {
    const problem = positionProblem(p);
    if (problem) return { problem };
  }
  const out = (ring as number[][]).map(([lon, lat]) => [round(lon), round(lat)] as [number, number]);
  const [first, last] = [out[0], out[out.length - 1]];
  if (first[0] !== last[0] || first[1] !== last[1])
    return {
      problem: bilingual('vòng phải khép kín (điểm đầu = điểm cuối)', 'a ring must be closed (first = last)'),
    };
  return { ring: out };
}

function readPolygons(geometry: unknown): { polygons?: Ring[][]; problem?: string } {
  const g = geometry as { type?: unknown; coordinates?: unknown } | null;
  if (!g || typeof g !== 'object')
    return { problem: bilingual('thiếu hình (geometry)', 'the geometry is missing') };
  const raw =
    g.type === 'Polygon'
      ? [g.coordinates]
      : g.type === 'MultiPolygon'
        ? (g.coordinates as unknown[])
        : undefined;
  if (!raw)
    return {
      problem: bilingual(
        'hình phải là Polygon hoặc MultiPolygon',
        'the geometry must be a Polygon or MultiPolygon',
      ),
    };
  if (!Array.isArray(raw) || !raw.length || raw.some((poly) => !Array.isArray(poly) || !poly.length))
    return { problem: bilingual('tọa độ không đúng dạng GeoJSON', 'the coordinates are not GeoJSON') };
  const polygons: Ring[][] = [];
  for (const poly of raw as unknown[][]) {
    const rings: Ring[] = [];
    for (const r of poly) {
      const { ring, problem } = readRing(r);
      if (problem) return { problem };
      rings.push(ring as Ring);
    }
    polygons.push(rings);
  }
  return { polygons };
}

/**
 * The communes' boundaries out of a GeoJSON FeatureCollection (RFC 7946, WGS 84) as a province's GIS office exports
 * it: one feature per commune of the map, the commune's GSO code in a property (`codeProperty`, or one of
 * CODE_PROPERTIES). Every problem is reported with the feature it is in, so that the file can be mended; a file
 * with any problem loads nothing.
 */
export function readBoundaries(
  body: unknown,
  communes: readonly AdminUnit[],
  codeProperty?: string,
): { boundaries: Boundary[]; missing: AdminUnit[] } | { errors: FieldError[] } {
  const fc = body as { type?: unknown; features?: unknown } | null;
  if (!fc || typeof fc !== 'object' || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    return {
      errors: [
        {
          field: 'type',
          message: bilingual(
            'tệp phải là một GeoJSON FeatureCollection',
            'the file must be a GeoJSON FeatureCollection',
          ),
        },
      ],
    };
  }
  const known = new Map(communes.map((c) => [c.code, c]));
  const errors: FieldError[] = [];
  const seen = new Map<string, number>();
  const boundaries: Boundary[] = [];
  fc.features.forEach((feature: unknown, i: number) => {
    if (errors.length >= MAX_ERRORS) return;
    const f = feature as {
      type?: unknown;
      properties?: Record<string, unknown> | null;
      geometry?: unknown;
    } | null;
    const at = `features[${i}]`;
    if (!f || f.type !== 'Feature') {
      errors.push({ field: at, message: bilingual('không phải một Feature', 'is not a Feature') });
      return;
    }
    const names = codeProperty ? [codeProperty] : CODE_PROPERTIES;
    const value = names.map((n) => f.properties?.[n]).find((v) => v !== undefined && v !== null);
    // Codes come as text or, from spreadsheets, as numbers that lost their leading zeros: 5 digits either way.
    const code =
      typeof value === 'number'
        ? String(value).padStart(5, '0')
        : typeof value === 'string'
          ? value.trim()
          : '';
    if (!code) {
      errors.push({
        field: `${at}.properties`,
        message: bilingual(
          `thiếu mã xã (thuộc tính ${names.join(', ')})`,
          `no commune code (property ${names.join(', ')})`,
        ),
      });
      return;
    }
    if (!known.has(code)) {
      errors.push({
        field: `${at}.properties`,
        message: bilingual(
          `mã xã ${code} không có trên bản đồ này`,
          `commune code ${code} is not on this map`,
        ),
      });
      return;
    }
    if (seen.has(code)) {
      errors.push({
        field: `${at}.properties`,
        message: bilingual(
          `mã xã ${code} đã có ở features[${seen.get(code)}]`,
          `commune code ${code} is already in features[${seen.get(code)}]`,
        ),
      });
      return;
    }
    seen.set(code, i);
    const { polygons, problem } = readPolygons(f.geometry);
    if (problem) {
      errors.push({ field: `${at}.geometry`, message: problem });
      return;
    }
    boundaries.push({ code, polygons: polygons as Ring[][] });
  });
  if (!errors.length && !boundaries.length) {
    errors.push({ field: 'features', message: bilingual('tệp không có xã nào', 'the file has no commune') });
  }
  if (errors.length) return { errors };
  return { boundaries, missing: communes.filter((c) => !seen.has(c.code)) };
}
