import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { WEBHOOK_EVENT_TYPES } from '../workflows/workflow-registry';

export class CreateSubscriptionDto {
  @ApiProperty({ example: 'https://retailer.example/ocop/webhooks' })
  @IsString()
  @MaxLength(2000)
  url!: string;

  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, isArray: true })
  @IsIn(WEBHOOK_EVENT_TYPES as string[], { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  eventTypes!: string[];

  @ApiPropertyOptional({
    description: 'Your own signing secret (≥ 24 characters); generated and shown once if absent',
  })
  @IsOptional()
  @IsString()
  @MinLength(24)
  @MaxLength(200)
  @Matches(/^[\x21-\x7e]+$/, { message: 'secret must be printable ASCII without spaces' })
  secret?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;
}

export class UpdateSubscriptionDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  url?: string;

  @ApiPropertyOptional({ enum: WEBHOOK_EVENT_TYPES, isArray: true })
  @IsOptional()
  @IsIn(WEBHOOK_EVENT_TYPES as string[], { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  eventTypes?: string[];

  @ApiPropertyOptional({
    enum: ['active', 'disabled'],
    description: 'active re-enables a disabled subscription',
  })
  @IsOptional()
  @IsIn(['active', 'disabled'])
  status?: 'active' | 'disabled';

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;
}
