import { messagingEntities, messagingMigrations } from '@ocop/messaging';
import { serviceDataSourceOptions } from '@ocop/persistence';
import { DataSourceOptions } from 'typeorm';
import { Account } from './accounts/account.entity';
import { Invitation } from './accounts/invitation.entity';
import { ApiKey } from './api-keys/api-key.entity';
import { AuditEntry } from './audit/audit-entry.entity';
import { LoginAttempts } from './auth/login-attempts.entity';
import { RefreshToken, RefreshTokenFamily } from './auth/refresh-token.entity';
import { IdentityConfig } from './config';
import { SigningKey } from './keys/signing-key.entity';
import { PasswordReset } from './self-service/password-reset.entity';
import { IdentitySchema1732900000000 } from './migrations/1732900000000-identity-schema';
import { PasswordChangeRequired1765000000000 } from './migrations/1765000000000-password-change-required';
import { PasswordResets1765100000000 } from './migrations/1765100000000-password-resets';

export const SERVICE_NAME = 'identity';

export const identityEntities = [
  Account,
  Invitation,
  LoginAttempts,
  RefreshTokenFamily,
  RefreshToken,
  SigningKey,
  ApiKey,
  AuditEntry,
  PasswordReset,
  ...messagingEntities,
];

export const identityMigrations = [
  ...messagingMigrations,
  IdentitySchema1732900000000,
  PasswordChangeRequired1765000000000,
  PasswordResets1765100000000,
];

export function identityDataSourceOptions(config: IdentityConfig): DataSourceOptions {
  return serviceDataSourceOptions({
    url: config.DATABASE_URL,
    serviceName: SERVICE_NAME,
    entities: identityEntities,
    migrations: identityMigrations,
    poolSize: config.DB_POOL_SIZE,
    logSql: config.LOG_SQL,
  });
}
