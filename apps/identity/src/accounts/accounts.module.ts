import { Module } from '@nestjs/common';
import { PUBLISHED_SECRETS } from '@ocop/service-kit';
import { AuditModule } from '../audit/audit.module';
import { IdentityConfig } from '../config';
import { AccountEvents } from './account-events';
import { AccountsService } from './accounts.service';
import { MeController } from './me.controller';
import { PasswordHasher } from './password-hasher';
import { PasswordStrength } from './password-strength';

@Module({
  imports: [AuditModule],
  controllers: [MeController],
  providers: [
    AccountsService,
    AccountEvents,
    {
      provide: PasswordHasher,
      inject: [IdentityConfig],
      useFactory: (config: IdentityConfig) =>
        new PasswordHasher({ costLog2: config.PASSWORD_SCRYPT_COST_LOG2, blockSize: 8, parallelization: 3 }),
    },
    {
      provide: PasswordStrength,
      inject: [IdentityConfig],
      // npm start seeds the demo accounts with their published passwords; production refuses them.
      useFactory: (config: IdentityConfig) =>
        new PasswordStrength(config.NODE_ENV === 'production' ? PUBLISHED_SECRETS : []),
    },
  ],
  exports: [AccountsService, AccountEvents, PasswordHasher, PasswordStrength],
})
export class AccountsModule {}
