import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';

const trim = Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

export class CouncilMemberDto {
  @ApiProperty({ enum: ['chair', 'member'] })
  @IsIn(['chair', 'member'])
  role!: 'chair' | 'member';
}

export class RecordTieDto {
  @ApiProperty({ description: 'The producer (chủ thể) the member is tied to' })
  @IsUUID('all')
  producerId!: string;

  @ApiProperty({ example: 'Em ruột của giám đốc / Brother of the director' })
  @trim
  @IsString()
  @Length(1, 500)
  relation!: string;

  @ApiProperty({
    description: 'Why it is recorded now (kept in the ties’ trail)',
    example: 'Thành viên tự khai tại phiên họp đầu / Declared by the member at the first meeting',
  })
  @trim
  @IsString()
  @Length(1, 500)
  reason!: string;

  @ApiPropertyOptional({
    description:
      'Officers covering the producer record for a member; a member records for themself (omit it)',
  })
  @IsOptional()
  @IsUUID('all')
  accountId?: string;
}

export class LiftTieDto {
  @ApiProperty({
    description: 'Why the tie no longer stands (kept in the ties’ trail)',
    example: 'Đã chuyển nhượng toàn bộ cổ phần, QĐ 12/QĐ-UBND / All shares transferred',
  })
  @trim
  @IsString()
  @Length(1, 500)
  reason!: string;
}

export class TiesQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all')
  accountId?: string;
}
