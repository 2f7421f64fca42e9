import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Roles } from '@ocop/auth';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { DataSource } from 'typeorm';

export class ExecutionLogQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  eventId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  deliveryId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  accountId?: string;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  // An id this list handed out is a safe integer; a larger one would reach PostgreSQL's bigint as a 500.
  @Max(Number.MAX_SAFE_INTEGER)
  cursor?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit = 50;
}

interface LogRow {
  id: string;
  event_id: string | null;
  event_type: string | null;
  workflow: string | null;
  delivery_id: string | null;
  account_id: string | null;
  step: string;
  outcome: string;
  detail: string | null;
  at: Date;
}

@ApiTags('execution-log')
@ApiBearerAuth()
@Roles('admin')
@Controller('execution-log')
export class ExecutionLogController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  @ApiOperation({ summary: 'Nhật ký thực thi / Every workflow step and send attempt, newest first (admins)' })
  async list(@Query() q: ExecutionLogQuery) {
    const params: unknown[] = [q.limit + 1];
    const where: string[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (q.eventId) add('event_id = ?', q.eventId);
    if (q.deliveryId) add('delivery_id = ?', q.deliveryId);
    if (q.accountId) add('account_id = ?', q.accountId);
    if (q.cursor) add('id < ?', q.cursor);
    const rows: LogRow[] = await this.dataSource.query(
      `SELECT * FROM execution_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT $1`,
      params,
    );
    const items = rows.slice(0, q.limit);
    return {
      items: items.map((r) => ({
        id: Number(r.id),
        eventId: r.event_id,
        eventType: r.event_type,
        workflow: r.workflow,
        deliveryId: r.delivery_id,
        accountId: r.account_id,
        step: r.step,
        outcome: r.outcome,
        detail: r.detail,
        at: r.at.toISOString(),
      })),
      ...(rows.length > q.limit ? { nextCursor: Number(items[items.length - 1].id) } : {}),
    };
  }
}
