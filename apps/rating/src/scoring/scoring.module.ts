import { Module } from '@nestjs/common';
import { CertificatesModule } from '../certificates/certificates.module';
import { CouncilsModule } from '../councils/councils.module';
import { DossiersModule } from '../dossiers/dossiers.module';
import { RoundsModule } from '../rounds/rounds.module';
import { ScoringController } from './scoring.controller';
import { ScoringService } from './scoring.service';

@Module({
  imports: [RoundsModule, CouncilsModule, DossiersModule, CertificatesModule],
  controllers: [ScoringController],
  providers: [ScoringService],
})
export class ScoringModule {}
