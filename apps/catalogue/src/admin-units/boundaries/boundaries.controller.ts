import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiOperation,
  ApiParam,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@ocop/auth';
import { UnitMapId } from '@ocop/contracts';
import { UNIT_MAP_IDS } from '@ocop/ocop-domain';
import { Public } from '@ocop/service-kit';
import { IsOptional, Matches } from 'class-validator';
import { invalidField, messages } from '../../common/validation';
import { BoundariesService } from './boundaries.service';

export class LoadBoundariesQuery {
  @ApiPropertyOptional({
    example: 'ma_xa',
    description:
      'Thuộc tính chứa mã xã (mặc định: code, ma_xa, MaXa…) / the property holding the commune code',
  })
  @IsOptional()
  @Matches(/^[A-Za-z_][A-Za-z0-9_]{0,39}$/, { message: 'codeProperty must be a property name' })
  codeProperty?: string;
}

const mapOf = (map: string): UnitMapId => {
  if (!UNIT_MAP_IDS.includes(map as UnitMapId)) throw invalidField('map', messages.oneOf(UNIT_MAP_IDS));
  return map as UnitMapId;
};

/** The communes' boundaries for the coverage map: public to read (reference data), loaded by an admin. */
@ApiTags('administrative units (public)')
@Controller('admin-units/:map/boundaries')
export class BoundariesController {
  constructor(private readonly boundaries: BoundariesService) {}

  @Get()
  @Public()
  @ApiParam({ name: 'map', enum: UNIT_MAP_IDS })
  @ApiOperation({ summary: 'Ranh giới các xã (GeoJSON) / the communes’ boundaries (GeoJSON)' })
  get(@Param('map') map: string) {
    return this.boundaries.featureCollection(mapOf(map));
  }

  @Put()
  @Roles('admin')
  @ApiBearerAuth()
  @ApiParam({ name: 'map', enum: UNIT_MAP_IDS })
  @ApiBody({
    description: 'GeoJSON FeatureCollection (WGS 84), một Feature mỗi xã / one Feature per commune',
    schema: { type: 'object' },
  })
  @ApiOperation({
    summary:
      'Nạp ranh giới các xã từ GeoJSON, thay bộ cũ / load the communes’ boundaries from GeoJSON, replacing any',
  })
  load(
    @Param('map') map: string,
    @Query() query: LoadBoundariesQuery,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
  ) {
    return this.boundaries.load(mapOf(map), body, actor.accountId, query.codeProperty);
  }
}
