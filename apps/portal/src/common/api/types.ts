import type { components } from './schema.gen';

/** Component schemas of the merged document are named "<service>.<Schema>" (the gateway prefixes them). */
type Schemas = components['schemas'];
export type Schema<Name extends keyof Schemas> = Schemas[Name];

export type Account = Schema<'identity.AccountView'>;
export type SessionView = Omit<Schema<'SessionView'>, 'account'> & { account?: Account };
