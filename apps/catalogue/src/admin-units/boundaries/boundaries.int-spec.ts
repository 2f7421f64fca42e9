import { adminUnits } from '@ocop/ocop-domain';
import { CatalogueHarness, startCatalogue } from '../../../test/catalogue-harness';

/** A square of 0.01° at (lon, lat), as a GeoJSON Polygon's coordinates. */
const square = (lon: number, lat: number) => [
  [
    [lon, lat],
    [lon + 0.01, lat],
    [lon + 0.01, lat + 0.01],
    [lon, lat + 0.01],
    [lon, lat],
  ],
];

/** A FeatureCollection of the first `n` communes of the Ben Tre 2022 map, one square each, codes under `property`. */
function communesFile(n: number, property = 'ma_xa') {
  const communes = adminUnits().units('bt-2022', { level: 'commune' }).slice(0, n);
  return {
    type: 'FeatureCollection',
    features: communes.map((c, i) => ({
      type: 'Feature',
      properties: { [property]: c.code, ten: c.name } as Record<string, string>,
      geometry: {
        type: 'Polygon',
        coordinates: square(106.2 + (i % 10) * 0.01, 10.1 + Math.floor(i / 10) * 0.01),
      },
    })),
  };
}

describe('communes’ boundaries for the coverage map (integration)', () => {
  let catalogue: CatalogueHarness;
  let admin: string;

  beforeAll(async () => {
    catalogue = await startCatalogue('cat_boundaries');
    admin = await catalogue.token({ roles: ['admin'] });
  });

  afterAll(async () => {
    await catalogue?.close();
  });

  it('answers 404 boundaries-not-loaded before a province loads any, to anyone', async () => {
    const res = await catalogue.request('GET', '/admin-units/bt-2022/boundaries');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('boundaries-not-loaded');
  });

  it('loads a GIS export (codes under ma_xa), names the communes it lacks, and serves it publicly', async () => {
    const res = await catalogue.request('PUT', '/admin-units/bt-2022/boundaries', {
      token: admin,
      body: communesFile(150),
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ map: 'bt-2022', communes: 150 });
    expect(res.body.missing).toHaveLength(7);
    const served = await catalogue.request('GET', '/admin-units/bt-2022/boundaries');
    expect(served.status).toBe(200);
    expect(served.body.type).toBe('FeatureCollection');
    expect(served.body.features).toHaveLength(150);
    const first = adminUnits().units('bt-2022', { level: 'commune' })[0];
    expect(served.body.features[0]).toEqual({
      type: 'Feature',
      properties: { code: first.code, name: first.name },
      // Kept to 5 decimals (about a metre): 106.21000000000001 is stored as 106.21.
      geometry: {
        type: 'MultiPolygon',
        coordinates: [
          square(106.2, 10.1).map((ring) => ring.map(([x, y]) => [Math.round(x * 1e5) / 1e5, y])),
        ],
      },
    });
  });

  it('replaces the boundaries as a whole with the next file', async () => {
    await catalogue.request('PUT', '/admin-units/bt-2022/boundaries', {
      token: admin,
      body: communesFile(157, 'code'),
    });
    const served = await catalogue.request('GET', '/admin-units/bt-2022/boundaries');
    expect(served.body.features).toHaveLength(157);
  });

  it('refuses a file with mistakes, naming each feature, and keeps the boundaries loaded before', async () => {
    const file = communesFile(5);
    file.features[1].properties = { ma_xa: '99999' };
    file.features[2].properties = { ...file.features[0].properties };
    file.features[3].geometry = {
      type: 'Polygon',
      coordinates: [
        [
          [577000, 1133000],
          [577100, 1133000],
          [577100, 1133100],
          [577000, 1133000],
        ],
      ],
    };
    file.features[4].geometry = { type: 'Point', coordinates: [106.3, 10.2] as never };
    const res = await catalogue.request('PUT', '/admin-units/bt-2022/boundaries', {
      token: admin,
      body: file,
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation-failed');
    expect(res.body.errors).toEqual([
      { field: 'features[1].properties', message: expect.stringContaining('99999') },
      { field: 'features[2].properties', message: expect.stringContaining('features[0]') },
      { field: 'features[3].geometry', message: expect.stringContaining('VN-2000') },
      { field: 'features[4].geometry', message: expect.stringContaining('MultiPolygon') },
    ]);
    expect((await catalogue.request('GET', '/admin-units/bt-2022/boundaries')).body.features).toHaveLength(
      157,
    );
  });

  it('refuses what is not a FeatureCollection, an unknown map, and anyone but an admin', async () => {
    const notGeoJson = await catalogue.request('PUT', '/admin-units/bt-2022/boundaries', {
      token: admin,
      body: { type: 'Topology', objects: {} },
    });
    expect(notGeoJson.status).toBe(400);
    expect(notGeoJson.body.errors).toEqual([
      { field: 'type', message: expect.stringContaining('FeatureCollection') },
    ]);
    const unknownMap = await catalogue.request('PUT', '/admin-units/hcm-2030/boundaries', {
      token: admin,
      body: communesFile(1),
    });
    expect(unknownMap.status).toBe(400);
    const officer = await catalogue.token({ roles: ['officer'], scope: { provinceCode: '83' } });
    const asOfficer = await catalogue.request('PUT', '/admin-units/bt-2022/boundaries', {
      token: officer,
      body: communesFile(1),
    });
    expect(asOfficer.status).toBe(403);
    expect(
      (await catalogue.request('PUT', '/admin-units/bt-2022/boundaries', { body: communesFile(1) })).status,
    ).toBe(401);
  });
});
