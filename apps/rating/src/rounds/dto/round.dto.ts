import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  LEVEL_CHAINS,
  LevelChainId,
  ROUND_LEVELS,
  RoundLevel,
  RUBRIC_VERSIONS,
  RubricVersionId,
} from '@ocop/ocop-domain';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsISO8601, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { PageQuery } from '@ocop/service-kit';

const trim = Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));
const CODE = /^\d{2,5}$/;

export class TerritoryDto {
  @ApiProperty({ example: '83' })
  @Matches(CODE)
  provinceCode!: string;

  @ApiPropertyOptional({ example: '831' })
  @IsOptional()
  @Matches(CODE)
  districtCode?: string;

  @ApiPropertyOptional({ example: '28807' })
  @IsOptional()
  @Matches(CODE)
  communeCode?: string;
}

export class CreateRoundDto {
  @ApiProperty({ example: 'Đánh giá OCOP cấp tỉnh đợt 1 năm 2025' })
  @trim
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ enum: ROUND_LEVELS })
  @IsIn(ROUND_LEVELS)
  level!: RoundLevel;

  @ApiProperty({ enum: LEVEL_CHAINS.map((c) => c.id), description: 'The chain of levels in force' })
  @IsIn(LEVEL_CHAINS.map((c) => c.id))
  rules!: LevelChainId;

  @ApiProperty({ type: TerritoryDto })
  @ValidateNested()
  @Type(() => TerritoryDto)
  territory!: TerritoryDto;

  @ApiProperty({ example: '2025-03-01' })
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  opensOn!: string;

  @ApiProperty({ example: '2025-05-31' })
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  closesOn!: string;

  @ApiPropertyOptional({
    enum: RUBRIC_VERSIONS.map((v) => v.id),
    description:
      'The sheets of the rule set’s period (QĐ 1048 → qd1048-2019, QĐ 148 and 1489 → qd148-2023); another is refused',
  })
  @IsOptional()
  @IsIn(RUBRIC_VERSIONS.map((v) => v.id))
  rubricVersion?: RubricVersionId;
}

export class ApproveResultsDto {
  @ApiProperty({ example: '1234/QĐ-UBND', description: 'The decision approving the results' })
  @trim
  @IsString()
  @Length(1, 100)
  decisionRef!: string;

  @ApiProperty({ example: '2025-06-15' })
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  decisionDate!: string;
}

export class RoundListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['open', 'scoring', 'results-approved', 'closed'] })
  @IsOptional()
  @IsIn(['open', 'scoring', 'results-approved', 'closed'])
  status?: string;
}
