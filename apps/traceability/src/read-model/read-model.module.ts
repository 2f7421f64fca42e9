import { Module } from '@nestjs/common';
import { CatalogueEventsController } from './catalogue-events.controller';
import { ProductDirectory } from './product-directory.service';
import { RatingEventsController } from './rating-events.controller';

@Module({
  controllers: [CatalogueEventsController, RatingEventsController],
  providers: [ProductDirectory],
  exports: [ProductDirectory],
})
export class ReadModelModule {}
