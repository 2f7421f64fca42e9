import { Module } from '@nestjs/common';
import { IdempotencyModule } from '@ocop/service-kit';
import { ProducersController } from './producers.controller';
import { ProducersService } from './producers.service';

@Module({
  imports: [IdempotencyModule],
  controllers: [ProducersController],
  providers: [ProducersService],
  exports: [ProducersService],
})
export class ProducersModule {}
