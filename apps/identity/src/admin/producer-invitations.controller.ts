import { Body, Controller, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@ocop/auth';
import {
  bilingual,
  CatalogueRpc,
  DomainError,
  Language,
  LANGUAGES,
  ProducerReviewableQueryV1,
  ProducerReviewableV1,
} from '@ocop/contracts';
import { RpcClient } from '@ocop/messaging';
import { IsEmail, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { CreatedAccount } from './admin-accounts.dto';
import { AdminAccounts } from './admin-accounts.service';

export class ProducerInvitationDto {
  @ApiProperty({ format: 'uuid', description: 'The producer (chủ thể) the invited person will act for' })
  @IsUUID()
  producerId!: string;

  @ApiProperty({ example: 'hien.tran@example.vn', description: 'The invitation link is e-mailed here' })
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: 'Trần Thị Hiền' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  displayName!: string;

  @ApiPropertyOptional({ enum: LANGUAGES, default: 'vi' })
  @IsOptional()
  @IsIn(LANGUAGES)
  language: Language = 'vi';
}

const outsideTerritory = () =>
  new DomainError(
    'validation-failed',
    400,
    bilingual('Dữ liệu không hợp lệ', 'Validation failed'),
    undefined,
    {
      errors: [
        {
          field: 'producerId',
          message: bilingual(
            'không có chủ thể này trong địa bàn bạn phụ trách',
            'no such producer within the territory you are responsible for',
          ),
        },
      ],
    },
  );

/**
 * An officer gives a producer of their territory (one they registered, or verified) an account: the person gets
 * the invitation by e-mail and sets the first password (decision 0034). Whether the producer is in the officer's
 * territory is the catalogue's rule, asked over request-reply; admins invite for any producer.
 */
@ApiTags('invitations')
@ApiBearerAuth()
@Roles('admin', 'officer')
@Controller('producer-invitations')
export class ProducerInvitationsController {
  constructor(
    private readonly admin: AdminAccounts,
    private readonly rpc: RpcClient,
  ) {}

  @Post()
  @ApiOperation({
    summary:
      'Mời người của một chủ thể / invite a person to act for a producer (officers: in their territory)',
  })
  @ApiCreatedResponse({ type: CreatedAccount })
  @ApiResponse({ status: 400, description: 'validation-failed (producerId outside the territory)' })
  @ApiResponse({ status: 409, description: 'account-exists' })
  @ApiResponse({ status: 503, description: 'upstream-unavailable: the catalogue could not be asked' })
  async invite(@CurrentActor() actor: Actor, @Body() body: ProducerInvitationDto): Promise<CreatedAccount> {
    if (!actor.roles.includes('admin')) {
      if (!actor.scope) throw outsideTerritory();
      const { reviewable } = await this.rpc.request<ProducerReviewableV1, ProducerReviewableQueryV1>(
        CatalogueRpc.producerReviewable,
        { producerId: body.producerId, scope: actor.scope },
      );
      if (!reviewable) throw outsideTerritory();
    }
    return this.admin.create(
      {
        email: body.email,
        displayName: body.displayName,
        language: body.language,
        roles: ['producer'],
        producerId: body.producerId,
      },
      actor.accountId,
    );
  }
}
