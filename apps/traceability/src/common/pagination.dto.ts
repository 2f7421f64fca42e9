import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { bilingual } from './bilingual';

export const MAX_PAGE_SIZE = 100;

export class PageQuery {
  @ApiPropertyOptional({ description: 'nextCursor của trang trước / nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: bilingual('phải là số nguyên', 'must be an integer') })
  @Min(1, { message: bilingual('ít nhất 1', 'at least 1') })
  @Max(MAX_PAGE_SIZE, { message: bilingual(`tối đa ${MAX_PAGE_SIZE}`, `at most ${MAX_PAGE_SIZE}`) })
  limit = 20;
}
