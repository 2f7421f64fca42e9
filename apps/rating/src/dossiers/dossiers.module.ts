import { Module } from '@nestjs/common';
import { CouncilsModule } from '../councils/councils.module';
import { RoundsModule } from '../rounds/rounds.module';
import { AttachmentsService } from './attachments.service';
import { DossiersController } from './dossiers.controller';
import { DossiersService } from './dossiers.service';

@Module({
  imports: [RoundsModule, CouncilsModule],
  controllers: [DossiersController],
  providers: [DossiersService, AttachmentsService],
  exports: [DossiersService],
})
export class DossiersModule {}
