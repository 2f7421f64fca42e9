import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { AuditModule } from '../audit/audit.module';
import { SessionsModule } from '../auth/sessions.module';
import { PasswordResets } from './password-reset.service';
import { Registrations } from './registration.service';
import { SelfServiceController } from './self-service.controller';

/** Self-registration of producers and password resets: the public ways into an account. */
@Module({
  imports: [AccountsModule, AuditModule, SessionsModule],
  controllers: [SelfServiceController],
  providers: [Registrations, PasswordResets],
})
export class SelfServiceModule {}
