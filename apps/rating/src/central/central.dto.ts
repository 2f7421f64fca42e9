import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CERTIFIED_STARS, CertifiedStars } from '@ocop/ocop-domain';
import { PageQuery } from '@ocop/service-kit';
import { Transform } from 'class-transformer';
import { IsIn, IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';

const trim = Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

export class MinistryDecisionDto {
  @ApiProperty({ example: '789/QĐ-BNNMT', description: 'The ministry’s decision' })
  @trim
  @IsString()
  @Length(1, 100)
  decisionRef!: string;

  @ApiProperty({ example: '2025-09-05' })
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  decisionDate!: string;

  @ApiProperty({
    enum: CERTIFIED_STARS,
    description: 'Stars the ministry awarded (5★ only to a potential 5★)',
  })
  @IsIn(CERTIFIED_STARS)
  stars!: CertifiedStars;

  @ApiPropertyOptional({ example: 'Hội đồng trung ương họp ngày 28/8/2025' })
  @IsOptional()
  @trim
  @IsString()
  @Length(1, 1000)
  note?: string;
}

export class CentralProposalQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['awaiting-decision', 'decided'] })
  @IsOptional()
  @IsIn(['awaiting-decision', 'decided'])
  status?: 'awaiting-decision' | 'decided';
}
