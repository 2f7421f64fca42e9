import { join } from 'node:path';

/** What a TypeScript benchmark uses of tools/dev/services.mjs, the one source of how a service is launched. */
export interface ServiceLaunch {
  serviceCommand(service: string): string[];
  migrateCommand(service: string): string[];
  bundleOf(service: string): string;
  benchEnv(
    service: string,
    options?: { portBase?: number; dbPrefix?: string; namespace?: string },
  ): Record<string, string>;
}

/**
 * services.mjs is an ES module; ts-node (CommonJS) would turn a plain import() into require(), which cannot load
 * it, hence the indirection.
 */
export function serviceLaunch(): Promise<ServiceLaunch> {
  const load = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<ServiceLaunch>;
  return load(join(__dirname, '../dev/services.mjs'));
}
