import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@ocop/auth';
import { UuidParam } from '@ocop/service-kit';
import { ApiKeyView, CreateApiKeyDto, CreatedApiKey } from './api-key.dto';
import { ApiKeysService } from './api-keys.service';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/accounts/:accountId/api-keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Post()
  @ApiOperation({ summary: 'Create an API key for a retailer account; the key is returned this once' })
  @ApiCreatedResponse({ type: CreatedApiKey })
  create(
    @CurrentActor() actor: Actor,
    @UuidParam('accountId') accountId: string,
    @Body() body: CreateApiKeyDto,
  ): Promise<CreatedApiKey> {
    return this.apiKeys.create(accountId, body.name, actor.accountId);
  }

  @Get()
  @ApiOperation({ summary: 'API keys of an account (never the keys themselves)' })
  @ApiOkResponse({ type: ApiKeyView, isArray: true })
  list(@UuidParam('accountId') accountId: string): Promise<ApiKeyView[]> {
    return this.apiKeys.list(accountId);
  }

  @Delete(':keyId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke an API key; tokens already issued for it run out within their TTL' })
  @ApiNoContentResponse()
  revoke(
    @CurrentActor() actor: Actor,
    @UuidParam('accountId') accountId: string,
    @UuidParam('keyId') keyId: string,
  ): Promise<void> {
    return this.apiKeys.revoke(accountId, keyId, actor.accountId);
  }
}
