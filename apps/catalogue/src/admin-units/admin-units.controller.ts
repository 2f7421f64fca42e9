import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { UnitMapId } from '@ocop/contracts';
import { decodeCursor, encodeCursor, Public } from '@ocop/service-kit';
import { CatalogueProblems } from '../common/problems';
import { bilingual, invalidField, messages } from '../common/validation';
import { AdminUnit, adminUnits, parentCodeOf, UNIT_MAP_IDS } from '@ocop/ocop-domain';
import { UnitQuery } from './dto/unit.query';

function unitView(unit: AdminUnit) {
  const map = adminUnits().map(unit.map);
  return {
    map: unit.map,
    code: unit.code,
    name: unit.name,
    type: unit.type,
    level: unit.level,
    ...(parentCodeOf(unit) ? { parentCode: parentCodeOf(unit) } : {}),
    validFrom: map.validFrom,
    validTo: map.validTo,
  };
}

/**
 * Administrative units of both maps (Ben Tre 2022, Vinh Long from 2025-07), public: forms need them to pick a
 * commune, and the lookup page to name one.
 */
@ApiTags('administrative units (public)')
@Public()
@Controller('admin-units')
export class AdminUnitsController {
  @Get('maps')
  @ApiOperation({ summary: 'Các bản đồ hành chính và thời gian hiệu lực / unit maps and their validity' })
  maps() {
    return { items: adminUnits().maps(), inForce: adminUnits().mapAt(new Date()).id };
  }

  @Get()
  @ApiOperation({
    summary: 'Tìm hoặc liệt kê đơn vị hành chính / search or list administrative units',
    description: '"Qưới Sơn" = "Quới Sơn" = "quoi son"; tên khớp chính xác đứng đầu / exact names first',
  })
  list(@Query() query: UnitQuery) {
    const registry = adminUnits();
    const units = query.q
      ? registry
          .search(query.q, { map: query.map, level: query.level })
          .map((h) => h.unit)
          .filter((u) => !query.parentCode || parentCodeOf(u) === query.parentCode)
      : (query.map ? [query.map] : UNIT_MAP_IDS).flatMap((map) =>
          registry.units(map, { level: query.level, parentCode: query.parentCode }),
        );
    // Reference data never changes while a client pages, so the position in the list is a stable cursor.
    const start = query.cursor ? Number(decodeCursor(query.cursor, 'units', ['int4'])[0]) : 0;
    const items = units.slice(start, start + query.limit);
    return {
      items: items.map(unitView),
      ...(start + query.limit < units.length
        ? { nextCursor: encodeCursor('units', [start + query.limit]) }
        : {}),
    };
  }

  @Get(':map/:code')
  @ApiParam({ name: 'map', enum: UNIT_MAP_IDS })
  @ApiOperation({
    summary:
      'Một đơn vị, các đơn vị con và tương ứng ở bản đồ kia / a unit, its children and its counterpart',
  })
  unit(@Param('map') map: string, @Param('code') code: string) {
    if (!UNIT_MAP_IDS.includes(map as UnitMapId)) throw invalidField('map', messages.oneOf(UNIT_MAP_IDS));
    const registry = adminUnits();
    const unit = registry.unit(map as UnitMapId, code);
    if (!unit) throw CatalogueProblems.notFound('đơn vị hành chính', 'Administrative unit');
    if (unit.level !== 'commune')
      return { ...unitView(unit), children: registry.units(unit.map, { parentCode: code }).map(unitView) };
    const views = (map: UnitMapId, codes: string[]) =>
      codes.flatMap((c) => {
        const found = registry.unit(map, c);
        return found ? [unitView(found)] : [];
      });
    if (unit.map === 'vl-2025-07') {
      return {
        ...unitView(unit),
        predecessors: views('bt-2022', registry.predecessorsOf(code)),
        places: registry.places(unit.map, code),
      };
    }
    const successors = views('vl-2025-07', registry.successorsOf(code));
    return {
      ...unitView(unit),
      successors,
      places: registry.places(unit.map, code),
      ...(successors.length
        ? {}
        : {
            note: bilingual(
              'Xã này đã sáp nhập trước 2025-03; dữ liệu ánh xạ không cho biết vào xã nào',
              'This commune was merged before 2025-03; the mapping data does not say into which',
            ),
          }),
    };
  }
}
