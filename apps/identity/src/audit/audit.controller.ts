import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Roles } from '@ocop/auth';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQuery } from '@ocop/service-kit';
import { AuditEntryView, AuditTrail } from './audit-trail.service';

export class AuditQueryDto extends PageQuery {
  @ApiPropertyOptional({ description: 'Only entries about this account, API key or signing key' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  targetId?: string;

  @ApiPropertyOptional({ description: 'Only entries by this admin' })
  @IsOptional()
  @IsUUID()
  actorId?: string;

  @ApiPropertyOptional({ example: 'account.roles-changed' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  action?: string;
}

export class AuditEntryDto implements AuditEntryView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() at!: string;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true, description: 'Null when the system acted' })
  actorId!: string | null;
  @ApiProperty({ example: 'account.disabled' }) action!: string;
  @ApiProperty({ enum: ['account', 'api-key', 'signing-key', 'producer'] }) targetType!: string;
  @ApiProperty() targetId!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) details!: Record<string, unknown>;
  @ApiProperty({ type: 'string', nullable: true }) correlationId!: string | null;
  @ApiPropertyOptional({ description: "The actor's display name" }) actorName?: string;
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The account the entry is about: its target, or the account of the API key',
  })
  accountId?: string;
  @ApiPropertyOptional() accountName?: string;
}

export class AuditPage {
  @ApiProperty({ type: AuditEntryDto, isArray: true }) items!: AuditEntryDto[];
  @ApiPropertyOptional() nextCursor?: string;
}

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/audit')
export class AuditController {
  constructor(private readonly audit: AuditTrail) {}

  @Get()
  @ApiOperation({ summary: 'Audit trail of administrative actions, newest first' })
  @ApiOkResponse({ type: AuditPage })
  list(@Query() query: AuditQueryDto): Promise<AuditPage> {
    return this.audit.list(query);
  }
}
