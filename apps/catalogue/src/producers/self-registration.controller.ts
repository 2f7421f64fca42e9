import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  CatalogueRpc,
  CloudEvent,
  IdentityEvents,
  ProducerHolderV1,
  RegistrationSubmittedV1,
} from '@ocop/contracts';
import { EventContext, OnEvent, OnRequest } from '@ocop/messaging';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { bilingual, withMessage } from '../common/validation';
import { ProducersService } from './producers.service';

export class ProducerHolderQueryDto {
  @IsString(withMessage(bilingual('phải là chuỗi ký tự', 'must be a string')))
  @MinLength(1, withMessage(bilingual('bắt buộc', 'is required')))
  @MaxLength(20, withMessage(bilingual('quá dài', 'is too long')))
  taxCode!: string;
}

/**
 * Self-registration, the catalogue's half (decision 0034): identity asks who holds a tax code before it accepts a
 * registration, and its `registration.submitted` event becomes a pending producer.
 */
@Controller()
export class SelfRegistrationController {
  constructor(private readonly producers: ProducersService) {}

  @OnRequest(CatalogueRpc.producerHolder)
  async holder(@Payload() { taxCode }: ProducerHolderQueryDto): Promise<ProducerHolderV1> {
    const producerId = await this.producers.holderOf(taxCode);
    return producerId ? { producerId } : {};
  }

  @OnEvent(IdentityEvents.registrationSubmitted)
  submitted(event: CloudEvent<RegistrationSubmittedV1>, ctx: EventContext) {
    return this.producers.registerSelfRegistered(ctx.manager, event.data);
  }
}
