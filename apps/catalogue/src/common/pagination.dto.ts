import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { bilingual, messages, withMessage } from './validation';

export const MAX_PAGE_SIZE = 100;

export class PageQuery {
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString(withMessage(messages.string))
  @MaxLength(500, withMessage(messages.tooLong(500)))
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt(withMessage(bilingual('phải là số nguyên', 'must be an integer')))
  @Min(1, withMessage(bilingual('ít nhất 1', 'at least 1')))
  @Max(MAX_PAGE_SIZE, withMessage(bilingual(`tối đa ${MAX_PAGE_SIZE}`, `at most ${MAX_PAGE_SIZE}`)))
  limit = 20;
}
