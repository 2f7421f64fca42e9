import { Module } from '@nestjs/common';
import { SiteCodesModule } from '../site-codes/site-codes.module';
import { GrowingAreasController } from './growing-areas.controller';
import { GrowingAreasService } from './growing-areas.service';

@Module({
  imports: [SiteCodesModule],
  controllers: [GrowingAreasController],
  providers: [GrowingAreasService],
  exports: [GrowingAreasService],
})
export class GrowingAreasModule {}
