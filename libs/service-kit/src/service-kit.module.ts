import {
  DynamicModule,
  Global,
  Injectable,
  MiddlewareConsumer,
  Module,
  NestModule,
  OnModuleInit,
} from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { serviceDataSourceOptions } from '@ocop/persistence';
import { LoggerModule } from 'nestjs-pino';
import { DataSource, EntitySchema, MixedList } from 'typeorm';
import { BaseServiceConfig } from './config/base-config';
import { RequestContextMiddleware } from './context/request-context.middleware';
import { HealthController } from './health/health.controller';
import { Readiness } from './health/readiness';
import { loggerParams } from './logging/logging';
import { Metrics, MetricsController } from './metrics/metrics';

export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');
export const SERVICE_NAME = Symbol('SERVICE_NAME');

export interface ServiceKitOptions {
  serviceName: string;
  config: BaseServiceConfig;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
}

@Injectable()
class DatabaseReadiness implements OnModuleInit {
  constructor(
    private readonly readiness: Readiness,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.readiness.register('database', async () => {
      await this.dataSource.query('SELECT 1');
    });
  }
}

/**
 * What every service has in common: its config, logging with request/correlation ids, its database, health,
 * metrics. A service's AppModule imports `ServiceKitModule.forRoot(...)` once.
 */
@Global()
@Module({})
export class ServiceKitModule implements NestModule {
  static forRoot(options: ServiceKitOptions): DynamicModule {
    const { config } = options;
    return {
      module: ServiceKitModule,
      imports: [
        LoggerModule.forRoot(loggerParams(options.serviceName, config.LOG_LEVEL)),
        TerminusModule.forRoot({ logger: false }),
        TypeOrmModule.forRoot(
          serviceDataSourceOptions({
            url: config.DATABASE_URL,
            serviceName: options.serviceName,
            entities: options.entities,
            migrations: options.migrations,
            poolSize: config.DB_POOL_SIZE,
            logSql: config.LOG_SQL,
          }),
        ),
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: SERVICE_CONFIG, useValue: config },
        { provide: SERVICE_NAME, useValue: options.serviceName },
        Readiness,
        Metrics,
        DatabaseReadiness,
      ],
      exports: [SERVICE_CONFIG, SERVICE_NAME, Readiness, Metrics],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestContextMiddleware).forRoutes('*');
  }
}
