import { connectMessaging, deadLetterCommand } from '@ocop/messaging';
import { ServiceSpec } from '@ocop/service-kit';
import { AppModule } from './app.module';
import { IdentityConfig } from './config';
import { identityDataSourceOptions, SERVICE_NAME } from './data-source';

/** Identity as it runs: main.ts serves it, integration tests build it with createServiceApp. */
export const identityService: ServiceSpec<IdentityConfig> = {
  name: SERVICE_NAME,
  title: 'OCOP identity',
  description:
    'Accounts, roles, login, refresh and API-key tokens. Access tokens are EdDSA JWTs; their public keys are at /.well-known/jwks.json.',
  configClass: IdentityConfig,
  module: (config) => AppModule.forRoot(config),
  dataSourceOptions: identityDataSourceOptions,
  connectMicroservices: connectMessaging,
  commands: { dlq: deadLetterCommand },
};
