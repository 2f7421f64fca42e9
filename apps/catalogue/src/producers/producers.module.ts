import { Module } from '@nestjs/common';
import { IdempotencyModule } from '@ocop/service-kit';
import { ProducersController } from './producers.controller';
import { ProducersService } from './producers.service';
import { SelfRegistrationController } from './self-registration.controller';

@Module({
  imports: [IdempotencyModule],
  controllers: [ProducersController, SelfRegistrationController],
  providers: [ProducersService],
  exports: [ProducersService],
})
export class ProducersModule {}
