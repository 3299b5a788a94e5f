import { badRow, type Row } from '../dataset/toRows.js';
import { fingerprint, fingerprintTuple } from './_internal/fingerprint.js';
import { pairRowsExact } from './_internal/pairRowsExact.js';
import { Scratch } from './_internal/Scratch.js';
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

/**
 * Thrown when two different keys share a fingerprint: inside {@link pairRows}, or by a caller
 * that took the pairing unverified and found a pair whose keys differ (it then pairs again with
 * pairRowsExact).
 */
export class FingerprintCollision extends Error {}

// Table slot layout (int32s): fingerprint low, fingerprint high, shadow state, legacy state.
// A state is -1 (no row), a row index (exactly one row), or -2 - d (several rows; dup record d).
const STRIDE = 4;
const NONE = -1;

/**
 * Rows of one side that share a key: its first row, count, and the row where it became a
 * duplicate (its second row). Rows arrive in any order (partitions are not stable), so the two
 * smallest row indices are kept.
 */
class Duplicates {
  first: number[] = [];
  rows: number[] = [];
  second: number[] = [];
  add(a: number, b: number): number {
    this.first.push(a < b ? a : b);
    this.rows.push(2);
    this.second.push(a < b ? b : a);
    return -2 - (this.first.length - 1);
  }
  more(d: number, r: number): void {
    this.rows[d]++;
    if (r < this.first[d]) {
      this.second[d] = this.first[d];
      this.first[d] = r;
    } else if (r < this.second[d]) this.second[d] = r;
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
 * @param fp - the fingerprint of a key (tests pass one that collides)
 * @param scratch - where the fingerprints live (see Scratch; reset on return for the caller's reuse)
 * @param verify - false leaves the pairs' keys unchecked: the caller must check each pair with
 *   `key.same` and, on a pair whose keys differ, throw {@link FingerprintCollision} and pair again
 *   with pairRowsExact (compareEvents does, in its field loop, which reads every pair anyway).
 *   Duplicates and unpaired keys are always checked here.
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
  scratch?: Scratch,
  verify = true,
): Pairing {
  const mem = scratch ?? new Scratch(12 * (lrows.length + srows.length));
  try {
    return pairByFingerprint(fn, lrows, srows, key, fp, mem, verify);
  } catch (e) {
    if (e instanceof FingerprintCollision) return pairRowsExact(fn, lrows, srows, key);
    throw e;
  } finally {
    mem.reset();
  }
}

/**
 * One side's keyed rows as fingerprints, read once in the side's own array order: entry q is row
 * `idx[q]` with fingerprint (`fa[q]`, `fb[q]`); `m` entries (the rows with a key), grouped by
 * partition once {@link partition} has run. Keys are read again from the rows on demand.
 */
interface SideKeys {
  m: number;
  idx: Int32Array;
  fa: Int32Array;
  fb: Int32Array;
  noKey: number[];
  /** The key of row r (a row with a key). */
  keyAt(r: number): MapKey;
}

/**
 * Reads one side's keys into fingerprints, in the side's own array order. No key is kept: a key
 * is read again from its row when a pairing or a duplicate is verified, so nothing the size of
 * the input is allocated on the JS heap (a million-entry array would be promoted straight to the
 * old generation and bring a full collection of the caller's rows, 0.5-2 s on a million events).
 *
 * Rows are read in blocks of 64: first every key of the block, then every key's length, then
 * the fingerprints. When the rows lie in memory in another order than the array (a sorted or
 * shuffled array), each row and each key string is a cache miss, and a short loop whose
 * iterations are independent has many of those misses in flight at once.
 */
function readSide(fn: string, side: 'legacy' | 'shadow', rows: readonly Row[], key: CompiledKey, fp: Fingerprinter, mem: Scratch): SideKeys {
  const n = rows.length;
  const out = new Int32Array(2);
  const idx = mem.int32(n);
  const fa = mem.int32(n);
  const fb = mem.int32(n);
  const noKey: number[] = [];
  const BLOCK = 64;
  const block: (MapKey | typeof NO_KEY)[] = [];
  let m = 0;
  let touched = 0;
  // A composite key is fingerprinted from its parts, without building its text (fingerprintTuple);
  // not under a test's own fingerprinter, whose collisions must reach every key.
  const parts = fp === fingerprint ? key.parts : undefined;
  if (parts !== undefined) {
    for (let r = 0; r < n; r++) {
      const row = rows[r];
      if (row === null || typeof row !== 'object') badRow(fn, side, r, row);
      if (!fingerprintTuple(parts, row, out)) {
        const k = key.read(row);
        if (k === NO_KEY) {
          noKey.push(r);
          continue;
        }
        fp(k, out);
      }
      idx[m] = r;
      fa[m] = out[0];
      fb[m] = out[1];
      m++;
    }
    return { m, idx, fa, fb, noKey, keyAt: (r) => key.read(rows[r]) as MapKey };
  }
  for (let r0 = 0; r0 < n; r0 += BLOCK) {
    const end = Math.min(n, r0 + BLOCK);
    for (let r = r0; r < end; r++) {
      const row = rows[r];
      if (row === null || typeof row !== 'object') badRow(fn, side, r, row);
      block[r - r0] = key.read(row);
    }
    for (let r = r0; r < end; r++) {
      const k = block[r - r0];
      if (typeof k === 'string') touched += k.length;
    }
    for (let r = r0; r < end; r++) {
      const k = block[r - r0];
      if (k === NO_KEY) {
        noKey.push(r);
        continue;
      }
      fp(k, out);
      idx[m] = r;
      fa[m] = out[0];
      fb[m] = out[1];
      m++;
    }
  }
  if (touched < 0) throw new Error('unreachable');
  return { m, idx, fa, fb, noKey, keyAt: (r) => key.read(rows[r]) as MapKey };
}

/**
 * Groups a side's entries by partition (the top `bits` of the fingerprint) in place, and returns
 * where each partition starts (`P + 1` offsets). Not stable: the join keeps the smallest rows of
 * a duplicated key itself.
 */
function partition(side: SideKeys, bits: number, P: number): Int32Array {
  const { m, idx, fa, fb } = side;
  const shift = 32 - bits;
  const start = new Int32Array(P + 1);
  for (let q = 0; q < m; q++) start[(fa[q] >>> shift) + 1]++;
  for (let p = 0; p < P; p++) start[p + 1] += start[p];
  const next = start.slice(0, P);
  // American flag sort: each entry is swapped straight into the next free slot of its partition.
  for (let p = 0; p < P; p++) {
    const end = start[p + 1];
    for (let q = next[p]; q < end; q = next[p]) {
      const a = fa[q];
      const d = a >>> shift;
      if (d === p) {
        next[p] = q + 1;
        continue;
      }
      const t = next[d]++;
      fa[q] = fa[t];
      fa[t] = a;
      const b = fb[q];
      fb[q] = fb[t];
      fb[t] = b;
      const r = idx[q];
      idx[q] = idx[t];
      idx[t] = r;
    }
  }
  return start;
}

function pairByFingerprint(fn: string, lrows: readonly Row[], srows: readonly Row[], key: CompiledKey, fp: Fingerprinter, mem: Scratch, verify: boolean): Pairing {
  const S = srows.length;
  const L = lrows.length;
  const sk = readSide(fn, 'shadow', srows, key, fp, mem);
  const lk = readSide(fn, 'legacy', lrows, key, fp, mem);
  // Partitions of about 4,096 keys per side: each partition's table (16 bytes a slot, twice the
  // keys) stays in the core's cache while it is built and probed.
  let bits = 1; // at least one: a shift by 32 is a shift by 0 in JS
  while (bits < 16 && Math.max(S, L) >> bits > 4096) bits++;
  const P = 1 << bits;
  const sstart = partition(sk, bits, P);
  const lstart = partition(lk, bits, P);
  const sdup = new Duplicates();
  const ldup = new Duplicates();
  const pair = new Int32Array(L).fill(-1);
  const missing: number[] = [];
  const extra: number[] = [];
  let matched = 0;
  let ambiguous = 0;
  let table = new Int32Array(0);
  for (let p = 0; p < P; p++) {
    const s0 = sstart[p];
    const s1 = sstart[p + 1];
    const l0 = lstart[p];
    const l1 = lstart[p + 1];
    const count = s1 - s0 + (l1 - l0);
    if (count === 0) continue;
    let cap = 16;
    while (cap < count * 2) cap *= 2;
    const mask = cap - 1;
    if (table.length < cap * STRIDE) table = new Int32Array(cap * STRIDE);
    table.fill(NONE, 0, cap * STRIDE);
    // Shadow rows of the partition, then legacy rows: per fingerprint, each side's state.
    for (let side = 0; side < 2; side++) {
      const part = side === 0 ? sk : lk;
      const from = side === 0 ? s0 : l0;
      const to = side === 0 ? s1 : l1;
      const st = side === 0 ? 2 : 3;
      const dup = side === 0 ? sdup : ldup;
      const keyAt = part.keyAt;
      const { idx, fa, fb } = part;
      for (let q = from; q < to; q++) {
        const a = fa[q];
        const b = fb[q];
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
              dup.more(d, r);
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
  // Both sides' keys of a pairing share a fingerprint; check that they are the same key, in
  // legacy order, touching a block's shadow rows first (see readSide) since they are then
  // visited out of their array order. A caller that reads every pair anyway does it there.
  if (verify) {
    const BLOCK = 64;
    const k0 = key.parts?.[0];
    let touched = 0;
    for (let i0 = 0; i0 < L; i0 += BLOCK) {
      const end = Math.min(L, i0 + BLOCK);
      for (let i = i0; i < end; i++) {
        const j = pair[i];
        if (j >= 0 && (k0 ? k0(srows[j]) : srows[j]) !== undefined) touched++;
      }
      for (let i = i0; i < end; i++) {
        const j = pair[i];
        if (j >= 0 && !key.same(lrows[i], srows[j])) throw new FingerprintCollision();
      }
    }
    if (touched < 0) throw new Error('unreachable');
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
