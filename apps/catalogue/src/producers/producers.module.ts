import { Module } from '@nestjs/common';
import { IdempotencyModule } from '@ocop/service-kit';
import { ProducerDocumentsController } from './documents/producer-documents.controller';
import { ProducerDocuments } from './documents/producer-documents.service';
import { ProducersController } from './producers.controller';
import { ProducersService } from './producers.service';
import { SelfRegistrationController } from './self-registration.controller';

@Module({
  imports: [IdempotencyModule],
  controllers: [ProducersController, SelfRegistrationController, ProducerDocumentsController],
  providers: [ProducersService, ProducerDocuments],
  exports: [ProducersService],
})
export class ProducersModule {}
