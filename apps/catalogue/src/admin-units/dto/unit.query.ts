import { ApiPropertyOptional } from '@nestjs/swagger';
import { UnitMapId } from '@ocop/contracts';
import { IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '@ocop/service-kit';
import { messages, OptionalText, withMessage } from '../../common/validation';
import { UNIT_MAP_IDS, UnitLevel } from '@ocop/ocop-domain';

const LEVELS: UnitLevel[] = ['province', 'district', 'commune'];

export class UnitQuery extends PageQuery {
  @OptionalText({
    max: 100,
    example: 'quoi son',
    description: 'Tên đơn vị, không dấu cũng được / unit name, diacritics optional',
  })
  q?: string;

  @ApiPropertyOptional({ enum: UNIT_MAP_IDS })
  @IsOptional()
  @IsIn(UNIT_MAP_IDS, withMessage(messages.oneOf(UNIT_MAP_IDS)))
  map?: UnitMapId;

  @ApiPropertyOptional({ enum: LEVELS })
  @IsOptional()
  @IsIn(LEVELS, withMessage(messages.oneOf(LEVELS)))
  level?: UnitLevel;

  @OptionalText({ max: 5, example: '832', description: 'Mã đơn vị cha / parent unit code' })
  parentCode?: string;
}
