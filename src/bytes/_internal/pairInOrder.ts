import { badRow, type Row } from '../../dataset/toRows.js';
import { NO_KEY, type CompiledKey } from '../../join/keys.js';
import type { Pairing } from '../../join/pairRows.js';

/**
 * The fast path of the key join for sides written in key order: when the keys of each side
 * strictly increase (all numbers, or all strings by UTF-16 code units), every key is unique on its
 * side and one merge pass pairs equal keys, what pairRows finds with its hash index: the same
 * pairs, the same missing and extra rows (in row order), no duplicates. Returns null (use
 * pairRows) as soon as a key breaks the order, is absent or is of another type, so a shuffled side
 * costs a few comparisons more.
 */
export function pairInOrder(fn: string, lrows: readonly Row[], srows: readonly Row[], key: CompiledKey): Pairing | null {
  const L = lrows.length;
  const S = srows.length;
  if (L === 0 || S === 0) return null;
  const first = key.read(rowOf(fn, 'legacy', lrows, 0));
  const type = typeof first;
  if (type !== 'number' && type !== 'string') return null;
  const readAt = (side: 'legacy' | 'shadow', rows: readonly Row[], i: number): number | string | null => {
    const k = key.read(rowOf(fn, side, rows, i));
    return k === NO_KEY || typeof k !== type ? null : (k as number | string);
  };
  const pair = new Int32Array(L).fill(-1);
  const missing: number[] = [];
  const extra: number[] = [];
  let matched = 0;
  let i = 0;
  let j = 0;
  let ka = readAt('legacy', lrows, 0);
  let kb = readAt('shadow', srows, 0);
  if (ka === null || kb === null) return null;
  // Moves to the next row of a side; false when its key is absent, of another type, or does not
  // strictly increase (then the sides are not both in key order).
  const nextL = (): boolean => {
    if (++i === L) return true;
    const k = readAt('legacy', lrows, i);
    if (k === null || !(ka! < k)) return false;
    ka = k;
    return true;
  };
  const nextS = (): boolean => {
    if (++j === S) return true;
    const k = readAt('shadow', srows, j);
    if (k === null || !(kb! < k)) return false;
    kb = k;
    return true;
  };
  while (i < L || j < S) {
    if (i < L && j < S && ka === kb) {
      pair[i] = j;
      matched++;
      if (!nextL() || !nextS()) return null;
    } else if (j === S || (i < L && ka! < kb!)) {
      missing.push(i);
      if (!nextL()) return null;
    } else {
      extra.push(j);
      if (!nextS()) return null;
    }
  }
  return {
    pair,
    matched,
    missing,
    extra,
    ambiguous: 0,
    legacyDuplicates: new Map(),
    shadowDuplicates: new Map(),
    legacyDuplicateRows: 0,
    shadowDuplicateRows: 0,
    legacyMissingKey: [],
    shadowMissingKey: [],
  };
}

function rowOf(fn: string, side: string, rows: readonly Row[], i: number): Row {
  const r = rows[i];
  if (r === null || typeof r !== 'object') badRow(fn, side, i, r);
  return r;
}
