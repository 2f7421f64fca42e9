import { ApiPropertyOptional } from '@nestjs/swagger';
import type { UnitMapId } from '@ocop/contracts';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, Matches, Max, Min } from 'class-validator';
import type { ReportFormat } from './report-table';

export class ReportQuery {
  @ApiPropertyOptional({
    enum: ['bt-2022', 'vl-2025-07'],
    description: 'Administrative map to report under (default: the map in force on the day asked)',
  })
  @IsOptional()
  @IsIn(['bt-2022', 'vl-2025-07'])
  map?: UnitMapId;

  @ApiPropertyOptional({
    example: '2022-07-31',
    description: 'As of the end of this day in Viet Nam (default today)',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  at?: string;
}

/**
 * An export as a file: CSV, XLSX for Excel users (typed cells, never formulas: decision 0028), or PDF for the
 * Department's paper file.
 */
export class ExportQuery extends ReportQuery {
  @ApiPropertyOptional({ enum: ['csv', 'xlsx', 'pdf'], default: 'csv' })
  @IsOptional()
  @IsIn(['csv', 'xlsx', 'pdf'])
  format: ReportFormat = 'csv';
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
