import { Module } from '@nestjs/common';
import { ProducersModule } from '../producers/producers.module';
import { UnitReportController } from './unit-report.controller';

@Module({ imports: [ProducersModule], controllers: [UnitReportController] })
export class ReportsModule {}
