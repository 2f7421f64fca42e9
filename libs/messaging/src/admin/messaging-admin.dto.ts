import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { DeadLetterRecord } from '../dead-letter/dead-letter.record';

export class DeadLetterListQuery {
  @ApiPropertyOptional({
    enum: ['open', 'settled'],
    default: 'open',
    description: 'open: still to decide, oldest first; settled: replayed or discarded, newest first',
  })
  @IsOptional()
  @IsIn(['open', 'settled'])
  state: 'open' | 'settled' = 'open';

  @ApiPropertyOptional({ type: Number, minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit = 100;
}

export class DiscardDeadLetterDto {
  @ApiProperty({
    example: 'Sự kiện của một sản phẩm đã xoá, không còn áp dụng',
    description: 'Why the event is given up for good; kept with the row',
  })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Matches(/\S/, { message: 'reason must say why (not only spaces)' })
  @MaxLength(500)
  reason!: string;
}

export class DeadLetterView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'The consuming service', example: 'notifications' }) service!: string;
  @ApiProperty({ type: String, nullable: true }) eventId!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'ocop.traceability.growing-area.issued' })
  eventType!: string | null;
  @ApiProperty() subject!: string;
  @ApiProperty({ description: 'The last error, as the handler threw it' }) error!: string;
  @ApiProperty({ type: String, nullable: true }) errorStack!: string | null;
  @ApiProperty({ description: 'Deliveries and replays tried' }) attempts!: number;
  @ApiProperty({ format: 'date-time' }) failedAt!: string;
  @ApiProperty({ enum: ['open', 'replayed', 'discarded'] }) state!: 'open' | 'replayed' | 'discarded';
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) replayedAt!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) replayedBy!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) discardedAt!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) discardedBy!: string | null;
  @ApiProperty({ type: String, nullable: true }) discardReason!: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The event as received (`{ raw }` for a message that was not JSON)',
  })
  payload!: unknown;
}

export class DeadLetterList {
  @ApiProperty() service!: string;
  @ApiProperty({ type: [DeadLetterView] }) items!: DeadLetterView[];
}

export class ReplayResultView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, nullable: true }) eventId!: string | null;
  @ApiPropertyOptional({
    enum: ['handled', 'duplicate', 'already-replayed'],
    description: 'handled: the handlers ran; duplicate: it had been applied meanwhile',
  })
  outcome?: string;
  @ApiPropertyOptional({ description: 'Set when the handlers failed again; the row stays open' })
  error?: string;
}

export class ReplayAllResult {
  @ApiProperty() service!: string;
  @ApiProperty() replayed!: number;
  @ApiProperty() failed!: number;
  @ApiProperty({ type: [ReplayResultView] }) results!: ReplayResultView[];
}

export class ConsumerBacklog {
  @ApiProperty({ example: 'OCOP_TRACEABILITY' }) stream!: string;
  @ApiProperty({ description: 'Events in the stream this service has not taken yet' }) pending!: number;
  @ApiProperty({ description: 'Events taken and not yet settled' }) inFlight!: number;
  @ApiProperty({ description: 'Events delivered more than once and not yet settled' }) redelivered!: number;
}

export class MessagingBacklogView {
  @ApiProperty() service!: string;
  @ApiProperty({ description: 'Events written and not yet published' }) outboxPending!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) outboxOldestAt!: string | null;
  @ApiProperty({ description: 'Dead letters still to decide' }) deadLettersOpen!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) deadLettersOldestAt!: string | null;
  @ApiProperty({ type: [ConsumerBacklog], description: 'Its durable consumer on each stream it reads' })
  consumers!: ConsumerBacklog[];
  @ApiPropertyOptional({ description: 'Set when NATS did not answer: the consumer figures are missing' })
  natsError?: string;
}

export function deadLetterView(row: DeadLetterRecord): DeadLetterView {
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    id: row.id,
    service: row.consumer,
    eventId: row.eventId,
    eventType: row.eventType,
    subject: row.subject,
    error: row.error,
    errorStack: row.errorStack,
    attempts: row.attempts,
    failedAt: row.failedAt.toISOString(),
    state: row.replayedAt ? 'replayed' : row.discardedAt ? 'discarded' : 'open',
    replayedAt: iso(row.replayedAt),
    replayedBy: row.replayedBy,
    discardedAt: iso(row.discardedAt),
    discardedBy: row.discardedBy,
    discardReason: row.discardReason,
    payload: row.payload,
  };
}
