import { EVENT_TYPE_ROOT, natsSubjectFor, owningService, streamNameFor, streamSubjectsFor } from '@ocop/contracts';

/** NATS subject matching on event types: `*` is one token, a trailing `>` one or more. */
export function typeMatches(pattern: string, type: string): boolean {
  const p = pattern.split('.');
  const t = type.split('.');
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '>') return t.length > i;
    if (i >= t.length || (p[i] !== '*' && p[i] !== t[i])) return false;
  }
  return p.length === t.length;
}

/** `<namespace>.catalogue.product.updated` → `ocop.catalogue.product.updated`; undefined for a foreign subject. */
export function eventTypeOfSubject(namespace: string, subject: string): string | undefined {
  const prefix = `${namespace}.`;
  return subject.startsWith(prefix) ? `${EVENT_TYPE_ROOT}.${subject.slice(prefix.length)}` : undefined;
}

export interface StreamSubscription {
  /** The producing service. */
  service: string;
  stream: string;
  streamSubject: string;
  /** NATS subjects of this consumer's handlers on that stream. */
  subjects: string[];
}

const SERVICE_TOKEN = /^[a-z][a-z0-9-]*$/;

/** Groups handler patterns by the stream that carries them: one durable consumer per producing service. */
export function subscriptionsFor(namespace: string, patterns: string[]): StreamSubscription[] {
  const byService = new Map<string, StreamSubscription>();
  for (const pattern of patterns) {
    const service = owningService(pattern);
    if (!SERVICE_TOKEN.test(service)) {
      throw new Error(`@OnEvent('${pattern}') must name the producing service: events are read from its stream`);
    }
    const entry = byService.get(service) ?? {
      service,
      stream: streamNameFor(namespace, service),
      streamSubject: streamSubjectsFor(namespace, service)[0],
      subjects: [],
    };
    entry.subjects.push(natsSubjectFor(namespace, pattern));
    byService.set(service, entry);
  }
  return [...byService.values()];
}
