import { Module } from '@nestjs/common';
import { IdentityConfig } from '../config';
import { AccountEvents } from './account-events';
import { AccountsService } from './accounts.service';
import { MeController } from './me.controller';
import { PasswordHasher } from './password-hasher';

@Module({
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
  ],
  exports: [AccountsService, AccountEvents, PasswordHasher],
})
export class AccountsModule {}
