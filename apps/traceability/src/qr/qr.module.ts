import { Module } from '@nestjs/common';
import { BatchesModule } from '../batches/batches.module';
import { SerialsModule } from '../serials/serials.module';
import { QrController } from './qr.controller';

@Module({ imports: [BatchesModule, SerialsModule], controllers: [QrController] })
export class QrModule {}
