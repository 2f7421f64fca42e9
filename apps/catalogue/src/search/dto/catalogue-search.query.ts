import { ApiPropertyOptional } from '@nestjs/swagger';
import { ProducerType, ProductGroupCode, UnitMapId } from '@ocop/contracts';
import { PRODUCER_TYPE_CODES, PRODUCT_GROUP_CODES, PRODUCT_SET_NUMBERS } from '@ocop/ocop-domain';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, registerDecorator } from 'class-validator';
import { adminUnits, UNIT_MAP_IDS } from '@ocop/ocop-domain';
import { IsCommuneCode } from '../../admin-units/commune-code.validator';
import { PageQuery } from '@ocop/service-kit';
import { bilingual, IsText, messages, withMessage } from '../../common/validation';

const STARS = [3, 4, 5];

/** A district code of the 2022 map: the only map with districts. */
export function IsDistrictCode(): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isDistrictCode',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message: bilingual(
          'không phải mã huyện của bản đồ bt-2022',
          'is not a district code of the bt-2022 map',
        ),
      },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && adminUnits().unit('bt-2022', value)?.level === 'district',
      },
    });
}

export class CatalogueSearchQuery extends PageQuery {
  @ApiPropertyOptional({
    maxLength: 100,
    example: 'keo dua',
    description: 'Không phân biệt dấu, hoa thường / diacritics and case do not matter',
  })
  // A search box sends "q=" when it is empty: that is no query, not a bad one.
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim() || undefined : value,
  )
  @IsOptional()
  @IsText(100)
  q?: string;

  @ApiPropertyOptional({ enum: STARS, description: 'Sao OCOP đang hiệu lực / OCOP stars in force' })
  @IsOptional()
  @Type(() => Number)
  @IsIn(STARS, withMessage(messages.oneOf(STARS)))
  stars?: 3 | 4 | 5;

  @ApiPropertyOptional({ enum: PRODUCT_GROUP_CODES })
  @IsOptional()
  @IsIn(PRODUCT_GROUP_CODES, withMessage(messages.oneOf(PRODUCT_GROUP_CODES)))
  group?: ProductGroupCode;

  @ApiPropertyOptional({ minimum: 1, maximum: 26 })
  @IsOptional()
  @Type(() => Number)
  @IsIn(PRODUCT_SET_NUMBERS, withMessage(messages.productSet))
  productSet?: number;

  @ApiPropertyOptional({ example: '832', description: 'Mã huyện (bản đồ 2022) / district code (2022 map)' })
  @IsOptional()
  @IsDistrictCode()
  district?: string;

  @ApiPropertyOptional({
    enum: UNIT_MAP_IDS,
    description: 'Bản đồ của mã xã và của thống kê theo xã / map of `commune` and of the commune facet',
  })
  @IsOptional()
  @IsIn(UNIT_MAP_IDS, withMessage(messages.oneOf(UNIT_MAP_IDS)))
  unitMap?: UnitMapId;

  @ApiPropertyOptional({ example: '28870' })
  @IsOptional()
  @IsString(withMessage(messages.string))
  @IsCommuneCode()
  commune?: string;

  @ApiPropertyOptional({ enum: PRODUCER_TYPE_CODES })
  @IsOptional()
  @IsIn(PRODUCER_TYPE_CODES, withMessage(messages.oneOf(PRODUCER_TYPE_CODES)))
  producerType?: ProducerType;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', withMessage(bilingual('phải là mã định danh (UUID)', 'must be a UUID')))
  producerId?: string;
}
