/**
 * Subject naming. An event type is `ocop.<service>.<entity>.<event>`; on NATS it is published under the
 * deployment's namespace (`ocop` in production, a random one per test run so that parallel runs never see
 * each other's messages). Request-reply subjects live under `<namespace>.rpc.` so that no event stream,
 * which captures `<namespace>.<service>.>`, ever stores a question.
 */
export const EVENT_TYPE_ROOT = 'ocop';

const TOKEN = /^[a-z][a-z0-9-]*$/;

export function eventType(service: string, entity: string, event: string): string {
  for (const part of [service, entity, event]) {
    if (!TOKEN.test(part)) throw new Error(`Invalid subject token "${part}"`);
  }
  return `${EVENT_TYPE_ROOT}.${service}.${entity}.${event}`;
}

/** `ocop.catalogue.product.updated` → `<namespace>.catalogue.product.updated` (also for wildcards). */
export function natsSubjectFor(namespace: string, typeOrPattern: string): string {
  const prefix = `${EVENT_TYPE_ROOT}.`;
  if (!typeOrPattern.startsWith(prefix))
    throw new Error(`Event type must start with "${prefix}": ${typeOrPattern}`);
  return `${namespace}.${typeOrPattern.slice(prefix.length)}`;
}

/** The service that owns an event type: `ocop.catalogue.product.updated` → `catalogue`. */
export function owningService(typeOrPattern: string): string {
  const parts = typeOrPattern.split('.');
  if (parts.length < 3 || parts[0] !== EVENT_TYPE_ROOT)
    throw new Error(`Not an OCOP event type: ${typeOrPattern}`);
  return parts[1];
}

/** One stream per producing service: `OCOP_CATALOGUE`, or `T1A2B3_CATALOGUE` in a test namespace. */
export function streamNameFor(namespace: string, service: string): string {
  return `${namespace}_${service}`.toUpperCase().replace(/[^A-Z0-9_]/g, '_');
}

export function streamSubjectsFor(namespace: string, service: string): string[] {
  return [`${namespace}.${service}.>`];
}

export function rpcSubjectFor(namespace: string, name: string): string {
  return `${namespace}.rpc.${name}`;
}
