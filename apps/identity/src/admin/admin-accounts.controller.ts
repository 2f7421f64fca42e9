import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@ocop/auth';
import { AccountView, RoleBindingDto } from '../accounts/account.dto';
import { AccountsService } from '../accounts/accounts.service';
import {
  AccountListQuery,
  AccountPage,
  CreateAccountDto,
  CreatedAccount,
  DisableAccountDto,
} from './admin-accounts.dto';
import { AdminAccounts } from './admin-accounts.service';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@ApiResponse({ status: 401, description: 'unauthenticated, token-expired' })
@ApiResponse({ status: 403, description: 'forbidden: not an admin' })
@Controller('admin/accounts')
export class AdminAccountsController {
  constructor(
    private readonly admin: AdminAccounts,
    private readonly accounts: AccountsService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Create an account with an initial password, or invite its owner' })
  @ApiCreatedResponse({ type: CreatedAccount })
  @ApiResponse({
    status: 400,
    description: 'validation-failed, invalid-role-binding, invalid-phone, identifier-required',
  })
  @ApiResponse({ status: 409, description: 'account-exists' })
  create(@CurrentActor() actor: Actor, @Body() body: CreateAccountDto): Promise<CreatedAccount> {
    return this.admin.create(body, actor.accountId);
  }

  @Get()
  @ApiOperation({ summary: 'Accounts, newest first, by cursor' })
  @ApiOkResponse({ type: AccountPage })
  list(@Query() query: AccountListQuery): Promise<AccountPage> {
    return this.accounts.list(query);
  }

  @Get(':accountId')
  @ApiOkResponse({ type: AccountView })
  get(@Param('accountId', ParseUUIDPipe) accountId: string): Promise<AccountView> {
    return this.admin.get(accountId);
  }

  @Put(':accountId/roles')
  @ApiOperation({ summary: 'Replace the roles, with the producer or territory they need' })
  @ApiOkResponse({ type: AccountView })
  @ApiResponse({ status: 409, description: 'last-admin' })
  changeRoles(
    @CurrentActor() actor: Actor,
    @Param('accountId', ParseUUIDPipe) accountId: string,
    @Body() body: RoleBindingDto,
  ): Promise<AccountView> {
    return this.admin.changeRoles(accountId, body, actor.accountId);
  }

  @Post(':accountId/disable')
  @HttpCode(200)
  @ApiOperation({ summary: 'Disable the account and end its sessions' })
  @ApiOkResponse({ type: AccountView })
  @ApiResponse({ status: 409, description: 'last-admin' })
  disable(
    @CurrentActor() actor: Actor,
    @Param('accountId', ParseUUIDPipe) accountId: string,
    @Body() body: DisableAccountDto,
  ): Promise<AccountView> {
    return this.admin.disable(accountId, body.reason, actor.accountId);
  }
}
