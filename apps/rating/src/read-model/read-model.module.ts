import { Module } from '@nestjs/common';
import { ReadModelEventsController } from './read-model-events.controller';

@Module({ controllers: [ReadModelEventsController] })
export class ReadModelModule {}
