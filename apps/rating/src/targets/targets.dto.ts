import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import type { ReportFormat } from '../reports/report-table';

export const TARGET_KINDS = ['communes-covered', 'certified-products'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

const CODE = /^\d{2,5}$/;

/** A year's target for a province, district or commune, written in the codes of one administrative map. */
export class SetTargetDto {
  @ApiProperty({ example: 2022, minimum: 2019, maximum: 2100 })
  @IsInt()
  @Min(2019)
  @Max(2100)
  year!: number;

  @ApiProperty({
    enum: TARGET_KINDS,
    description:
      'communes-covered: communes with at least one valid 3★+ certificate; certified-products: products with a valid certificate',
  })
  @IsIn(TARGET_KINDS)
  kind!: TargetKind;

  @ApiProperty({ example: 40, minimum: 0, maximum: 100000 })
  @IsInt()
  @Min(0)
  @Max(100000)
  value!: number;

  @ApiProperty({ example: '83', description: '83: Bến Tre (2022 map); 86: Vĩnh Long (from 1 July 2025)' })
  @Matches(CODE)
  provinceCode!: string;

  @ApiPropertyOptional({ example: '831', description: 'Only on the 2022 map, which has districts' })
  @IsOptional()
  @Matches(CODE)
  districtCode?: string;

  @ApiPropertyOptional({ example: '28807' })
  @IsOptional()
  @Matches(CODE)
  communeCode?: string;
}

export class TargetListQuery {
  @ApiPropertyOptional({ example: 2022 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2019)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({ enum: TARGET_KINDS })
  @IsOptional()
  @IsIn(TARGET_KINDS)
  kind?: TargetKind;
}

export class TargetExportQuery extends TargetListQuery {
  @ApiPropertyOptional({ enum: ['csv', 'xlsx', 'pdf'], default: 'csv' })
  @IsOptional()
  @IsIn(['csv', 'xlsx', 'pdf'])
  format: ReportFormat = 'csv';
}
