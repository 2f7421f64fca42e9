import { Controller, Delete, HttpCode } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '@ocop/auth';
import { LoginService } from './login.service';

@ApiTags('auth')
@ApiBearerAuth()
@Controller('me/sessions')
export class SignOutEverywhereController {
  constructor(private readonly login: LoginService) {}

  @Delete()
  @HttpCode(204)
  @ApiOperation({
    summary: 'Sign out everywhere: every refresh token of the account is revoked',
    description:
      'Access tokens already issued stay valid until they expire (at most ACCESS_TOKEN_TTL_SECONDS); the ' +
      "portal's gateway also ends its own sessions of the account at once.",
  })
  @ApiNoContentResponse()
  async signOutEverywhere(@CurrentActor() actor: Actor): Promise<void> {
    await this.login.logoutEverywhere(actor.accountId);
  }
}
