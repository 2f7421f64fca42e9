import { ApiPropertyOptional } from '@nestjs/swagger';
import { UnitMapId } from '@ocop/contracts';
import { IsIn, IsOptional } from 'class-validator';
import { UNIT_MAP_IDS } from '@ocop/ocop-domain';
import { messages, withMessage } from '../../common/validation';

const LEVELS = ['district', 'commune'] as const;

export class UnitReportQuery {
  @ApiPropertyOptional({ enum: UNIT_MAP_IDS, default: 'bt-2022' })
  @IsOptional()
  @IsIn(UNIT_MAP_IDS, withMessage(messages.oneOf(UNIT_MAP_IDS)))
  unitMap: UnitMapId = 'bt-2022';

  @ApiPropertyOptional({ enum: LEVELS, default: 'commune' })
  @IsOptional()
  @IsIn(LEVELS, withMessage(messages.oneOf(LEVELS)))
  level: (typeof LEVELS)[number] = 'commune';
}
