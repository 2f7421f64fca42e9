import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, OpenBeforePasswordChange } from '@ocop/auth';
import { ChangePasswordDto, SessionTokenResponse } from './auth.dto';
import { PasswordChange } from './password-change.service';

@ApiTags('accounts')
@ApiBearerAuth()
@Controller('me/password')
export class PasswordChangeController {
  constructor(private readonly passwords: PasswordChange) {}

  @Post()
  @HttpCode(200)
  @OpenBeforePasswordChange()
  @ApiOperation({
    summary: 'Change the password; every other session ends and a new one starts',
    description:
      'The only call a session with passwordChangeRequired may make (the bootstrap admin at first login).',
  })
  @ApiOkResponse({ type: SessionTokenResponse })
  @ApiResponse({
    status: 400,
    description: 'validation-failed, current-password-incorrect, password-unchanged, password-too-weak',
  })
  @ApiResponse({ status: 403, description: 'account-disabled' })
  @ApiResponse({ status: 423, description: 'account-locked (Retry-After)' })
  @ApiResponse({ status: 429, description: 'login-throttled (Retry-After)' })
  change(@CurrentActor() actor: Actor, @Body() body: ChangePasswordDto): Promise<SessionTokenResponse> {
    return this.passwords.change(actor, body.currentPassword, body.newPassword);
  }
}
