import { Module } from '@nestjs/common';
import { BatchesModule } from '../batches/batches.module';
import { ReadModelModule } from '../read-model/read-model.module';
import { SerialsModule } from '../serials/serials.module';
import { LabelsController } from './labels.controller';
import { LabelsService } from './labels.service';

@Module({
  imports: [BatchesModule, SerialsModule, ReadModelModule],
  controllers: [LabelsController],
  providers: [LabelsService],
})
export class LabelsModule {}
