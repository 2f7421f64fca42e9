import { ApiPropertyOptional } from '@nestjs/swagger';
import { UnitMapId } from '@ocop/contracts';
import { IsIn, IsOptional, IsString } from 'class-validator';
import { UNIT_MAP_IDS } from '@ocop/ocop-domain';
import { IsCommuneCode } from '../../admin-units/commune-code.validator';
import { messages, withMessage } from '../../common/validation';
import { IsDistrictCode } from '../../search/dto/catalogue-search.query';

const DELIMITERS = ['comma', 'semicolon'] as const;

export class ExportQuery {
  @ApiPropertyOptional({ enum: UNIT_MAP_IDS, default: 'bt-2022' })
  @IsOptional()
  @IsIn(UNIT_MAP_IDS, withMessage(messages.oneOf(UNIT_MAP_IDS)))
  unitMap: UnitMapId = 'bt-2022';

  @ApiPropertyOptional({ example: '832', description: 'Một huyện (bản đồ 2022) / one district (2022 map)' })
  @IsOptional()
  @IsDistrictCode()
  district?: string;

  @ApiPropertyOptional({ example: '28882' })
  @IsOptional()
  @IsString(withMessage(messages.string))
  @IsCommuneCode()
  commune?: string;

  @ApiPropertyOptional({
    enum: DELIMITERS,
    default: 'comma',
    description: 'semicolon cho Excel đặt vùng Việt Nam / for Excel set to a Vietnamese locale',
  })
  @IsOptional()
  @IsIn(DELIMITERS, withMessage(messages.oneOf(DELIMITERS)))
  delimiter: (typeof DELIMITERS)[number] = 'comma';
}
