import {
  EVENT_TYPE_ROOT,
  natsSubjectFor,
  owningService,
  streamNameFor,
  streamSubjectsFor,
} from '@ocop/contracts';

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

/** Whether every subject `inner` matches is also matched by `outer` (both may hold wildcards). */
export function patternCovers(outer: string, inner: string): boolean {
  const o = outer.split('.');
  const i = inner.split('.');
  for (let k = 0; k < o.length; k++) {
    if (o[k] === '>') return i.length > k;
    if (k >= i.length || i[k] === '>' || (o[k] !== '*' && o[k] !== i[k])) return false;
  }
  return o.length === i.length;
}

/** Whether some subject matches both patterns. */
export function patternsIntersect(a: string, b: string): boolean {
  const x = a.split('.');
  const y = b.split('.');
  for (let k = 0; k < Math.min(x.length, y.length); k++) {
    if (x[k] === '>' || y[k] === '>') return true;
    if (x[k] !== '*' && y[k] !== '*' && x[k] !== y[k]) return false;
  }
  return x.length === y.length;
}

/**
 * Filter subjects a server accepts (nats-server 2.10 rejects overlapping ones): patterns covered by another are
 * dropped, and two that merely intersect (`a.*.c`, `a.b.*`) make the whole stream the filter.
 */
export function filterSubjectsFor(subjects: string[], streamSubject: string): string[] {
  const unique = [...new Set(subjects)];
  const kept = unique.filter((s) => !unique.some((other) => other !== s && patternCovers(other, s)));
  const overlapping = kept.some((s, i) => kept.slice(i + 1).some((other) => patternsIntersect(s, other)));
  return overlapping ? [streamSubject] : kept;
}

export interface StreamSubscription {
  /** The producing service. */
  service: string;
  stream: string;
  streamSubject: string;
  /** NATS subjects of this consumer's handlers on that stream, as a consumer filter (no two overlap). */
  subjects: string[];
}

const SERVICE_TOKEN = /^[a-z][a-z0-9-]*$/;

/** Groups handler patterns by the stream that carries them: one durable consumer per producing service. */
export function subscriptionsFor(namespace: string, patterns: string[]): StreamSubscription[] {
  const byService = new Map<string, StreamSubscription>();
  for (const pattern of patterns) {
    const service = owningService(pattern);
    if (!SERVICE_TOKEN.test(service)) {
      throw new Error(
        `@OnEvent('${pattern}') must name the producing service: events are read from its stream`,
      );
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
  return [...byService.values()].map((entry) => ({
    ...entry,
    subjects: filterSubjectsFor(entry.subjects, entry.streamSubject),
  }));
}
