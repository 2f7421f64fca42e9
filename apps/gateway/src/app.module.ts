import { DynamicModule, Module } from '@nestjs/common';
import { ServiceKitModule } from '@ocop/service-kit';
import { GatewayConfig } from './config';
import { gatewayMigrations, SERVICE_NAME } from './data-source';
import { PortalConfigController } from './portal/portal-config.controller';
import { IdentityClient } from './sessions/identity-client';
import { SessionController } from './sessions/session.controller';
import { SessionsService } from './sessions/sessions.service';

@Module({})
export class AppModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forRoot({
          serviceName: SERVICE_NAME,
          config,
          entities: [],
          migrations: gatewayMigrations,
        }),
      ],
      controllers: [SessionController, PortalConfigController],
      providers: [
        { provide: GatewayConfig, useValue: config },
        {
          provide: IdentityClient,
          useValue: new IdentityClient(config.IDENTITY_URL.replace(/\/+$/, ''), config.UPSTREAM_TIMEOUT_MS),
        },
        SessionsService,
      ],
    };
  }
}
