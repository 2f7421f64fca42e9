import { Module } from '@nestjs/common';
import { IdempotencyModule } from '@ocop/service-kit';
import { ProducersModule } from '../producers/producers.module';
import { ProductPhotosController } from './photos/product-photos.controller';
import { ProductPhotos } from './photos/product-photos';
import { ProductQuestionsController } from './product-questions.controller';
import { ProductsController } from './products.controller';
import { ProductsService } from './products.service';

@Module({
  imports: [IdempotencyModule, ProducersModule],
  controllers: [ProductsController, ProductQuestionsController, ProductPhotosController],
  providers: [ProductsService, ProductPhotos],
  exports: [ProductsService],
})
export class ProductsModule {}
