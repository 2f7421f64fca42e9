import fastifyCookie from '@fastify/cookie';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ServiceSpec } from '@ocop/service-kit';
import { AppModule } from './app.module';
import { GatewayConfig } from './config';
import { gatewayDataSourceOptions, SERVICE_NAME } from './data-source';
import { mergedOpenApi } from './openapi/merged-openapi';
import { servePortal } from './portal/portal-pages';
import { registerProxy } from './proxy/proxy';
import { SessionsService } from './sessions/sessions.service';

async function configureHttp(app: NestFastifyApplication, config: GatewayConfig): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  await fastify.register(fastifyCookie);
  await registerProxy(fastify, config, app.get(SessionsService));
  // Built on each request from the services' live documents: always the reference of what is running.
  fastify.get('/api/openapi.json', () => mergedOpenApi(fastify, config));
  // Swagger UI loads the merged document from its URL (an empty inline spec makes it fetch swaggerUrl).
  SwaggerModule.setup('api/docs', app, {} as OpenAPIObject, { swaggerUrl: '/api/openapi.json', raw: false });
  await servePortal(fastify, config);
}

/** The gateway as it runs: main.ts serves it, integration tests start the built bundle with the platform. */
export const gatewayService: ServiceSpec<GatewayConfig> = {
  name: SERVICE_NAME,
  title: 'OCOP gateway',
  description:
    'Cổng vào duy nhất của cổng thông tin: phiên đăng nhập, API của mọi dịch vụ dưới /api/<dịch vụ> / The ' +
    'portal’s one front door: sessions, and every service’s API under /api/<service>.',
  configClass: GatewayConfig,
  module: (config) => AppModule.forRoot(config),
  dataSourceOptions: gatewayDataSourceOptions,
  configureHttp,
};
