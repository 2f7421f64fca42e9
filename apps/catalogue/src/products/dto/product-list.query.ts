import { ApiPropertyOptional } from '@nestjs/swagger';
import { ProductStatus } from '@ocop/contracts';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQuery } from '@ocop/service-kit';
import { bilingual, messages, withMessage } from '../../common/validation';

export const PRODUCT_STATUSES: readonly ProductStatus[] = ['draft', 'active', 'discontinued'];

export class ProductListQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', withMessage(bilingual('phải là mã định danh (UUID)', 'must be a UUID')))
  producerId?: string;

  @ApiPropertyOptional({ enum: PRODUCT_STATUSES })
  @IsOptional()
  @IsIn(PRODUCT_STATUSES, withMessage(messages.oneOf(PRODUCT_STATUSES)))
  status?: ProductStatus;
}
