import { Module } from '@nestjs/common';
import { BatchesModule } from '../batches/batches.module';
import { OptionalActor } from '../common/optional-actor';
import { CaptureController } from './capture/capture.controller';
import { CaptureService } from './capture/capture.service';
import { ChainExportController } from './export/chain-export.controller';
import { ChainExportService } from './export/chain-export.service';
import { EventsController } from './query/events.controller';
import { EventsQueryService } from './query/events-query.service';
import { TraceEventsModule } from './trace-events.module';

@Module({
  imports: [TraceEventsModule, BatchesModule],
  controllers: [CaptureController, EventsController, ChainExportController],
  providers: [CaptureService, EventsQueryService, ChainExportService, OptionalActor],
})
export class EpcisModule {}
