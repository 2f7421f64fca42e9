import { DynamicModule, Global, Module } from '@nestjs/common';
import { AuthModule, remoteKeys } from '@ocop/auth';
import { consumerOptionsFrom, MessagingModule } from '@ocop/messaging';
import { ServiceKitModule } from '@ocop/service-kit';
import { AccountDirectory } from './accounts/account-directory';
import { AccountEventsController } from './accounts/account-events.controller';
import { Clock, SystemClock } from './common/clock';
import { PgListener } from './common/pg-listener';
import { NotificationsConfig } from './config';
import { notificationsEntities, notificationsMigrations, SERVICE_NAME } from './data-source';
import { Dispatcher } from './delivery/dispatcher';
import { DigestScheduler } from './digest/digest-scheduler';
import { EmailSender } from './email/email-sender';
import { ExecutionLog } from './execution-log/execution-log';
import { ExecutionLogController } from './execution-log/execution-log.controller';
import { InboxController } from './inbox/inbox.controller';
import { InboxService } from './inbox/inbox.service';
import { InboxStreams } from './inbox/inbox-streams';
import { NotificationPlanner } from './planning/notification-planner';
import { WorkflowEventsController } from './planning/workflow-events.controller';
import { PreferencesController } from './preferences/preferences.controller';
import { PreferencesService } from './preferences/preferences.service';
import { HostResolver, SystemHostResolver } from './webhooks/host-resolver';
import { WebhookSender } from './webhooks/webhook-sender';
import { WebhooksController } from './webhooks/webhooks.controller';
import { WebhooksService } from './webhooks/webhooks.service';
import { WorkflowsController } from './workflows/workflows.controller';

/** The config, the clock and the LISTEN connection, injectable everywhere in notifications. */
@Global()
@Module({})
class NotificationsCoreModule {
  static forRoot(config: NotificationsConfig, clock: Clock, hostResolver: HostResolver): DynamicModule {
    return {
      module: NotificationsCoreModule,
      providers: [
        { provide: NotificationsConfig, useValue: config },
        { provide: Clock, useValue: clock },
        { provide: HostResolver, useValue: hostResolver },
        PgListener,
        ExecutionLog,
      ],
      exports: [NotificationsConfig, Clock, HostResolver, PgListener, ExecutionLog],
    };
  }
}

@Module({
  controllers: [AccountEventsController, WorkflowEventsController, WorkflowsController],
  providers: [AccountDirectory, NotificationPlanner],
})
class PlanningModule {}

@Module({
  controllers: [InboxController],
  providers: [InboxService, InboxStreams],
})
class InboxModule {}

@Module({ controllers: [PreferencesController], providers: [PreferencesService] })
class PreferencesModule {}

@Module({
  controllers: [WebhooksController, ExecutionLogController],
  providers: [WebhooksService, WebhookSender, EmailSender, Dispatcher, DigestScheduler],
  exports: [Dispatcher, DigestScheduler],
})
class DeliveryModule {}

export interface NotificationsOverrides {
  /** Tests move time (tomorrow's digest) instead of waiting for it. */
  clock?: Clock;
  /** Tests make a receiver's name resolve to the addresses they choose. */
  hostResolver?: HostResolver;
}

@Module({})
export class AppModule {
  static forRoot(config: NotificationsConfig, overrides: NotificationsOverrides = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forRoot({
          serviceName: SERVICE_NAME,
          config,
          entities: notificationsEntities,
          migrations: notificationsMigrations,
        }),
        MessagingModule.forRoot({
          serviceName: SERVICE_NAME,
          natsUrl: config.NATS_URL,
          namespace: config.EVENT_NAMESPACE,
          consumer: consumerOptionsFrom(config),
        }),
        AuthModule.forRoot(remoteKeys(config)),
        NotificationsCoreModule.forRoot(
          config,
          overrides.clock ?? new SystemClock(),
          overrides.hostResolver ?? new SystemHostResolver(),
        ),
        PlanningModule,
        InboxModule,
        PreferencesModule,
        DeliveryModule,
      ],
    };
  }
}
