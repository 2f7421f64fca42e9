import { LookupConfig } from '../config';
import { TaggedCache, tags } from './tagged-cache';

function cache(maxEntries = 100): TaggedCache {
  return new TaggedCache(Object.assign(new LookupConfig(), { CACHE_MAX_ENTRIES: maxEntries }));
}

describe('TaggedCache', () => {
  it('drops exactly the entries carrying an invalidated tag', () => {
    const c = cache();
    c.set('a', 'product A', [tags.product('A'), tags.gtin('1')]);
    c.set('b', 'product B', [tags.product('B'), tags.gtin('2')]);
    c.set('a-unit', 'unit of A', [tags.gtin('1')]);
    c.invalidate(tags.gtin('1'));
    expect(c.get('a')).toBeUndefined();
    expect(c.get('a-unit')).toBeUndefined();
    expect(c.get('b')).toBe('product B');
    // Cached again after the change: fresh, and a later invalidation of another tag leaves it.
    c.set('a', 'product A v2', [tags.product('A'), tags.gtin('1')]);
    c.invalidate(tags.product('B'));
    expect(c.get('a')).toBe('product A v2');
    expect(c.get('b')).toBeUndefined();
  });

  it('does not cache a value read before an invalidation that happened while it was read', () => {
    const c = cache();
    const readAt = c.version;
    c.invalidate(tags.product('A'));
    c.set('a', 'read before the change', [tags.product('A')], readAt);
    expect(c.get('a')).toBeUndefined();
  });

  it('evicts the least recently used entry beyond its size', () => {
    const c = cache(2);
    c.set('a', 1, []);
    c.set('b', 2, []);
    c.set('c', 3, []);
    expect(c.get('a')).toBeUndefined();
    expect([c.get('b'), c.get('c')]).toEqual([2, 3]);
  });

  it('starts over rather than growing without bound when scans invent tags (made-up GTINs)', () => {
    const c = cache(1000);
    for (let i = 0; i < 10_000; i++) {
      c.set(`fake-${i}`, null, [tags.gtin(String(i))]);
      expect(c.tagCount).toBeLessThanOrEqual(4000);
    }
    expect(c.size).toBeLessThanOrEqual(1000);
    // Tags still work after starting over.
    c.set('real', 'again', [tags.product('A')]);
    c.invalidate(tags.product('A'));
    expect(c.get('real')).toBeUndefined();
  });
});
