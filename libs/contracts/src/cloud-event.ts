import { randomUUID } from 'node:crypto';

/**
 * CloudEvents 1.0 envelope (structured JSON mode) as it travels on JetStream.
 * `correlationid` and `schemaversion` are extension attributes (lower-case alphanumerics, as the spec requires):
 * the first ties an event to the request that caused it, the second versions the payload shape.
 */
export interface CloudEvent<T = unknown> {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  subject?: string;
  time: string;
  datacontenttype: 'application/json';
  schemaversion: number;
  correlationid?: string;
  data: T;
}

export interface NewCloudEvent<T> {
  type: string;
  source: string;
  subject?: string;
  data: T;
  schemaVersion?: number;
  correlationId?: string;
  id?: string;
  time?: Date;
}

export function createCloudEvent<T>(input: NewCloudEvent<T>): CloudEvent<T> {
  return {
    specversion: '1.0',
    id: input.id ?? randomUUID(),
    source: input.source,
    type: input.type,
    ...(input.subject ? { subject: input.subject } : {}),
    time: (input.time ?? new Date()).toISOString(),
    datacontenttype: 'application/json',
    schemaversion: input.schemaVersion ?? 1,
    ...(input.correlationId ? { correlationid: input.correlationId } : {}),
    data: input.data,
  };
}

/** Structural check for an envelope read off the wire; a message that fails it is dead-lettered, not retried. */
export function isCloudEvent(value: unknown): value is CloudEvent {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    v['specversion'] === '1.0' &&
    typeof v['id'] === 'string' &&
    v['id'].length > 0 &&
    typeof v['source'] === 'string' &&
    typeof v['type'] === 'string' &&
    typeof v['time'] === 'string' &&
    'data' in v
  );
}
