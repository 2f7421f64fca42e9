import { Module } from '@nestjs/common';
import { ReportsModule } from '../reports/reports.module';
import { TargetsController } from './targets.controller';
import { TargetsService } from './targets.service';

@Module({
  imports: [ReportsModule],
  controllers: [TargetsController],
  providers: [TargetsService],
})
export class TargetsModule {}
