import { streamNameFor, streamSubjectsFor } from '@ocop/contracts';
import {
  AckPolicy,
  ConsumerConfig,
  DeliverPolicy,
  DiscardPolicy,
  JetStreamManager,
  nanos,
  RetentionPolicy,
  StorageType,
  StreamConfig,
} from 'nats';
import {
  JS_CONSUMER_ALREADY_EXISTS,
  JS_CONSUMER_NAME_IN_USE,
  JS_CONSUMER_NOT_FOUND,
  JS_STREAM_NAME_IN_USE,
  JS_STREAM_NOT_FOUND,
  jetStreamErrorCode,
} from './jetstream-errors';

/**
 * How long JetStream remembers a `Nats-Msg-Id`. It only has to cover a relay that published an outbox row and
 * died before marking it: the next relay pass re-publishes the same id within seconds and JetStream drops it.
 * A re-publish later than this (a relay down for longer) is stored twice, and the consumers' inbox drops it.
 */
export const DUPLICATE_WINDOW_MS = 2 * 60 * 1000;

/**
 * One stream per producing service. Limits retention with no age limit: events are facts that other services
 * may need again, and the lookup service rebuilds its read model by replaying whole streams from the start, so
 * nothing may expire by default. File storage so that a NATS restart loses nothing.
 */
export function streamConfigFor(
  namespace: string,
  service: string,
): Partial<StreamConfig> & { name: string } {
  return {
    name: streamNameFor(namespace, service),
    subjects: streamSubjectsFor(namespace, service),
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    discard: DiscardPolicy.Old,
    max_age: 0,
    duplicate_window: nanos(DUPLICATE_WINDOW_MS),
  };
}

/**
 * Creates the stream, or brings an existing one to the configuration above. The producing service owns its
 * stream (`owner`: create or update); a consuming service only creates it when missing (so that it can bind its
 * consumer whichever service boots first) and never changes the owner's settings. Safe to race.
 */
export async function ensureStream(
  jsm: JetStreamManager,
  namespace: string,
  service: string,
  role: 'owner' | 'consumer',
): Promise<void> {
  const desired = streamConfigFor(namespace, service);
  let existing: StreamConfig;
  try {
    existing = (await jsm.streams.info(desired.name)).config;
  } catch (err) {
    if (jetStreamErrorCode(err) !== JS_STREAM_NOT_FOUND) throw err;
    try {
      await jsm.streams.add(desired);
      return;
    } catch (addErr) {
      if (jetStreamErrorCode(addErr) !== JS_STREAM_NAME_IN_USE) throw addErr;
      existing = (await jsm.streams.info(desired.name)).config;
    }
  }
  const drifted =
    existing.subjects.join(',') !== desired.subjects?.join(',') ||
    existing.max_age !== desired.max_age ||
    existing.duplicate_window !== desired.duplicate_window ||
    existing.discard !== desired.discard;
  if (role === 'owner' && drifted) {
    // Storage and retention cannot change on a live stream; the rest can, in place.
    await jsm.streams.update(desired.name, {
      subjects: desired.subjects,
      max_age: desired.max_age,
      duplicate_window: desired.duplicate_window,
      discard: desired.discard,
    });
  }
}

export interface DurableConsumerSpec {
  stream: string;
  /** The consuming service's name: replicas that bind the same durable share its work. */
  durable: string;
  /** Subjects of this service's handlers on this stream. */
  filterSubjects: string[];
  /** The whole stream's subject, used as the filter when the server cannot take several. */
  streamSubject: string;
  ackWaitMs: number;
  /** `nc.info.version` of the server the consumer is created on. */
  serverVersion: string;
}

/** Several filter subjects on one consumer arrived with nats-server 2.10. */
export function supportsFilterSubjects(serverVersion: string): boolean {
  const [major, minor] = serverVersion.split('.').map(Number);
  return major > 2 || (major === 2 && minor >= 10);
}

export function durableConsumerConfig(spec: DurableConsumerSpec): Partial<ConsumerConfig> {
  return {
    durable_name: spec.durable,
    ack_policy: AckPolicy.Explicit,
    ack_wait: nanos(spec.ackWaitMs),
    // A new consumer starts at the beginning of the stream: a service added later catches up on history.
    deliver_policy: DeliverPolicy.All,
    // The consumer decides when to give up (dead-letter after maxAttempts); the server must never drop silently.
    max_deliver: -1,
    // Before 2.10 a consumer has one filter: take the whole stream (one that never changes, because 2.9 cannot
    // update a filter) and acknowledge at once the events this service has no handler for.
    ...(supportsFilterSubjects(spec.serverVersion)
      ? { filter_subjects: [...spec.filterSubjects].sort(), filter_subject: undefined }
      : { filter_subject: spec.streamSubject }),
  };
}

/**
 * Creates the durable pull consumer or updates its filter and ack wait; concurrent replicas creating the same
 * consumer at boot end with the same one.
 */
export async function ensureDurableConsumer(jsm: JetStreamManager, spec: DurableConsumerSpec): Promise<void> {
  const desired = durableConsumerConfig(spec);
  let existing: ConsumerConfig;
  try {
    existing = (await jsm.consumers.info(spec.stream, spec.durable)).config;
  } catch (err) {
    if (jetStreamErrorCode(err) !== JS_CONSUMER_NOT_FOUND) throw err;
    try {
      await jsm.consumers.add(spec.stream, desired);
      return;
    } catch (addErr) {
      const code = jetStreamErrorCode(addErr);
      if (code !== JS_CONSUMER_NAME_IN_USE && code !== JS_CONSUMER_ALREADY_EXISTS) throw addErr;
      existing = (await jsm.consumers.info(spec.stream, spec.durable)).config;
    }
  }
  const sameFilter =
    (existing.filter_subject ?? '') === (desired.filter_subject ?? '') &&
    (existing.filter_subjects ?? []).join(',') === (desired.filter_subjects ?? []).join(',');
  if (!sameFilter || existing.ack_wait !== desired.ack_wait) {
    await jsm.consumers.update(spec.stream, spec.durable, desired);
  }
}
