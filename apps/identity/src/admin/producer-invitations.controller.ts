import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
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
  Problems,
  ProducerReviewableQueryV1,
  ProducerReviewableV1,
} from '@ocop/contracts';
import { RpcClient } from '@ocop/messaging';
import { UuidParam } from '@ocop/service-kit';
import { IsEmail, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { Account } from '../accounts/account.entity';
import { AccountsService } from '../accounts/accounts.service';
import { AccountPage, CreatedAccount, ProducerPeopleQuery, ReissuedInvitation } from './admin-accounts.dto';
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

/** What this route creates: an account that acts for one producer, and nothing more. */
const producerPersonOf = (account: Account): string | null =>
  account.roles.length === 1 && account.roles[0] === 'producer' ? account.producerId : null;

/**
 * An officer gives a producer of their territory (one they registered, or verified) an account: the person gets
 * the invitation by e-mail and sets the first password (decision 0034), and gets a new one when it expired or was
 * lost (decision 0066). Whether the producer is in the officer's territory is the catalogue's rule, asked over
 * request-reply; admins invite for any producer.
 */
@ApiTags('invitations')
@ApiBearerAuth()
@Roles('admin', 'officer')
@Controller('producer-invitations')
export class ProducerInvitationsController {
  constructor(
    private readonly admin: AdminAccounts,
    private readonly accounts: AccountsService,
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
    if (!(await this.inTerritory(actor, body.producerId))) throw outsideTerritory();
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

  @Get()
  @ApiOperation({
    summary:
      'Người của một chủ thể / the people who act for a producer, newest first, with where each invitation stands (officers: in their territory)',
  })
  @ApiOkResponse({ type: AccountPage })
  @ApiResponse({ status: 400, description: 'validation-failed (producerId outside the territory)' })
  @ApiResponse({ status: 503, description: 'upstream-unavailable: the catalogue could not be asked' })
  async people(@CurrentActor() actor: Actor, @Query() query: ProducerPeopleQuery): Promise<AccountPage> {
    if (!(await this.inTerritory(actor, query.producerId))) throw outsideTerritory();
    // The accounts this controller could have invited and may invite again; an admin sees the others on its own
    // pages.
    return this.admin.list(query, { producerPeople: true });
  }

  @Post(':accountId/reissue')
  @ApiOperation({
    summary:
      'Gửi lại lời mời / send a person invited to act for a producer a new invitation (officers: in their territory); every earlier link stops working',
  })
  @ApiCreatedResponse({ type: ReissuedInvitation })
  @ApiResponse({
    status: 404,
    description:
      'not-found: no account acting for a producer alone with this id, or its producer is outside the territory',
  })
  @ApiResponse({
    status: 409,
    description:
      'account-not-invited (active: its owner has a password; disabled: an admin enables it first)',
  })
  @ApiResponse({ status: 503, description: 'upstream-unavailable: the catalogue could not be asked' })
  async reissue(
    @CurrentActor() actor: Actor,
    @UuidParam('accountId') accountId: string,
  ): Promise<ReissuedInvitation> {
    const account = await this.accounts.findById(accountId);
    const producerId = account ? producerPersonOf(account) : null;
    // Accounts the officer could not have invited are not found: the answer tells nothing about who has one.
    if (!producerId || !(await this.inTerritory(actor, producerId))) throw Problems.notFound('Account');
    // Checked again under the account's lock: an admin may have changed its roles since.
    return this.admin.reissueInvitation(
      accountId,
      actor.accountId,
      (locked) => producerPersonOf(locked) === producerId,
    );
  }

  private async inTerritory(actor: Actor, producerId: string): Promise<boolean> {
    if (actor.roles.includes('admin')) return true;
    if (!actor.scope) return false;
    const { reviewable } = await this.rpc.request<ProducerReviewableV1, ProducerReviewableQueryV1>(
      CatalogueRpc.producerReviewable,
      { producerId, scope: actor.scope },
    );
    return reviewable;
  }
}
