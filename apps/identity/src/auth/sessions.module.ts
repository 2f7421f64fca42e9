import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { ApiKeysModule } from '../api-keys/api-keys.module';
import { KeysModule } from '../keys/keys.module';
import { AccessTokens } from './access-tokens.service';
import { AuthController } from './auth.controller';
import { LoginAttemptsService } from './login-attempts.service';
import { LoginService } from './login.service';
import { RefreshTokens } from './refresh-tokens.service';

/** Login, refresh, logout, API-key exchange, invitation acceptance: the public side of identity. */
@Module({
  imports: [AccountsModule, ApiKeysModule, KeysModule],
  controllers: [AuthController],
  providers: [LoginService, LoginAttemptsService, AccessTokens, RefreshTokens],
  exports: [RefreshTokens],
})
export class SessionsModule {}
