import { Module } from '@nestjs/common';
import { CommuneDirectory, RegistryCommuneDirectory } from './commune-directory';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

@Module({
  controllers: [ReportsController],
  // Read and checked once at boot: a unit file that does not add up stops the service rather than skewing coverage.
  providers: [
    ReportsService,
    { provide: CommuneDirectory, useFactory: () => new RegistryCommuneDirectory() },
  ],
  exports: [ReportsService],
})
export class ReportsModule {}
