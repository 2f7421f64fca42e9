import { Injectable } from '@nestjs/common';
import { LookupConfig } from '../config';

interface Entry {
  value: unknown;
  tags: readonly string[];
  expiresAt: number;
  touchedAt?: number;
}

/** Tags an entry carries so that an event can drop everything it touches: product, producer, batch. */
export const tags = {
  product: (id: string) => `p:${id}`,
  producer: (id: string) => `r:${id}`,
  batch: (id: string) => `b:${id}`,
  gtin: (gtin: string) => `g:${gtin}`,
};

/**
 * The in-process cache of the hot path: views and rendered answers by key, least recently used evicted first,
 * each with a TTL that only bounds a missed invalidation. Events drop entries by tag (see CacheInvalidation),
 * so a scan after a change never sees the old answer once the change's transaction has committed.
 */
@Injectable()
export class TaggedCache {
  private readonly entries = new Map<string, Entry>();
  private readonly byTag = new Map<string, Set<string>>();
  private readonly maxEntries: number;
  private readonly ttlMs: number;
  hits = 0;
  misses = 0;
  /**
   * Bumped by every invalidation. A loader notes it before reading the database and passes it to set(): a value
   * read before an invalidation that happened while it was being read is not cached (it may predate the commit).
   */
  version = 0;

  constructor(config: LookupConfig) {
    this.maxEntries = config.CACHE_MAX_ENTRIES;
    this.ttlMs = config.CACHE_TTL_SECONDS * 1000;
  }

  get size(): number {
    return this.entries.size;
  }

  get<T>(key: string, now = Date.now()): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) {
      this.misses++;
      return undefined;
    }
    if (entry.expiresAt <= now) {
      this.delete(key);
      this.misses++;
      return undefined;
    }
    // Map order is recency order: move the hit to the end, at most once a second per entry (re-inserting into a
    // 50,000-entry Map on every hit of a hot key cost 7% of the resolver's CPU; eviction needs no finer order).
    if (now - (entry.touchedAt ?? 0) >= 1000) {
      entry.touchedAt = now;
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    this.hits++;
    return entry.value as T;
  }

  set(key: string, value: unknown, entryTags: readonly string[], readAtVersion = this.version): void {
    if (this.maxEntries === 0 || readAtVersion !== this.version) return;
    this.delete(key);
    this.entries.set(key, { value, tags: entryTags, expiresAt: Date.now() + this.ttlMs });
    for (const tag of entryTags) {
      let keys = this.byTag.get(tag);
      if (!keys) this.byTag.set(tag, (keys = new Set()));
      keys.add(key);
    }
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.delete(oldest);
    }
  }

  invalidate(tag: string): void {
    this.version++;
    const keys = this.byTag.get(tag);
    if (!keys) return;
    this.byTag.delete(tag);
    for (const key of keys) this.delete(key);
  }

  clear(): void {
    this.version++;
    this.entries.clear();
    this.byTag.clear();
  }

  private delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    for (const tag of entry.tags) {
      const keys = this.byTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) this.byTag.delete(tag);
    }
  }
}
