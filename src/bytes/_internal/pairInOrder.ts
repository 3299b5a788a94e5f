import { badRow, type Row } from '../../dataset/toRows.js';
import { NO_KEY, type CompiledKey } from '../../join/keys.js';
import type { Pairing } from '../../join/pairRows.js';

/**
 * The fast path of the key join for the common case of two sides written in the same key order:
 * when both sides have the same length and row i of each has the same key, and the keys strictly
 * increase (numbers, or strings by UTF-16 code units), every key is unique and row i pairs with
 * row i, which is what pairRows would find, without a hash index. Returns null (use pairRows)
 * as soon as one row breaks the pattern, so a shuffled side costs a few comparisons more.
 */
export function pairInOrder(fn: string, lrows: readonly Row[], srows: readonly Row[], key: CompiledKey): Pairing | null {
  const n = lrows.length;
  if (n === 0 || srows.length !== n) return null;
  let prev: unknown;
  for (let i = 0; i < n; i++) {
    const a = lrows[i];
    const b = srows[i];
    if (a === null || typeof a !== 'object') badRow(fn, 'legacy', i, a);
    if (b === null || typeof b !== 'object') badRow(fn, 'shadow', i, b);
    const k = key.read(a);
    if (k === NO_KEY || (typeof k !== 'number' && typeof k !== 'string')) return null;
    if (i > 0 && (typeof prev !== typeof k || !((prev as number | string) < k))) return null;
    if (key.read(b) !== k) return null;
    prev = k;
  }
  const pair = new Int32Array(n);
  for (let i = 0; i < n; i++) pair[i] = i;
  return {
    pair,
    matched: n,
    missing: [],
    extra: [],
    ambiguous: 0,
    legacyDuplicates: new Map(),
    shadowDuplicates: new Map(),
    legacyDuplicateRows: 0,
    shadowDuplicateRows: 0,
    legacyMissingKey: [],
    shadowMissingKey: [],
  };
}
