import { ApiPropertyOptional } from '@nestjs/swagger';
import { ProducerStatus, ProducerType } from '@ocop/contracts';
import { PRODUCER_TYPE_CODES } from '@ocop/ocop-domain';
import { IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '@ocop/service-kit';
import { messages, OptionalText, withMessage } from '../../common/validation';

export const PRODUCER_STATUSES: readonly ProducerStatus[] = [
  'pending',
  'verified',
  'pending-reverification',
  'suspended',
];

export const PRODUCER_LIST_SORTS = ['name', 'waiting'] as const;
export type ProducerListSort = (typeof PRODUCER_LIST_SORTS)[number];

export class ProducerListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: PRODUCER_STATUSES })
  @IsOptional()
  @IsIn(PRODUCER_STATUSES, withMessage(messages.oneOf(PRODUCER_STATUSES)))
  status?: ProducerStatus;

  @ApiPropertyOptional({ enum: PRODUCER_TYPE_CODES })
  @IsOptional()
  @IsIn(PRODUCER_TYPE_CODES, withMessage(messages.oneOf(PRODUCER_TYPE_CODES)))
  type?: ProducerType;

  @OptionalText({
    max: 100,
    description: 'Tên chủ thể (không dấu cũng được) / producer name, diacritics optional',
  })
  q?: string;

  @ApiPropertyOptional({
    enum: PRODUCER_LIST_SORTS,
    default: 'name',
    description:
      'name: theo tên / by name; waiting: chờ xác minh lâu nhất trước (từ lúc đăng ký hoặc đổi thông tin) / longest waiting for review first (since registration or the identity change)',
  })
  @IsOptional()
  @IsIn(PRODUCER_LIST_SORTS, withMessage(messages.oneOf(PRODUCER_LIST_SORTS)))
  sort: ProducerListSort = 'name';
}
