import type { MapKey } from './pairRows.js';

const f64 = new Float64Array(1);
const i32 = new Int32Array(f64.buffer);

/** FNV-1a over UTF-16 code units for strings; a mixed bit pattern for numbers. */
function hashKey(k: MapKey): number {
  if (typeof k === 'string') {
    let h = 0x811c9dc5 | 0;
    for (let i = 0; i < k.length; i++) h = Math.imul(h ^ k.charCodeAt(i), 0x01000193);
    return h;
  }
  if (typeof k === 'number') {
    f64[0] = k === 0 ? 0 : k; // -0 and 0 are one key, as in a Map
    let h = Math.imul(i32[0] ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(i32[1], 0xc2b2ae35);
    h ^= h >>> 15;
    return Math.imul(h, 0x2c1b3c6d) ^ 0x5bd1e995;
  }
  return hashKey(`${typeof k}:${String(k)}`);
}

/**
 * An insert-only hash table from keys to int32 values on typed arrays (open addressing, linear
 * probing), sized once: for a million keys it is several times faster than a Map and allocates
 * no per-entry objects. Keys compare with SameValueZero, like a Map (`1` ≠ `'1'`, NaN = NaN).
 */
export class KeyTable {
  private readonly mask: number;
  private readonly slots: Int32Array; // entry index + 1, 0 = empty
  private readonly hashes: Int32Array;
  readonly keys: MapKey[] = [];
  readonly values: Int32Array;
  size = 0;

  constructor(capacity: number) {
    let cap = 16;
    while (cap < capacity * 2) cap *= 2;
    this.mask = cap - 1;
    this.slots = new Int32Array(cap);
    this.hashes = new Int32Array(cap);
    this.values = new Int32Array(Math.max(1, capacity));
  }

  private slotOf(k: MapKey, h: number): number {
    const { slots, hashes, keys, mask } = this;
    let s = h & mask;
    for (;;) {
      const e = slots[s];
      if (e === 0) return s;
      if (hashes[s] === h) {
        const other = keys[e - 1];
        if (other === k || (other !== other && k !== k)) return s;
      }
      s = (s + 1) & mask;
    }
  }

  /** The entry index of `k`, or -1. */
  find(k: MapKey): number {
    const s = this.slotOf(k, hashKey(k));
    return this.slots[s] - 1;
  }

  /** Inserts `k` with `value` if absent; returns the existing entry index, or -1 when inserted. */
  insert(k: MapKey, value: number): number {
    const h = hashKey(k);
    const s = this.slotOf(k, h);
    const e = this.slots[s];
    if (e !== 0) return e - 1;
    const idx = this.size++;
    this.keys.push(k);
    this.values[idx] = value;
    this.slots[s] = idx + 1;
    this.hashes[s] = h;
    return -1;
  }
}
