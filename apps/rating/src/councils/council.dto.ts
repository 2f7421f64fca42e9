import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';

export class CouncilMemberDto {
  @ApiProperty({ enum: ['chair', 'member'] })
  @IsIn(['chair', 'member'])
  role!: 'chair' | 'member';
}

export class DeclareTieDto {
  @ApiProperty({ description: 'The producer (chủ thể) the member is tied to' })
  @IsUUID('all')
  producerId!: string;

  @ApiProperty({ example: 'Em ruột của giám đốc / Brother of the director' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(1, 500)
  relation!: string;

  @ApiPropertyOptional({
    description: 'Officers declare for a member; a member declares for themself (omit it)',
  })
  @IsOptional()
  @IsUUID('all')
  accountId?: string;
}

export class TiesQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all')
  accountId?: string;
}
