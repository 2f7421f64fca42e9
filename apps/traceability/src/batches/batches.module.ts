import { Module } from '@nestjs/common';
import { TraceEventsModule } from '../epcis/trace-events.module';
import { ReadModelModule } from '../read-model/read-model.module';
import { BatchesController } from './batches.controller';
import { BatchesService } from './batches.service';

@Module({
  imports: [ReadModelModule, TraceEventsModule],
  controllers: [BatchesController],
  providers: [BatchesService],
  exports: [BatchesService],
})
export class BatchesModule {}
