import { Module } from '@nestjs/common';
import { SiteCodesModule } from '../site-codes/site-codes.module';
import { PackingHousesController } from './packing-houses.controller';
import { PackingHousesService } from './packing-houses.service';

@Module({
  imports: [SiteCodesModule],
  controllers: [PackingHousesController],
  providers: [PackingHousesService],
  exports: [PackingHousesService],
})
export class PackingHousesModule {}
