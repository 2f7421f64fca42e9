import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@ocop/auth';
import { UuidParam } from '@ocop/service-kit';
import { RoleBindingDto } from '../accounts/account.dto';
import {
  AccountListQuery,
  AccountPage,
  AdminAccountView,
  CreateAccountDto,
  CreatedAccount,
  DisableAccountDto,
  ReissuedInvitation,
} from './admin-accounts.dto';
import { AdminAccounts } from './admin-accounts.service';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@ApiResponse({ status: 401, description: 'unauthenticated, token-expired' })
@ApiResponse({ status: 403, description: 'forbidden: not an admin' })
@Controller('admin/accounts')
export class AdminAccountsController {
  constructor(private readonly admin: AdminAccounts) {}

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
    return this.admin.list(query);
  }

  @Get(':accountId')
  @ApiOkResponse({ type: AdminAccountView })
  @ApiResponse({ status: 404, description: 'not-found' })
  get(@UuidParam('accountId') accountId: string): Promise<AdminAccountView> {
    return this.admin.get(accountId);
  }

  @Put(':accountId/roles')
  @ApiOperation({ summary: 'Replace the roles, with the producer or territory they need' })
  @ApiOkResponse({ type: AdminAccountView })
  @ApiResponse({ status: 400, description: 'validation-failed, invalid-role-binding' })
  @ApiResponse({ status: 409, description: 'last-admin' })
  changeRoles(
    @CurrentActor() actor: Actor,
    @UuidParam('accountId') accountId: string,
    @Body() body: RoleBindingDto,
  ): Promise<AdminAccountView> {
    return this.admin.changeRoles(accountId, body, actor.accountId);
  }

  @Post(':accountId/disable')
  @HttpCode(200)
  @ApiOperation({ summary: 'Disable the account and end its sessions' })
  @ApiOkResponse({ type: AdminAccountView })
  @ApiResponse({ status: 409, description: 'last-admin' })
  disable(
    @CurrentActor() actor: Actor,
    @UuidParam('accountId') accountId: string,
    @Body() body: DisableAccountDto,
  ): Promise<AdminAccountView> {
    return this.admin.disable(accountId, body.reason, actor.accountId);
  }

  @Post(':accountId/enable')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Enable a disabled account again: active, or invited if its owner never set a password',
  })
  @ApiOkResponse({ type: AdminAccountView })
  @ApiResponse({ status: 404, description: 'not-found' })
  @ApiResponse({ status: 409, description: 'account-not-disabled' })
  enable(@CurrentActor() actor: Actor, @UuidParam('accountId') accountId: string): Promise<AdminAccountView> {
    return this.admin.enable(accountId, actor.accountId);
  }

  @Post(':accountId/invitation')
  @ApiOperation({
    summary:
      'Gửi lại lời mời / send an invited account a new invitation: mailed as the first, every earlier link stops working',
  })
  @ApiCreatedResponse({ type: ReissuedInvitation })
  @ApiResponse({ status: 404, description: 'not-found' })
  @ApiResponse({
    status: 409,
    description: 'account-not-invited (active: its owner has a password; disabled: enable it first)',
  })
  reissueInvitation(
    @CurrentActor() actor: Actor,
    @UuidParam('accountId') accountId: string,
  ): Promise<ReissuedInvitation> {
    return this.admin.reissueInvitation(accountId, actor.accountId);
  }

  @Post(':accountId/unlock')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Lift the lock that failed logins put on the account, and forget those failures',
  })
  @ApiOkResponse({ type: AdminAccountView })
  @ApiResponse({ status: 404, description: 'not-found' })
  @ApiResponse({ status: 409, description: 'account-not-locked (never locked, or the lock has run out)' })
  unlock(@CurrentActor() actor: Actor, @UuidParam('accountId') accountId: string): Promise<AdminAccountView> {
    return this.admin.unlock(accountId, actor.accountId);
  }
}
