import { describe, expect, it } from 'vitest';
import {
  boundaryAreaHa,
  boundaryFromPoints,
  parseGeoJson,
  parseKml,
  parseShapeFile,
  ShapeFileError,
  type Position,
} from './geometry';

/** A square of `side` metres near Mỹ Thạnh An, Bến Tre, closed. */
function square(side: number, lon = 106.3756, lat = 10.2415): Position[] {
  const dLat = side / 110_574;
  const dLon = side / (111_320 * Math.cos((lat * Math.PI) / 180));
  return [
    [lon, lat],
    [lon + dLon, lat],
    [lon + dLon, lat + dLat],
    [lon, lat + dLat],
    [lon, lat],
  ];
}

const problemOf = (parse: () => unknown): string | undefined => {
  try {
    parse();
    return undefined;
  } catch (err) {
    return err instanceof ShapeFileError ? err.problem : String(err);
  }
};

const kml = (inner: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark>${inner}</Placemark></Document></kml>`;
const kmlCoords = (ps: Position[]) => ps.map(([lon, lat]) => `${lon},${lat},0`).join(' ');

describe('reading a boundary or a point from a file', () => {
  it('reads a GeoJSON polygon from a FeatureCollection of one feature, and measures it', () => {
    const text = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [square(100)] } },
      ],
    });
    const shape = parseGeoJson(text);
    expect(shape.kind).toBe('boundary');
    if (shape.kind !== 'boundary') return;
    expect(shape.boundary.coordinates[0]).toHaveLength(5);
    expect(boundaryAreaHa(shape.boundary)).toBeCloseTo(1, 1);
  });

  it('reads a GeoJSON point, dropping the altitude a GPS app adds', () => {
    const shape = parseGeoJson(JSON.stringify({ type: 'Point', coordinates: [106.3756, 10.2415, 3.2] }));
    expect(shape).toEqual({ kind: 'point', point: { type: 'Point', coordinates: [106.3756, 10.2415] } });
  });

  it('refuses a LineString (a path has no area), naming the type', () => {
    const err = (() => {
      try {
        parseGeoJson(JSON.stringify({ type: 'LineString', coordinates: square(50) }));
      } catch (e) {
        return e as ShapeFileError;
      }
    })();
    expect(err?.problem).toBe('notPolygonOrPoint');
    expect(err?.detail).toBe('LineString');
  });

  it('refuses garbage, an empty collection, several features, an open ring and a shape outside Viet Nam', () => {
    expect(problemOf(() => parseShapeFile('vuon.geojson', 'not json at all {'))).toBe('unreadable');
    expect(problemOf(() => parseGeoJson('{"type":"FeatureCollection","features":[]}'))).toBe('empty');
    const feature = { type: 'Feature', geometry: { type: 'Point', coordinates: [106.3, 10.2] } };
    expect(
      problemOf(() =>
        parseGeoJson(JSON.stringify({ type: 'FeatureCollection', features: [feature, feature] })),
      ),
    ).toBe('several');
    expect(
      problemOf(() =>
        parseGeoJson(JSON.stringify({ type: 'Polygon', coordinates: [square(50).slice(0, 4)] })),
      ),
    ).toBe('openRing');
    expect(
      problemOf(() =>
        parseGeoJson(JSON.stringify({ type: 'Polygon', coordinates: [square(50, 2.35, 48.85)] })),
      ),
    ).toBe('outsideVietnam');
    // Latitude and longitude swapped: 106 is no latitude.
    expect(problemOf(() => parseGeoJson('{"type":"Point","coordinates":[10.24,106.37]}'))).toBe(
      'badPosition',
    );
  });

  it('reads a KML polygon with a hole, by the file name or by its content', () => {
    const outer = square(200);
    const hole = square(50, 106.3758, 10.2417);
    const text = kml(
      `<Polygon><outerBoundaryIs><LinearRing><coordinates>${kmlCoords(outer)}</coordinates></LinearRing></outerBoundaryIs>` +
        `<innerBoundaryIs><LinearRing><coordinates>${kmlCoords(hole)}</coordinates></LinearRing></innerBoundaryIs></Polygon>`,
    );
    for (const name of ['vuon.kml', 'vuon.txt']) {
      const shape = parseShapeFile(name, text);
      expect(shape.kind).toBe('boundary');
      if (shape.kind === 'boundary') expect(boundaryAreaHa(shape.boundary)).toBeCloseTo(4 - 0.25, 1);
    }
  });

  it('reads a KML point, and refuses a KML path or a broken file', () => {
    expect(parseKml(kml('<Point><coordinates>106.3756,10.2415,0</coordinates></Point>'))).toEqual({
      kind: 'point',
      point: { type: 'Point', coordinates: [106.3756, 10.2415] },
    });
    expect(
      problemOf(() =>
        parseKml(kml(`<LineString><coordinates>${kmlCoords(square(50))}</coordinates></LineString>`)),
      ),
    ).toBe('notPolygonOrPoint');
    expect(problemOf(() => parseKml('<kml><Placemark>'))).toBe('unreadable');
  });
});

describe('drawing a boundary point by point', () => {
  it('has no boundary under three points, then a closed ring', () => {
    const points = square(100).slice(0, 4);
    expect(boundaryFromPoints(points.slice(0, 2))).toBeUndefined();
    const boundary = boundaryFromPoints(points);
    expect(boundary?.coordinates[0]).toEqual([...points, points[0]]);
    expect(boundary && boundaryAreaHa(boundary)).toBeCloseTo(1, 1);
  });
});
