import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Roles } from '@ocop/auth';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQuery } from '@ocop/service-kit';
import { AuditTrail } from './audit-trail.service';

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

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/audit')
export class AuditController {
  constructor(private readonly audit: AuditTrail) {}

  @Get()
  @ApiOperation({ summary: 'Audit trail of administrative actions, newest first' })
  list(@Query() query: AuditQueryDto) {
    return this.audit.list(query);
  }
}
