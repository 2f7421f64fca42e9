import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { ApiKeysModule } from '../api-keys/api-keys.module';
import { AuditModule } from '../audit/audit.module';
import { KeysModule } from '../keys/keys.module';
import { AccessTokens } from './access-tokens.service';
import { AuthController } from './auth.controller';
import { LoginAttemptsService } from './login-attempts.service';
import { LoginService } from './login.service';
import { PasswordChangeController } from './password-change.controller';
import { SignOutEverywhereController } from './sign-out-everywhere.controller';
import { PasswordChange } from './password-change.service';
import { RefreshTokens } from './refresh-tokens.service';

/** Login, refresh, logout, API-key exchange, invitation acceptance, password change: who holds which session. */
@Module({
  imports: [AccountsModule, ApiKeysModule, AuditModule, KeysModule],
  controllers: [AuthController, PasswordChangeController, SignOutEverywhereController],
  providers: [LoginService, LoginAttemptsService, AccessTokens, RefreshTokens, PasswordChange],
  exports: [RefreshTokens, LoginAttemptsService],
})
export class SessionsModule {}
