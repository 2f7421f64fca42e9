import { DynamicModule, Module } from '@nestjs/common';
import { AuthModule, remoteKeys } from '@ocop/auth';
import { consumerOptionsFrom, MessagingModule } from '@ocop/messaging';
import { ServiceKitModule } from '@ocop/service-kit';
import { AdminUnitsModule } from './admin-units/admin-units.module';
import { CatalogueConfig } from './config';
import { catalogueEntities, catalogueMigrations, SERVICE_NAME } from './data-source';
import { ImportExportModule } from './import-export/import-export.module';
import { ProducersModule } from './producers/producers.module';
import { ProductsModule } from './products/products.module';
import { RatingEventsModule } from './rating-events/rating-events.module';
import { ReportsModule } from './reports/reports.module';
import { SearchModule } from './search/search.module';
import { TraceabilityEventsModule } from './traceability-events/traceability-events.module';

@Module({})
export class AppModule {
  static forRoot(config: CatalogueConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forRoot({
          serviceName: SERVICE_NAME,
          config,
          entities: catalogueEntities,
          migrations: catalogueMigrations,
        }),
        MessagingModule.forRoot({
          serviceName: SERVICE_NAME,
          natsUrl: config.NATS_URL,
          namespace: config.EVENT_NAMESPACE,
          consumer: consumerOptionsFrom(config),
        }),
        AuthModule.forRoot(remoteKeys(config)),
        AdminUnitsModule,
        ProducersModule,
        ProductsModule,
        SearchModule,
        ImportExportModule,
        RatingEventsModule,
        TraceabilityEventsModule,
        ReportsModule,
      ],
    };
  }
}
