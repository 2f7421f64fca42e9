import { DynamicModule, Global, Module } from '@nestjs/common';
import { AuthModule, remoteKeys } from '@ocop/auth';
import { consumerOptionsFrom, MessagingModule } from '@ocop/messaging';
import { ServiceKitModule } from '@ocop/service-kit';
import { CacheInvalidation } from './common/cache-invalidation';
import { Clock } from './common/clock';
import { TaggedCache } from './common/tagged-cache';
import { LookupConfig } from './config';
import { lookupEntities, lookupMigrations, SERVICE_NAME } from './data-source';
import { CatalogueEventsController } from './read-model/catalogue-events.controller';
import { RatingEventsController } from './read-model/rating-events.controller';
import { TraceabilityEventsController } from './read-model/traceability-events.controller';
import { ReportCasesController } from './reports/report-cases.controller';
import { ReportsController } from './reports/reports.controller';
import { PublicRoutes } from './resolver/public-routes';
import { Resolution } from './resolver/resolution';
import { VerifyController } from './retail/verify.controller';
import { ScanRecorder } from './scans/scan-recorder';
import { ScanStatsController } from './scans/scan-stats.controller';
import { ItemStore } from './verification/item-store';
import { LabelKeys } from './verification/label-keys';
import { Verifier } from './verification/verifier';

export interface LookupOverrides {
  /** Tests move time (expiry, certificate validity). */
  clock?: Clock;
}

/** The config and the hot path's shared state, injectable everywhere in lookup. */
@Global()
@Module({})
class LookupCoreModule {
  static forRoot(config: LookupConfig, overrides: LookupOverrides): DynamicModule {
    return {
      module: LookupCoreModule,
      providers: [
        { provide: LookupConfig, useValue: config },
        { provide: Clock, useValue: overrides.clock ?? new Clock() },
        TaggedCache,
        CacheInvalidation,
      ],
      exports: [LookupConfig, Clock, TaggedCache, CacheInvalidation],
    };
  }
}

@Module({})
export class AppModule {
  static forRoot(config: LookupConfig, overrides: LookupOverrides = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forRoot({
          serviceName: SERVICE_NAME,
          config,
          entities: lookupEntities,
          migrations: lookupMigrations,
        }),
        MessagingModule.forRoot({
          serviceName: SERVICE_NAME,
          natsUrl: config.NATS_URL,
          namespace: config.EVENT_NAMESPACE,
          consumer: consumerOptionsFrom(config),
        }),
        AuthModule.forRoot(remoteKeys(config)),
        LookupCoreModule.forRoot(config, overrides),
      ],
      controllers: [
        CatalogueEventsController,
        TraceabilityEventsController,
        RatingEventsController,
        VerifyController,
        ReportsController,
        ReportCasesController,
        ScanStatsController,
      ],
      providers: [ItemStore, LabelKeys, Verifier, ScanRecorder, Resolution, PublicRoutes],
    };
  }
}
