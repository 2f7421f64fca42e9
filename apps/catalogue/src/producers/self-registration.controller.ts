import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  CatalogueRpc,
  CloudEvent,
  IdentityEvents,
  ProducerHolderV1,
  ProducerReviewableV1,
  RegistrationSubmittedV1,
} from '@ocop/contracts';
import { EventContext, OnEvent, OnRequest } from '@ocop/messaging';
import { Type } from 'class-transformer';
import { IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { bilingual, withMessage } from '../common/validation';
import { ProducersService } from './producers.service';

export class ProducerHolderQueryDto {
  @IsString(withMessage(bilingual('phải là chuỗi ký tự', 'must be a string')))
  @MinLength(1, withMessage(bilingual('bắt buộc', 'is required')))
  @MaxLength(20, withMessage(bilingual('quá dài', 'is too long')))
  taxCode!: string;
}

class ScopeDto {
  @Matches(/^\d{2}$/, withMessage(bilingual('mã tỉnh gồm 2 chữ số', 'a province code is 2 digits')))
  provinceCode!: string;

  @IsOptional()
  @Matches(/^\d{3}$/, withMessage(bilingual('mã huyện gồm 3 chữ số', 'a district code is 3 digits')))
  districtCode?: string;

  @IsOptional()
  @Matches(/^\d{5}$/, withMessage(bilingual('mã xã gồm 5 chữ số', 'a commune code is 5 digits')))
  communeCode?: string;
}

export class ProducerReviewableQueryDto {
  @IsUUID('all', withMessage(bilingual('phải là mã định danh (UUID)', 'must be a UUID')))
  producerId!: string;

  @ValidateNested()
  @Type(() => ScopeDto)
  scope!: ScopeDto;
}

/**
 * Self-registration and invitations, the catalogue's half (decision 0034): identity asks who holds a tax code
 * before it accepts a registration, and whether an officer reviews a producer before that officer invites an
 * account for it; its `registration.submitted` event becomes a pending producer.
 */
@Controller()
export class SelfRegistrationController {
  constructor(private readonly producers: ProducersService) {}

  @OnRequest(CatalogueRpc.producerHolder)
  async holder(@Payload() { taxCode }: ProducerHolderQueryDto): Promise<ProducerHolderV1> {
    const producerId = await this.producers.holderOf(taxCode);
    return producerId ? { producerId } : {};
  }

  @OnRequest(CatalogueRpc.producerReviewable)
  async reviewable(
    @Payload() { producerId, scope }: ProducerReviewableQueryDto,
  ): Promise<ProducerReviewableV1> {
    return { reviewable: await this.producers.reviewableBy(producerId, scope) };
  }

  @OnEvent(IdentityEvents.registrationSubmitted)
  submitted(event: CloudEvent<RegistrationSubmittedV1>, ctx: EventContext) {
    return this.producers.registerSelfRegistered(ctx.manager, event.data);
  }
}
