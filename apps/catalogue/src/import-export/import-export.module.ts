import { Module } from '@nestjs/common';
import { IdempotencyModule } from '@ocop/service-kit';
import { ProducersModule } from '../producers/producers.module';
import { CatalogueExportService } from './catalogue-export.service';
import { CatalogueImportService } from './catalogue-import.service';
import { ImportExportController } from './import-export.controller';

@Module({
  imports: [IdempotencyModule, ProducersModule],
  controllers: [ImportExportController],
  providers: [CatalogueImportService, CatalogueExportService],
})
export class ImportExportModule {}
