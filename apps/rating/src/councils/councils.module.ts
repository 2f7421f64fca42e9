import { Module } from '@nestjs/common';
import { RoundsModule } from '../rounds/rounds.module';
import { CouncilsController } from './councils.controller';
import { CouncilsService } from './councils.service';

@Module({
  imports: [RoundsModule],
  controllers: [CouncilsController],
  providers: [CouncilsService],
  exports: [CouncilsService],
})
export class CouncilsModule {}
