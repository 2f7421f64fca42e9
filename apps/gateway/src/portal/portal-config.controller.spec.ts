import { GatewayConfig } from '../config';
import { PortalConfigController } from './portal-config.controller';

const configWith = (mapTileUrl: string): GatewayConfig =>
  Object.assign(new GatewayConfig(), { MAP_TILE_URL: mapTileUrl });

describe('GET /api/portal-config', () => {
  it('tells the portal the tile source configured for its maps', () => {
    const url = 'https://tiles.bentre.gov.vn/{z}/{x}/{y}.png';
    expect(new PortalConfigController(configWith(url)).portalConfig()).toEqual({ mapTileUrl: url });
  });

  it('answers an empty tile source by default, so that maps draw shapes on a plain background', () => {
    expect(new PortalConfigController(new GatewayConfig()).portalConfig()).toEqual({ mapTileUrl: '' });
  });
});
