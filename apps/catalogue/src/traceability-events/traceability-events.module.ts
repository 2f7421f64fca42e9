import { Module } from '@nestjs/common';
import { TraceabilityEventsController } from './traceability-events.controller';

@Module({ controllers: [TraceabilityEventsController] })
export class TraceabilityEventsModule {}
