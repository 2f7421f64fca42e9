import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { GatewayConfig } from '../config';

export class PortalConfigView {
  @ApiProperty({
    description:
      'Raster tiles ({z}/{x}/{y}) for the portal’s maps; empty: no background map, the shapes on a plain canvas',
    example: 'https://tiles.example.vn/{z}/{x}/{y}.png',
  })
  mapTileUrl!: string;
}

/**
 * What the portal's pages need to know of this deployment and cannot be built into them: the same build runs
 * against the province's tile server, or none in development and tests. Public: it holds nothing secret.
 */
@ApiTags('portal')
@Controller('api')
export class PortalConfigController {
  constructor(private readonly config: GatewayConfig) {}

  @Get('portal-config')
  @Header('cache-control', 'public, max-age=300')
  @ApiOperation({ summary: 'Settings of this deployment that the portal reads (map tiles)' })
  @ApiOkResponse({ type: PortalConfigView })
  portalConfig(): PortalConfigView {
    return { mapTileUrl: this.config.MAP_TILE_URL };
  }
}
