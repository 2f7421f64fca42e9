import { DynamicModule, Global, Module } from '@nestjs/common';
import { AuthModule, remoteKeys } from '@ocop/auth';
import { consumerOptionsFrom, MessagingModule } from '@ocop/messaging';
import { IdempotencyModule, ServiceKitModule } from '@ocop/service-kit';
import { TraceabilityConfig } from './config';
import { SERVICE_NAME, traceabilityEntities, traceabilityMigrations } from './data-source';
import { BatchesModule } from './batches/batches.module';
import { DigitalLinkModule } from './digital-link/digital-link.module';
import { EpcisModule } from './epcis/epcis.module';
import { GrowingAreasModule } from './growing-areas/growing-areas.module';
import { JobsModule } from './jobs/jobs.module';
import { LabelsModule } from './labels/labels.module';
import { PackingHousesModule } from './packing-houses/packing-houses.module';
import { QrModule } from './qr/qr.module';
import { ReadModelModule } from './read-model/read-model.module';
import { SerialsModule } from './serials/serials.module';
import { SignaturesModule } from './signatures/signatures.module';

/** The config, injectable everywhere in traceability. */
@Global()
@Module({})
class TraceabilityCoreModule {
  static forRoot(config: TraceabilityConfig): DynamicModule {
    return {
      module: TraceabilityCoreModule,
      providers: [{ provide: TraceabilityConfig, useValue: config }],
      exports: [TraceabilityConfig],
    };
  }
}

@Module({})
export class AppModule {
  static forRoot(config: TraceabilityConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forRoot({
          serviceName: SERVICE_NAME,
          config,
          entities: traceabilityEntities,
          migrations: traceabilityMigrations,
        }),
        MessagingModule.forRoot({
          serviceName: SERVICE_NAME,
          natsUrl: config.NATS_URL,
          namespace: config.EVENT_NAMESPACE,
          consumer: consumerOptionsFrom(config),
        }),
        AuthModule.forRoot(remoteKeys(config)),
        TraceabilityCoreModule.forRoot(config),
        IdempotencyModule,
        DigitalLinkModule,
        JobsModule,
        ReadModelModule,
        GrowingAreasModule,
        PackingHousesModule,
        BatchesModule,
        SignaturesModule,
        SerialsModule,
        QrModule,
        LabelsModule,
        EpcisModule,
      ],
    };
  }
}
