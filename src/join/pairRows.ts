import { badRow, type Row } from '../dataset/toRows.js';
import { fingerprint } from './_internal/fingerprint.js';
import { pairRowsExact } from './_internal/pairRowsExact.js';
import { NO_KEY, type CompiledKey } from './keys.js';

export type MapKey = string | number | bigint | boolean;

/** A key occurring on more than one row of a side. */
export interface DuplicateKey {
  /** Index of its first row. */
  first: number;
  rows: number;
}

/** One-to-one pairing of legacy and shadow rows by key; see {@link pairRows}. */
export interface Pairing {
  /** For each legacy row, the index of its shadow partner, or -1 when it has none one-to-one. */
  pair: Int32Array;
  matched: number;
  /** Legacy rows whose key is unique in legacy and absent from shadow, ascending. */
  missing: number[];
  /** Shadow rows whose key is unique in shadow and absent from legacy, ascending. */
  extra: number[];
  /** Legacy rows unique in legacy whose key is duplicated in shadow. */
  ambiguous: number;
  /** Keys on several legacy rows, in the order their second row appears. */
  legacyDuplicates: Map<MapKey, DuplicateKey>;
  shadowDuplicates: Map<MapKey, DuplicateKey>;
  legacyDuplicateRows: number;
  shadowDuplicateRows: number;
  legacyMissingKey: number[];
  shadowMissingKey: number[];
}

/** Writes a key's 64-bit fingerprint into `out` (two int32 halves). */
export type Fingerprinter = (k: MapKey, out: Int32Array) => void;

/** Thrown inside {@link pairRows} when two different keys share a fingerprint. */
class FingerprintCollision extends Error {}

// Table slot layout (int32s): fingerprint low, fingerprint high, shadow state, legacy state.
// A state is -1 (no row), a row index (exactly one row), or -2 - d (several rows; dup record d).
const STRIDE = 4;
const NONE = -1;

/** Rows of one side that share a key: first row, count, and the row where it became a duplicate. */
class Duplicates {
  first: number[] = [];
  rows: number[] = [];
  second: number[] = [];
  add(first: number, second: number): number {
    this.first.push(first);
    this.rows.push(2);
    this.second.push(second);
    return -2 - (this.first.length - 1);
  }
}

/**
 * Pairs legacy and shadow rows one-to-one by key. A key on more than one row of either side is
 * recorded as a duplicate and paired with nothing, never fanned out; rows without a key are
 * listed per side.
 *
 * Built for rows in different orders on the two sides (two pipelines rarely write in the same
 * order): each side is read once in its own array order, each key is reduced to a 64-bit
 * fingerprint, and one open-addressing table on typed arrays holds, per fingerprint, both
 * sides' state in one cache line. A lookup therefore touches the table only, never the other
 * side's rows or key strings, so a shuffled side costs about what an ordered one does. Every
 * pairing and every duplicate is then verified against the keys themselves (SameValueZero); if
 * two different keys ever share a fingerprint (about 2^-64 per pair), the exact key-by-key
 * pairing runs instead and gives the result.
 *
 * @example
 * const p = pairRows('compareEvents', legacyRows, shadowRows, compileKey('compareEvents', 'eventId'));
 * p.pair[0]; // => index of legacy row 0's shadow partner, or -1
 */
export function pairRows(
  fn: string,
  lrows: readonly Row[],
  srows: readonly Row[],
  key: CompiledKey,
  fp: Fingerprinter = fingerprint,
): Pairing {
  try {
    return pairByFingerprint(fn, lrows, srows, key, fp);
  } catch (e) {
    if (e instanceof FingerprintCollision) return pairRowsExact(fn, lrows, srows, key);
    throw e;
  }
}

/** Each side's fingerprints, read once in the side's own array order, and its keys on demand. */
interface SideKeys {
  /** 1 where the row has a key. */
  present: Uint8Array;
  fa: Int32Array;
  fb: Int32Array;
  noKey: number[];
  /** The key of row r (a row with a key). */
  keyAt(r: number): MapKey;
}

/**
 * Reads one side's keys into fingerprints. Shadow keys are kept (the verification reads them at
 * the paired shadow index, in legacy order); legacy keys are not: they are read again in legacy
 * order when verified, so a composite key's string dies young instead of filling the old
 * generation twice over.
 */
function readSide(fn: string, side: 'legacy' | 'shadow', rows: readonly Row[], key: CompiledKey, fp: Fingerprinter): SideKeys {
  const n = rows.length;
  const out = new Int32Array(2);
  const present = new Uint8Array(n);
  const fa = new Int32Array(n);
  const fb = new Int32Array(n);
  const noKey: number[] = [];
  const legacy = side === 'legacy';
  // Shadow keys by row index (undefined for a row without a key); filled by push, since a large
  // `new Array(n)` starts in V8's slow dictionary mode.
  const keys: (MapKey | undefined)[] = [];
  // Shadow takes three short loops rather than one long one: when its rows lie in memory in
  // another order than the array, every row and every key string is a cache miss, and a short
  // loop whose iterations are independent has many of those misses in flight at once.
  for (let r = 0; r < n; r++) {
    const row = rows[r];
    if (row === null || typeof row !== 'object') badRow(fn, side, r, row);
    const k = key.read(row);
    if (k === NO_KEY) {
      noKey.push(r);
      if (!legacy) keys.push(undefined);
    } else if (!legacy) keys.push(k);
    else {
      present[r] = 1;
      fp(k, out);
      fa[r] = out[0];
      fb[r] = out[1];
    }
  }
  if (legacy) return { present, fa, fb, noKey, keyAt: (r) => key.read(rows[r]) as MapKey };
  let touched = 0;
  for (let r = 0; r < n; r++) {
    const k = keys[r];
    if (typeof k === 'string') touched += k.length;
  }
  for (let r = 0; r < n; r++) {
    const k = keys[r];
    if (k === undefined) continue;
    present[r] = 1;
    fp(k, out);
    fa[r] = out[0];
    fb[r] = out[1];
  }
  if (touched < 0) throw new Error('unreachable');
  return { present, fa, fb, noKey, keyAt: (r) => keys[r] as MapKey };
}

/**
 * Row indices of one side grouped by partition (the top `bits` of the fingerprint), stable
 * within a partition, with the fingerprints moved along so a partition reads contiguously.
 */
function partition(side: SideKeys, bits: number, P: number) {
  const n = side.fa.length;
  const { fa, fb, present } = side;
  const shift = 32 - bits;
  const start = new Int32Array(P + 1);
  for (let r = 0; r < n; r++) if (present[r] === 1) start[(fa[r] >>> shift) + 1]++;
  for (let p = 0; p < P; p++) start[p + 1] += start[p];
  const at = start.slice(0, P);
  const m = start[P];
  const idx = new Int32Array(m);
  const pa = new Int32Array(m);
  const pb = new Int32Array(m);
  for (let r = 0; r < n; r++) {
    if (present[r] === 0) continue;
    const a = fa[r];
    const q = at[a >>> shift]++;
    idx[q] = r;
    pa[q] = a;
    pb[q] = fb[r];
  }
  return { start, idx, pa, pb };
}

function pairByFingerprint(fn: string, lrows: readonly Row[], srows: readonly Row[], key: CompiledKey, fp: Fingerprinter): Pairing {
  const S = srows.length;
  const L = lrows.length;
  const sk = readSide(fn, 'shadow', srows, key, fp);
  const lk = readSide(fn, 'legacy', lrows, key, fp);
  // Partitions of about 4,096 keys per side: each partition's table (16 bytes a slot, twice the
  // keys) stays in the core's cache while it is built and probed.
  let bits = 1; // at least one: a shift by 32 is a shift by 0 in JS
  while (bits < 16 && Math.max(S, L) >> bits > 4096) bits++;
  const P = 1 << bits;
  const sp = partition(sk, bits, P);
  const lp = partition(lk, bits, P);
  const sdup = new Duplicates();
  const ldup = new Duplicates();
  const pair = new Int32Array(L).fill(-1);
  const missing: number[] = [];
  const extra: number[] = [];
  let matched = 0;
  let ambiguous = 0;
  let table = new Int32Array(0);
  for (let p = 0; p < P; p++) {
    const s0 = sp.start[p];
    const s1 = sp.start[p + 1];
    const l0 = lp.start[p];
    const l1 = lp.start[p + 1];
    const count = s1 - s0 + (l1 - l0);
    if (count === 0) continue;
    let cap = 16;
    while (cap < count * 2) cap *= 2;
    const mask = cap - 1;
    if (table.length < cap * STRIDE) table = new Int32Array(cap * STRIDE);
    table.fill(NONE, 0, cap * STRIDE);
    // Shadow rows of the partition, then legacy rows: per fingerprint, each side's state.
    for (let side = 0; side < 2; side++) {
      const part = side === 0 ? sp : lp;
      const from = side === 0 ? s0 : l0;
      const to = side === 0 ? s1 : l1;
      const st = side === 0 ? 2 : 3;
      const dup = side === 0 ? sdup : ldup;
      const keyAt = side === 0 ? sk.keyAt : lk.keyAt;
      const { idx, pa, pb } = part;
      for (let q = from; q < to; q++) {
        const a = pa[q];
        const b = pb[q];
        let t = (Math.imul(a ^ b, 0x9e3779b1) >>> 0) & mask;
        for (;;) {
          const o = t * STRIDE;
          if (table[o + 2] === NONE && table[o + 3] === NONE) {
            table[o] = a;
            table[o + 1] = b;
            table[o + st] = idx[q];
            break;
          }
          if (table[o] === a && table[o + 1] === b) {
            const cur = table[o + st];
            const r = idx[q];
            if (cur === NONE) table[o + st] = r;
            else if (cur >= 0) {
              if (!sameKey(keyAt(cur), keyAt(r))) throw new FingerprintCollision();
              table[o + st] = dup.add(cur, r);
            } else {
              const d = -2 - cur;
              if (!sameKey(keyAt(dup.first[d]), keyAt(r))) throw new FingerprintCollision();
              dup.rows[d]++;
            }
            break;
          }
          t = (t + 1) & mask;
        }
      }
    }
    // Classify every key of the partition.
    for (let o = 0; o < cap * STRIDE; o += STRIDE) {
      const s = table[o + 2];
      const l = table[o + 3];
      if (s === NONE) {
        if (l >= 0) missing.push(l);
        continue;
      }
      if (l === NONE) {
        if (s >= 0) extra.push(s);
        continue;
      }
      if (s >= 0 && l >= 0) {
        pair[l] = s; // verified below, in legacy order
        matched++;
        continue;
      }
      // A key on several rows of one side that the other side has too: check it is one key.
      const a = sk.keyAt(s >= 0 ? s : sdup.first[-2 - s]);
      const b = lk.keyAt(l >= 0 ? l : ldup.first[-2 - l]);
      if (!sameKey(a, b)) throw new FingerprintCollision();
      if (l >= 0) ambiguous++;
    }
  }
  // Both sides' keys of a pairing share a fingerprint; check that they are the same key.
  // Legacy is read in its own order; a shuffled shadow costs one random read per pair here.
  for (let i = 0; i < L; i++) {
    const j = pair[i];
    if (j >= 0 && !sameKey(lk.keyAt(i), sk.keyAt(j))) throw new FingerprintCollision();
  }
  missing.sort((a, b) => a - b);
  extra.sort((a, b) => a - b);
  return withDuplicateRows({
    pair,
    matched,
    missing,
    extra,
    ambiguous,
    legacyDuplicates: duplicateMap(ldup, lk.keyAt),
    shadowDuplicates: duplicateMap(sdup, sk.keyAt),
    legacyMissingKey: lk.noKey,
    shadowMissingKey: sk.noKey,
  });
}

/** A pairing with its duplicate row totals summed from the duplicate maps. */
export function withDuplicateRows(p: Omit<Pairing, 'legacyDuplicateRows' | 'shadowDuplicateRows'>): Pairing {
  let legacyDuplicateRows = 0;
  for (const d of p.legacyDuplicates.values()) legacyDuplicateRows += d.rows;
  let shadowDuplicateRows = 0;
  for (const d of p.shadowDuplicates.values()) shadowDuplicateRows += d.rows;
  return { ...p, legacyDuplicateRows, shadowDuplicateRows };
}

/** SameValueZero on keys (NaN never reaches here: it is no key). */
function sameKey(a: unknown, b: unknown): boolean {
  return a === b;
}

/** Duplicate records as the Map the reports read, in the order each key's second row appears. */
function duplicateMap(dup: Duplicates, keyAt: (r: number) => MapKey): Map<MapKey, DuplicateKey> {
  const order = dup.first.map((_, d) => d).sort((x, y) => dup.second[x] - dup.second[y]);
  const m = new Map<MapKey, DuplicateKey>();
  for (const d of order) m.set(keyAt(dup.first[d]), { first: dup.first[d], rows: dup.rows[d] });
  return m;
}
