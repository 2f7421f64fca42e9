import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { maskConfigValue } from './mask-secrets';
import { isSecretProperty } from './production-secret';

export class ConfigError extends Error {
  constructor(
    readonly service: string,
    readonly problems: string[],
  ) {
    super(`Invalid configuration for ${service}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function describe(errors: ValidationError[], env: Record<string, string | undefined>): string[] {
  return errors.flatMap((e) => {
    const raw = env[e.property];
    // Masked before it is shortened: cutting first could drop the "@" that tells where a URL's password ends.
    const masked =
      raw === undefined || raw === ''
        ? undefined
        : maskConfigValue(e.property, raw, isSecretProperty(e.target ?? {}, e.property));
    const shown =
      masked === undefined
        ? 'it is not set'
        : `got "${masked.length > 60 ? masked.slice(0, 60) + '…' : masked}"`;
    return Object.values(e.constraints ?? {}).map((msg) => `${e.property}: ${msg} (${shown})`);
  });
}

/**
 * Reads the environment into a typed, validated config class. Every variable that is wrong is reported at once,
 * by name, so that an operator fixes a deployment in one pass instead of one crash per variable.
 */
export function loadConfig<T extends object>(
  service: string,
  cls: new () => T,
  env: Record<string, string | undefined> = process.env,
): T {
  const defined = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const instance = plainToInstance(cls, defined, {
    enableImplicitConversion: true,
    exposeDefaultValues: true,
  });
  const errors = validateSync(instance, {
    whitelist: true,
    forbidUnknownValues: true,
    stopAtFirstError: true,
  });
  if (errors.length) throw new ConfigError(service, describe(errors, env));
  return instance;
}
