import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@ocop/service-kit';
import { AccountsService } from '../accounts/accounts.service';
import {
  AcceptInvitationDto,
  AccessTokenResponse,
  ApiKeyTokenDto,
  LoginDto,
  RefreshDto,
  SessionTokenResponse,
} from './auth.dto';
import { LoginService } from './login.service';

@ApiTags('auth')
@Public()
@Controller('auth')
export class AuthController {
  constructor(
    private readonly login: LoginService,
    private readonly accounts: AccountsService,
  ) {}

  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with e-mail or phone and password' })
  @ApiOkResponse({ type: SessionTokenResponse })
  @ApiResponse({ status: 401, description: 'invalid-credentials' })
  @ApiResponse({ status: 403, description: 'account-disabled' })
  @ApiResponse({ status: 423, description: 'account-locked (Retry-After)' })
  @ApiResponse({ status: 429, description: 'login-throttled (Retry-After)' })
  signIn(@Body() body: LoginDto): Promise<SessionTokenResponse> {
    return this.login.login(body.identifier, body.password);
  }

  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange a refresh token for new tokens; the presented one is used up' })
  @ApiOkResponse({ type: SessionTokenResponse })
  @ApiResponse({
    status: 401,
    description: 'invalid-refresh-token, refresh-token-expired, refresh-token-revoked, refresh-token-reused',
  })
  refresh(@Body() body: RefreshDto): Promise<SessionTokenResponse> {
    return this.login.refresh(body.refreshToken);
  }

  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'End the session: the refresh token and its whole family are revoked' })
  @ApiNoContentResponse()
  logout(@Body() body: RefreshDto): Promise<void> {
    return this.login.logout(body.refreshToken);
  }

  @Post('token')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange a retailer API key for an access token' })
  @ApiOkResponse({ type: AccessTokenResponse })
  @ApiResponse({ status: 401, description: 'invalid-api-key' })
  token(@Body() body: ApiKeyTokenDto): Promise<AccessTokenResponse> {
    return this.login.exchangeApiKey(body.apiKey);
  }

  @Post('accept-invite')
  @HttpCode(204)
  @ApiOperation({ summary: 'Set the password of an invited account; it becomes active' })
  @ApiNoContentResponse()
  @ApiResponse({ status: 400, description: 'invitation-invalid' })
  @ApiResponse({ status: 410, description: 'invitation-expired' })
  async acceptInvite(@Body() body: AcceptInvitationDto): Promise<void> {
    await this.accounts.acceptInvitation(body.token, body.password);
  }
}
