/**
 * Where a site is, as the traceability service takes it: a boundary (GeoJSON Polygon or MultiPolygon, WGS 84
 * [longitude, latitude]) and/or one GPS point. Files a producer uploads (GeoJSON from a GIS tool or a phone app,
 * KML from Google Earth) are read here, in the browser, and refused with a reason a person can act on.
 */
export type Position = [number, number];
export interface PolygonGeometry {
  type: 'Polygon';
  coordinates: Position[][];
}
export interface MultiPolygonGeometry {
  type: 'MultiPolygon';
  coordinates: Position[][][];
}
export type Boundary = PolygonGeometry | MultiPolygonGeometry;
export interface PointGeometry {
  type: 'Point';
  coordinates: Position;
}

/** What a file held: a boundary or a point. */
export type ParsedShape = { kind: 'boundary'; boundary: Boundary } | { kind: 'point'; point: PointGeometry };

/** Why a file was refused; each has words in the locale files (areas.fileProblem.*). */
export type FileProblem =
  | 'unreadable'
  | 'empty'
  | 'notPolygonOrPoint'
  | 'several'
  | 'openRing'
  | 'tooFewPoints'
  | 'badPosition'
  | 'tooManyPositions'
  | 'outsideVietnam'
  /** A packing house is one point: a boundary file is the wrong file. */
  | 'pointOnly';

export class ShapeFileError extends Error {
  constructor(
    readonly problem: FileProblem,
    readonly detail?: string,
  ) {
    super(problem);
    this.name = 'ShapeFileError';
  }
}

/** The service's limit on a boundary (MAX_BOUNDARY_POSITIONS): said here so the file is refused before upload. */
export const MAX_POSITIONS = 10_000;

/** Viet Nam with a margin, as the service checks a point: a shape elsewhere is a wrong file or swapped axes. */
const VIETNAM = { lonMin: 102, lonMax: 118, latMin: 6, latMax: 24 };
export const inVietnam = ([lon, lat]: Position): boolean =>
  lon >= VIETNAM.lonMin && lon <= VIETNAM.lonMax && lat >= VIETNAM.latMin && lat <= VIETNAM.latMax;

function position(value: unknown): Position {
  if (
    !Array.isArray(value) ||
    value.length < 2 ||
    value.length > 3 ||
    !value.every((n) => typeof n === 'number' && Number.isFinite(n)) ||
    Math.abs(value[0] as number) > 180 ||
    Math.abs(value[1] as number) > 90
  )
    throw new ShapeFileError('badPosition');
  // A third number is the altitude GPS apps add; the service keeps longitude and latitude.
  return [value[0] as number, value[1] as number];
}

function ring(value: unknown): Position[] {
  if (!Array.isArray(value)) throw new ShapeFileError('badPosition');
  const positions = value.map(position);
  if (positions.length < 4) throw new ShapeFileError('tooFewPoints');
  const [first, last] = [positions[0], positions[positions.length - 1]];
  if (first[0] !== last[0] || first[1] !== last[1]) throw new ShapeFileError('openRing');
  return positions;
}

function polygon(value: unknown): Position[][] {
  if (!Array.isArray(value) || value.length === 0) throw new ShapeFileError('tooFewPoints');
  return value.map(ring);
}

function checked(shape: ParsedShape): ParsedShape {
  const all =
    shape.kind === 'point'
      ? [shape.point.coordinates]
      : shape.boundary.type === 'Polygon'
        ? shape.boundary.coordinates.flat()
        : shape.boundary.coordinates.flat(2);
  if (all.length > MAX_POSITIONS) throw new ShapeFileError('tooManyPositions');
  if (!all.every(inVietnam)) throw new ShapeFileError('outsideVietnam');
  return shape;
}

/** A geometry object of any GeoJSON type: ours, or refused by name (a LineString is a path, not an area). */
function fromGeometry(geometry: unknown): ParsedShape {
  const { type, coordinates } = (geometry ?? {}) as { type?: unknown; coordinates?: unknown };
  switch (type) {
    case 'Polygon':
      return { kind: 'boundary', boundary: { type, coordinates: polygon(coordinates) } };
    case 'MultiPolygon':
      if (!Array.isArray(coordinates) || coordinates.length === 0) throw new ShapeFileError('tooFewPoints');
      return { kind: 'boundary', boundary: { type, coordinates: coordinates.map(polygon) } };
    case 'Point':
      return { kind: 'point', point: { type, coordinates: position(coordinates) } };
    default:
      throw new ShapeFileError('notPolygonOrPoint', typeof type === 'string' ? type : undefined);
  }
}

/** A GeoJSON text: a geometry, a Feature, or a FeatureCollection holding exactly one feature. */
export function parseGeoJson(text: string): ParsedShape {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ShapeFileError('unreadable');
  }
  if (typeof json !== 'object' || json === null) throw new ShapeFileError('unreadable');
  const object = json as { type?: unknown; features?: unknown; geometry?: unknown };
  if (object.type === 'FeatureCollection') {
    const features = Array.isArray(object.features) ? object.features : [];
    if (features.length === 0) throw new ShapeFileError('empty');
    if (features.length > 1) throw new ShapeFileError('several');
    return checked(fromGeometry((features[0] as { geometry?: unknown }).geometry));
  }
  if (object.type === 'Feature') return checked(fromGeometry(object.geometry));
  return checked(fromGeometry(object));
}

/** KML's "lon,lat[,alt] lon,lat …" list. */
function kmlPositions(element: Element | null | undefined): Position[] {
  const text = element?.textContent?.trim() ?? '';
  if (!text) throw new ShapeFileError('tooFewPoints');
  return text.split(/\s+/).map((tuple) => position(tuple.split(',').map(Number)));
}

const byTag = (parent: Element | Document, tag: string): Element[] =>
  Array.from(parent.getElementsByTagNameNS('*', tag));

/** A KML file (Google Earth, My Maps): one Polygon (outer and inner rings) or one Point. */
export function parseKml(text: string): ParsedShape {
  const doc = new DOMParser().parseFromString(text, 'application/xml');
  if (doc.getElementsByTagName('parsererror').length > 0 || doc.documentElement.localName !== 'kml')
    throw new ShapeFileError('unreadable');
  const polygons = byTag(doc, 'Polygon');
  const points = byTag(doc, 'Point');
  if (polygons.length + points.length === 0) {
    const other = ['LineString', 'LinearRing', 'Track'].find((tag) => byTag(doc, tag).length > 0);
    throw new ShapeFileError(other ? 'notPolygonOrPoint' : 'empty', other);
  }
  if (polygons.length + points.length > 1) throw new ShapeFileError('several');
  if (points.length === 1) {
    const [first] = kmlPositions(byTag(points[0], 'coordinates')[0]);
    return checked({ kind: 'point', point: { type: 'Point', coordinates: first } });
  }
  const ringOf = (boundary: Element) =>
    ring(kmlPositions(byTag(boundary, 'coordinates')[0]).map((p) => [p[0], p[1]]));
  const outer = byTag(polygons[0], 'outerBoundaryIs')[0];
  if (!outer) throw new ShapeFileError('tooFewPoints');
  const rings = [ringOf(outer), ...byTag(polygons[0], 'innerBoundaryIs').map(ringOf)];
  return checked({ kind: 'boundary', boundary: { type: 'Polygon', coordinates: rings } });
}

/** A file as the person chose it: KML by its name or content, GeoJSON otherwise. */
export function parseShapeFile(name: string, text: string): ParsedShape {
  const looksKml = /\.kml$/i.test(name) || /^\s*(<\?xml[^>]*>\s*)?<kml[\s>]/i.test(text);
  return looksKml ? parseKml(text) : parseGeoJson(text);
}

/** The closed ring of the points a person clicked, or undefined under 3 points (no area yet). */
export function boundaryFromPoints(points: Position[]): Boundary | undefined {
  if (points.length < 3) return undefined;
  return { type: 'Polygon', coordinates: [[...points, points[0]]] };
}

const EARTH_RADIUS_M = 6_378_137;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** The spherical ring area the service measures with (Chamberlain & Duquette), so both sides agree. */
function ringAreaM2(positions: Position[]): number {
  let sum = 0;
  for (let i = 0; i < positions.length - 1; i++) {
    const [lon1, lat1] = positions[i];
    const [lon2, lat2] = positions[i + 1];
    sum += rad(lon2 - lon1) * (2 + Math.sin(rad(lat1)) + Math.sin(rad(lat2)));
  }
  return Math.abs((sum * EARTH_RADIUS_M * EARTH_RADIUS_M) / 2);
}

const polygonAreaM2 = (rings: Position[][]): number =>
  Math.max(0, ringAreaM2(rings[0]) - rings.slice(1).reduce((holes, r) => holes + ringAreaM2(r), 0));

/** Hectares inside a boundary, holes taken out. */
export function boundaryAreaHa(boundary: Boundary): number {
  const m2 =
    boundary.type === 'Polygon'
      ? polygonAreaM2(boundary.coordinates)
      : boundary.coordinates.reduce((total, p) => total + polygonAreaM2(p), 0);
  return m2 / 10_000;
}

/** Every position of a shape, to fit a map or a drawing to it. */
export function positionsOf(shape: { boundary?: Boundary; point?: PointGeometry }): Position[] {
  const { boundary, point } = shape;
  const fromBoundary = !boundary
    ? []
    : boundary.type === 'Polygon'
      ? boundary.coordinates.flat()
      : boundary.coordinates.flat(2);
  return point ? [...fromBoundary, point.coordinates] : fromBoundary;
}
