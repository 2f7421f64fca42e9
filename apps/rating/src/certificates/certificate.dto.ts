import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { PageQuery } from '@ocop/service-kit';

export class CertificateListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['issued', 'revoked', 'expired', 'superseded'] })
  @IsOptional()
  @IsIn(['issued', 'revoked', 'expired', 'superseded'])
  status?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all')
  productId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all')
  producerId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 60)
  number?: string;
}

export class RevokeCertificateDto {
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(1, 2000)
  reason!: string;
}

export class ImportQuery {
  @ApiPropertyOptional({ description: 'Check the file and report, without importing (default true)' })
  @IsOptional()
  @IsIn(['true', 'false'])
  dryRun?: 'true' | 'false';
}
