import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@ocop/auth';
import { DomainError } from '@ocop/contracts';
import { UuidParam } from '@ocop/service-kit';
import { ApiKeyView, CreateApiKeyDto, CreatedApiKey } from './api-key.dto';
import { ApiKeysService } from './api-keys.service';

/**
 * A retailer manages the keys of its own tills and shop systems without asking an admin. The account is always
 * the caller's own, taken from the token, so no path names another account; another account's key is "not found"
 * (the service looks a key up by id and account together), whether or not it exists.
 */
@ApiTags('accounts')
@ApiBearerAuth()
@Roles('retailer')
@Controller('me/api-keys')
@ApiResponse({ status: 401, description: 'unauthenticated, token-expired' })
@ApiResponse({
  status: 403,
  description: 'forbidden: not a retailer; api-key-not-allowed: a token exchanged for a key',
})
export class MyApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  /**
   * Keys are managed by a person signed in, never with a key: a till whose key leaked must not be able to make
   * itself another one, nor revoke the shop's other tills.
   */
  private person(actor: Actor): string {
    if (actor.viaApiKey) {
      throw new DomainError(
        'api-key-not-allowed',
        403,
        'Cần đăng nhập / Sign-in required',
        'Khóa API không dùng để quản lý khóa API: hãy đăng nhập cổng thông tin / An API key cannot manage API keys: sign in to the portal',
      );
    }
    return actor.accountId;
  }

  @Post()
  @ApiOperation({
    summary: 'Tạo khóa API của mình / Create an API key of my own; the key is returned this once',
  })
  @ApiCreatedResponse({ type: CreatedApiKey })
  @ApiResponse({ status: 400, description: 'validation-failed' })
  create(@CurrentActor() actor: Actor, @Body() body: CreateApiKeyDto): Promise<CreatedApiKey> {
    const accountId = this.person(actor);
    return this.apiKeys.create(accountId, body.name, accountId);
  }

  @Get()
  @ApiOperation({ summary: 'Khóa API của mình / My API keys (never the keys themselves)' })
  @ApiOkResponse({ type: ApiKeyView, isArray: true })
  list(@CurrentActor() actor: Actor): Promise<ApiKeyView[]> {
    return this.apiKeys.list(this.person(actor));
  }

  @Delete(':keyId')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Thu hồi khóa API của mình / Revoke one of my API keys',
    description:
      'Tokens already issued for it run out within their TTL. Revoking a revoked key changes nothing.',
  })
  @ApiNoContentResponse()
  @ApiResponse({ status: 404, description: "not-found: no such key among the caller's own" })
  revoke(@CurrentActor() actor: Actor, @UuidParam('keyId') keyId: string): Promise<void> {
    const accountId = this.person(actor);
    return this.apiKeys.revoke(accountId, keyId, accountId);
  }
}
