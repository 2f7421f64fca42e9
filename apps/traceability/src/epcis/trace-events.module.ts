import { Module } from '@nestjs/common';
import { PlatformTraceEvents } from './platform-trace-events';
import { TraceEventStore } from './trace-event-store';

/** The EPCIS repository's write side, shared by captures and by batches (the platform's own events). */
@Module({
  providers: [TraceEventStore, PlatformTraceEvents],
  exports: [TraceEventStore, PlatformTraceEvents],
})
export class TraceEventsModule {}
