export interface MessagingOptions {
  /** e.g. 'identity': the stream this service produces into, its durable consumer name and its RPC queue group. */
  serviceName: string;
  /** One or more nats:// URLs separated by commas. */
  natsUrl: string;
  /** Prefix of every subject and stream: 'ocop' in production, a random one per test file. */
  namespace: string;
  consumer?: {
    /** Deliveries of one event before it is dead-lettered (default 5). */
    maxAttempts?: number;
    /** Delay before redelivery after the n-th failure; the last entry repeats (default 1 s, 5 s, 15 s, 60 s). */
    backoffMs?: number[];
    /** How long JetStream waits for an ack before redelivering to any instance (default 30 s). */
    ackWaitMs?: number;
    /** Events handled at once by this instance, across all its streams (default 8). */
    concurrency?: number;
  };
  relay?: {
    /** Run the outbox relay in this process (default true). */
    enabled?: boolean;
    /** Outbox rows claimed and published per transaction (default 500). */
    batchSize?: number;
    /** Fallback poll when no NOTIFY arrives, e.g. for rows waiting out a retry delay (default 1 s). */
    idlePollMs?: number;
    /** Published rows are purged once older than this (default 7 days). */
    retentionMs?: number;
  };
}

export interface ResolvedMessagingOptions {
  serviceName: string;
  natsServers: string[];
  namespace: string;
  consumer: Required<NonNullable<MessagingOptions['consumer']>>;
  relay: Required<NonNullable<MessagingOptions['relay']>>;
}

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

// The service name becomes a subject token, a durable consumer name and a queue group: no dots or wildcards.
const SERVICE_NAME = /^[a-z][a-z0-9-]*$/;
const NAMESPACE = /^[a-z][a-z0-9_]{0,31}$/;
const DAY_MS = 24 * 60 * 60 * 1000;

export function resolveMessagingOptions(options: MessagingOptions): ResolvedMessagingOptions {
  if (!SERVICE_NAME.test(options.serviceName)) {
    throw new Error(`Messaging: serviceName "${options.serviceName}" must match ${SERVICE_NAME}`);
  }
  if (!NAMESPACE.test(options.namespace)) {
    throw new Error(`Messaging: namespace "${options.namespace}" must match ${NAMESPACE}`);
  }
  const natsServers = options.natsUrl
    .split(',')
    .map((url) => url.trim())
    .filter(Boolean);
  if (!natsServers.length) throw new Error('Messaging: natsUrl names no server');

  const consumer = {
    maxAttempts: options.consumer?.maxAttempts ?? 5,
    backoffMs: options.consumer?.backoffMs ?? [1000, 5000, 15000, 60000],
    ackWaitMs: options.consumer?.ackWaitMs ?? 30_000,
    concurrency: options.consumer?.concurrency ?? 8,
  };
  if (consumer.maxAttempts < 1 || consumer.concurrency < 1 || !consumer.backoffMs.length) {
    throw new Error(
      'Messaging: consumer.maxAttempts and consumer.concurrency must be ≥ 1, backoffMs not empty',
    );
  }
  const relay = {
    enabled: options.relay?.enabled ?? true,
    batchSize: options.relay?.batchSize ?? 500,
    idlePollMs: options.relay?.idlePollMs ?? 1000,
    retentionMs: options.relay?.retentionMs ?? 7 * DAY_MS,
  };
  if (relay.batchSize < 1) throw new Error('Messaging: relay.batchSize must be ≥ 1');
  return { serviceName: options.serviceName, natsServers, namespace: options.namespace, consumer, relay };
}

/** The consumer settings an operator tunes through the environment (BaseServiceConfig's EVENT_* variables). */
export function consumerOptionsFrom(config: {
  EVENT_MAX_ATTEMPTS: number;
  EVENT_RETRY_BACKOFF_MS: string;
}): NonNullable<MessagingOptions['consumer']> {
  return {
    maxAttempts: config.EVENT_MAX_ATTEMPTS,
    backoffMs: config.EVENT_RETRY_BACKOFF_MS.split(',').map((ms) => Number(ms.trim())),
  };
}
