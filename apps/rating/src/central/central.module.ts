import { Module } from '@nestjs/common';
import { CertificatesModule } from '../certificates/certificates.module';
import { CentralProposalsController } from './central-proposals.controller';
import { CentralProposalsService } from './central-proposals.service';

@Module({
  imports: [CertificatesModule],
  controllers: [CentralProposalsController],
  providers: [CentralProposalsService],
})
export class CentralModule {}
