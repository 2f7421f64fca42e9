import { Module } from '@nestjs/common';
import { RemindersModule } from '../reminders/reminders.module';
import { CertificateImportService } from './certificate-import.service';
import { CertificatesController } from './certificates.controller';
import { CertificatesService } from './certificates.service';

@Module({
  imports: [RemindersModule],
  controllers: [CertificatesController],
  providers: [CertificatesService, CertificateImportService],
  exports: [CertificatesService],
})
export class CertificatesModule {}
