import { Injectable } from '@nestjs/common';
import { LookupConfig } from '../config';

/** A tag's generation: invalidate() bumps it, and an entry cached under an older generation is stale. */
interface Tag {
  generation: number;
}

interface Entry {
  value: unknown;
  tags: Tag[];
  generations: number[];
  expiresAt: number;
  touchedAt: number;
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
 *
 * A tag is a generation number rather than the set of its keys: invalidating is one increment and a read compares
 * the entry's few tags, where the sets cost every first scan of a unit a rehash of sets of tens of thousands of
 * keys (7% of the cold path's CPU, and its garbage).
 */
@Injectable()
export class TaggedCache {
  private readonly entries = new Map<string, Entry>();
  private tags = new Map<string, Tag>();
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

  /** Tags known (each a product, producer, batch or GTIN id): bounded, see set(). */
  get tagCount(): number {
    return this.tags.size;
  }

  get<T>(key: string, now = Date.now()): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) {
      this.misses++;
      return undefined;
    }
    if (entry.expiresAt <= now || isStale(entry)) {
      this.entries.delete(key);
      this.misses++;
      return undefined;
    }
    // Map order is recency order: move the hit to the end, at most once a second per entry (re-inserting into a
    // 50,000-entry Map on every hit of a hot key cost 7% of the resolver's CPU; eviction needs no finer order).
    if (now - entry.touchedAt >= 1000) {
      entry.touchedAt = now;
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    this.hits++;
    return entry.value as T;
  }

  set(key: string, value: unknown, entryTags: readonly string[], readAtVersion = this.version): void {
    if (this.maxEntries === 0 || readAtVersion !== this.version) return;
    // Tags are ids of products, producers, batches and GTINs, but scans of made-up GTINs create tags too: past a
    // bound, everything starts over (a miss each, never a stale answer).
    if (this.tags.size + entryTags.length > 4 * Math.max(this.maxEntries, 1_000)) this.clear();
    const tags = entryTags.map((name) => this.tag(name));
    const now = Date.now();
    this.entries.delete(key);
    this.entries.set(key, {
      value,
      tags,
      generations: tags.map((t) => t.generation),
      expiresAt: now + this.ttlMs,
      touchedAt: now,
    });
    while (this.entries.size > this.maxEntries) {
      this.entries.delete(this.entries.keys().next().value as string);
    }
  }

  invalidate(tag: string): void {
    this.version++;
    const state = this.tags.get(tag);
    if (state) state.generation++;
  }

  clear(): void {
    this.version++;
    this.entries.clear();
    this.tags = new Map();
  }

  private tag(name: string): Tag {
    let tag = this.tags.get(name);
    if (!tag) {
      tag = { generation: 0 };
      this.tags.set(name, tag);
    }
    return tag;
  }
}

function isStale(entry: Entry): boolean {
  for (let i = 0; i < entry.tags.length; i++) {
    if (entry.tags[i].generation !== entry.generations[i]) return true;
  }
  return false;
}
