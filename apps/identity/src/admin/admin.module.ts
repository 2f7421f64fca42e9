import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { AuditModule } from '../audit/audit.module';
import { SessionsModule } from '../auth/sessions.module';
import { AdminAccountsController } from './admin-accounts.controller';
import { ProducerInvitationsController } from './producer-invitations.controller';
import { AdminAccounts } from './admin-accounts.service';
import { BootstrapAdmin } from './bootstrap-admin';

@Module({
  imports: [AccountsModule, AuditModule, SessionsModule],
  controllers: [AdminAccountsController, ProducerInvitationsController],
  providers: [AdminAccounts, BootstrapAdmin],
})
export class AdminModule {}
