/**
 * Deterministic hashing used to pick which events a perturbation touches. Selection by a hash of
 * the event's key (not by position) keeps the choice stable when fast-check shrinks the base
 * stream: removing one event never changes whether another is picked. No Math.random.
 */

/** Final avalanche of a 32-bit integer (lowbias32 by Chris Wellons). */
export function mix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a of `s`, salted with `seed` and avalanched: a 32-bit unsigned integer. */
export function hashString(s: string, seed: number): number {
  let h = (0x811c9dc5 ^ mix32(seed)) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}

/** A number in [0, 1) derived from `s` and `seed`. */
export function unitHash(s: string, seed: number): number {
  return hashString(s, seed) / 2 ** 32;
}

/**
 * Indices of `ids` ordered by their hash under `seed` (ties by position): take the first k to pick
 * k items. The order of two items never depends on which other items are present.
 */
export function rankByHash(ids: readonly string[], seed: number): number[] {
  const h = ids.map((id) => hashString(id, seed));
  return ids.map((_, i) => i).sort((a, b) => h[a] - h[b] || a - b);
}

/** The number of items a rate picks out of `n`: `round(rate × n)`, never more than n. */
export function countFor(rate: number, n: number): number {
  return Math.min(n, Math.round(rate * n + 1e-9));
}
