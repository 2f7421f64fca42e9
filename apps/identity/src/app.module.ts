import { DynamicModule, Global, Module } from '@nestjs/common';
import { AuthModule } from '@ocop/auth';
import { consumerOptionsFrom, MessagingModule } from '@ocop/messaging';
import { ServiceKitModule } from '@ocop/service-kit';
import { AccountsModule } from './accounts/accounts.module';
import { AdminModule } from './admin/admin.module';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { AuditModule } from './audit/audit.module';
import { SessionsModule } from './auth/sessions.module';
import { Clock, SystemClock } from './common/clock';
import { IdentityConfig } from './config';
import { identityEntities, identityMigrations, SERVICE_NAME } from './data-source';
import { KeysModule } from './keys/keys.module';
import { SigningKeys } from './keys/signing-keys.service';
import { SelfServiceModule } from './self-service/self-service.module';

/** The config and the clock, injectable everywhere in identity. */
@Global()
@Module({})
class IdentityCoreModule {
  static forRoot(config: IdentityConfig, clock: Clock): DynamicModule {
    return {
      module: IdentityCoreModule,
      providers: [
        { provide: IdentityConfig, useValue: config },
        { provide: Clock, useValue: clock },
      ],
      exports: [IdentityConfig, Clock],
    };
  }
}

export interface IdentityOverrides {
  /** Tests move time instead of waiting for it. */
  clock?: Clock;
}

@Module({})
export class AppModule {
  static forRoot(config: IdentityConfig, overrides: IdentityOverrides = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forRoot({
          serviceName: SERVICE_NAME,
          config,
          entities: identityEntities,
          migrations: identityMigrations,
        }),
        MessagingModule.forRoot({
          serviceName: SERVICE_NAME,
          natsUrl: config.NATS_URL,
          namespace: config.EVENT_NAMESPACE,
          consumer: consumerOptionsFrom(config),
        }),
        IdentityCoreModule.forRoot(config, overrides.clock ?? new SystemClock()),
        // Identity holds the keys, so it verifies its own tokens with them directly rather than fetching its
        // own JWKS over HTTP: no request to itself at boot or under load, and no address of its own to know.
        AuthModule.forRootAsync({
          imports: [KeysModule],
          inject: [SigningKeys],
          useFactory: (keys: SigningKeys) => ({
            issuer: config.JWT_ISSUER,
            audience: config.JWT_AUDIENCE,
            keys: keys.verificationKey,
          }),
        }),
        AuditModule,
        KeysModule,
        AccountsModule,
        ApiKeysModule,
        SessionsModule,
        AdminModule,
        SelfServiceModule,
      ],
    };
  }
}
