import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export type CaptureErrorBehaviour = 'rollback' | 'proceed';

export class EpcisProblemView {
  @ApiPropertyOptional({ description: 'Position of the event in the document, from 0' }) eventIndex?: number;
  @ApiPropertyOptional() eventID?: string;
  @ApiProperty({ example: 'epcList[1]' }) field!: string;
  @ApiProperty({ example: 'epc-not-yours' }) code!: string;
  @ApiProperty() message!: string;
}

/** A capture job as EPCIS 2.0 describes it (captureID, running, success, errors), with counts. */
export class CaptureJobView {
  @ApiProperty({ format: 'uuid' }) captureID!: string;
  @ApiProperty() createdAt!: string;
  @ApiPropertyOptional() finishedAt?: string;
  @ApiProperty() running!: boolean;
  @ApiProperty({ description: 'true once every event of the document is stored' }) success!: boolean;
  @ApiProperty({ enum: ['rollback', 'proceed'] }) captureErrorBehaviour!: CaptureErrorBehaviour;
  @ApiProperty() eventCount!: number;
  @ApiPropertyOptional({ description: 'Events stored by this capture' }) storedCount?: number;
  @ApiPropertyOptional({ description: 'Events already stored identically before (not stored again)' })
  duplicateCount?: number;
  @ApiProperty({ type: EpcisProblemView, isArray: true }) errors!: EpcisProblemView[];
}

export class CapturedEventView {
  @ApiProperty() eventID!: string;
  @ApiProperty({ format: 'uuid' }) traceEventId!: string;
  @ApiProperty({ description: 'false when an identical event was already stored' }) stored!: boolean;
}
