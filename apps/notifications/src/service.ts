import { INestApplication } from '@nestjs/common';
import { connectMessaging, deadLetterCommand } from '@ocop/messaging';
import { ServiceSpec } from '@ocop/service-kit';
import { AppModule } from './app.module';
import { PgListener } from './common/pg-listener';
import { NotificationsConfig } from './config';
import { notificationsDataSourceOptions, SERVICE_NAME } from './data-source';
import { Dispatcher } from './delivery/dispatcher';
import { DigestScheduler } from './digest/digest-scheduler';

/**
 * Besides messaging, a serving notifications process listens for NOTIFY (inbox streams, dispatch wake-ups), sends
 * deliveries and plans daily digests. Operator commands (migrate, dlq) do none of it.
 */
function connect(app: INestApplication): void {
  connectMessaging(app);
  void app.get(PgListener).start();
  app.get(Dispatcher).start();
  app.get(DigestScheduler).start();
}

/** Notifications as it runs: main.ts serves it, integration tests build it with createServiceApp. */
export const notificationsService: ServiceSpec<NotificationsConfig> = {
  name: SERVICE_NAME,
  title: 'OCOP notifications',
  description:
    'Hộp thư trong ứng dụng, thư điện tử và webhook có chữ ký cho các sự kiện của nền tảng OCOP / In-app inbox, e-mail and signed webhooks for the OCOP platform’s events.',
  configClass: NotificationsConfig,
  module: (config) => AppModule.forRoot(config),
  dataSourceOptions: notificationsDataSourceOptions,
  connectMicroservices: connect,
  commands: { dlq: deadLetterCommand },
};
