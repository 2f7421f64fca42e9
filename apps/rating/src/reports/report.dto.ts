import { ApiPropertyOptional } from '@nestjs/swagger';
import type { UnitMapId } from '@ocop/contracts';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, Matches, Max, Min } from 'class-validator';

export class ReportQuery {
  @ApiPropertyOptional({
    enum: ['bt-2022', 'vl-2025-07'],
    default: 'bt-2022',
    description: 'Administrative map to report under',
  })
  @IsOptional()
  @IsIn(['bt-2022', 'vl-2025-07'])
  map: UnitMapId = 'bt-2022';

  @ApiPropertyOptional({ example: '2022-06-30', description: 'As of the end of this day (default today)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  at?: string;
}

export class ExpiringQuery {
  @ApiPropertyOptional({ default: 90, minimum: 1, maximum: 365 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(365)
  days = 90;
}
