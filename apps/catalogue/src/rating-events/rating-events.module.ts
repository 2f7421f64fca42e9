import { Module } from '@nestjs/common';
import { OcopCertificates } from './ocop-certificates';
import { RatingEventsController } from './rating-events.controller';

@Module({ controllers: [RatingEventsController], providers: [OcopCertificates] })
export class RatingEventsModule {}
