import { Module } from '@nestjs/common';
import { CertificateReminders } from './certificate-reminders';
import { ReminderScheduler } from './reminder-scheduler';

@Module({
  providers: [CertificateReminders, ReminderScheduler],
  exports: [CertificateReminders, ReminderScheduler],
})
export class RemindersModule {}
