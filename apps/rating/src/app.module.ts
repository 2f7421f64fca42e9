import { DynamicModule, Global, Module } from '@nestjs/common';
import { AuthModule, remoteKeys } from '@ocop/auth';
import { consumerOptionsFrom, MessagingModule } from '@ocop/messaging';
import { ServiceKitModule } from '@ocop/service-kit';
import { CentralModule } from './central/central.module';
import { CertificatesModule } from './certificates/certificates.module';
import { Clock, FileOffsetClock, SystemClock } from './common/clock';
import { RatingConfig } from './config';
import { CouncilsModule } from './councils/councils.module';
import { ratingEntities, ratingMigrations, SERVICE_NAME } from './data-source';
import { DossiersModule } from './dossiers/dossiers.module';
import { ReadModelModule } from './read-model/read-model.module';
import { RemindersModule } from './reminders/reminders.module';
import { ReportsModule } from './reports/reports.module';
import { RoundsModule } from './rounds/rounds.module';
import { RubricsModule } from './rubrics/rubrics.module';
import { ScoringModule } from './scoring/scoring.module';
import { TargetsModule } from './targets/targets.module';

/** The config and the clock, injectable everywhere in rating. */
@Global()
@Module({})
class RatingCoreModule {
  static forRoot(config: RatingConfig, clock: Clock): DynamicModule {
    return {
      module: RatingCoreModule,
      providers: [
        { provide: RatingConfig, useValue: config },
        { provide: Clock, useValue: clock },
      ],
      exports: [RatingConfig, Clock],
    };
  }
}

export interface RatingOverrides {
  /** Tests move time (certificate expiry, reminders) instead of waiting for it. */
  clock?: Clock;
}

@Module({})
export class AppModule {
  static forRoot(config: RatingConfig, overrides: RatingOverrides = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forRoot({
          serviceName: SERVICE_NAME,
          config,
          entities: ratingEntities,
          migrations: ratingMigrations,
        }),
        MessagingModule.forRoot({
          serviceName: SERVICE_NAME,
          natsUrl: config.NATS_URL,
          namespace: config.EVENT_NAMESPACE,
          consumer: consumerOptionsFrom(config),
        }),
        AuthModule.forRoot(remoteKeys(config)),
        RatingCoreModule.forRoot(
          config,
          overrides.clock ??
            (config.CLOCK_OFFSET_FILE ? new FileOffsetClock(config.CLOCK_OFFSET_FILE) : new SystemClock()),
        ),
        RubricsModule,
        ReadModelModule,
        RoundsModule,
        CouncilsModule,
        DossiersModule,
        ScoringModule,
        CertificatesModule,
        CentralModule,
        RemindersModule,
        ReportsModule,
        TargetsModule,
      ],
    };
  }
}
