import { Module } from '@nestjs/common';
import { BatchesModule } from '../batches/batches.module';
import { SignaturesModule } from '../signatures/signatures.module';
import { SerialsController, UnitQuestionsController } from './serials.controller';
import { SerialsService } from './serials.service';

@Module({
  imports: [BatchesModule, SignaturesModule],
  controllers: [SerialsController, UnitQuestionsController],
  providers: [SerialsService],
  exports: [SerialsService],
})
export class SerialsModule {}
