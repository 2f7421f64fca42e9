import { connectMessaging, deadLetterCommand } from '@ocop/messaging';
import { ServiceSpec } from '@ocop/service-kit';
import { AppModule } from './app.module';
import { IdentityConfig } from './config';
import { identityDataSourceOptions, SERVICE_NAME } from './data-source';

const HOUR_MS = 3600_000;

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
  // The public ways into an account get budgets per client address and hour of their own (decision 0034).
  routeRateLimits: (config) => ({
    'POST /registrations': { max: config.REGISTRATIONS_PER_ADDRESS_PER_HOUR, timeWindowMs: HOUR_MS },
    'POST /auth/password-reset': { max: config.PASSWORD_RESETS_PER_ADDRESS_PER_HOUR, timeWindowMs: HOUR_MS },
    'POST /auth/password-reset/confirm': {
      max: config.PASSWORD_RESETS_PER_ADDRESS_PER_HOUR,
      timeWindowMs: HOUR_MS,
    },
  }),
  commands: { dlq: deadLetterCommand },
};
