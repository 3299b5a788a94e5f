import type { Row } from '../dataset/toRows.js';
import { NO_KEY, type CompiledKey } from './keys.js';
import type { MapKey, Pairing } from './pairRows.js';

/**
 * Pairs the rows of duplicated keys by order of occurrence, after {@link pairRows}: for a key on
 * several rows of either side, the k-th legacy row with the key pairs with the k-th shadow row
 * with it (datacompy's behaviour); rows left over become missing (legacy) or extra (shadow).
 * Updates the pairing in place: `pair`, `matched`, `missing`, `extra`; `ambiguous` becomes 0.
 * The duplicate maps and row counts stay, so the report still says which keys were duplicated.
 *
 * @example
 * const pr = pairRows('compareEvents', lrows, srows, key);
 * pairDuplicatesInOrder(pr, lrows, srows, key);
 */
export function pairDuplicatesInOrder(pr: Pairing, lrows: readonly Row[], srows: readonly Row[], key: CompiledKey): void {
  if (pr.legacyDuplicates.size === 0 && pr.shadowDuplicates.size === 0) return;
  const dup = new Map<MapKey, { l: number[]; s: number[] }>();
  for (const k of pr.legacyDuplicates.keys()) dup.set(k, { l: [], s: [] });
  for (const k of pr.shadowDuplicates.keys()) if (!dup.has(k)) dup.set(k, { l: [], s: [] });
  for (let i = 0; i < lrows.length; i++) {
    const k = key.read(lrows[i]);
    if (k === NO_KEY) continue;
    const d = dup.get(k);
    if (d) d.l.push(i);
  }
  for (let j = 0; j < srows.length; j++) {
    const k = key.read(srows[j]);
    if (k === NO_KEY) continue;
    const d = dup.get(k);
    if (d) d.s.push(j);
  }
  for (const { l, s } of dup.values()) {
    const n = Math.min(l.length, s.length);
    for (let x = 0; x < n; x++) {
      if (pr.pair[l[x]] < 0) pr.matched++;
      pr.pair[l[x]] = s[x];
    }
    for (let x = n; x < l.length; x++) pr.missing.push(l[x]);
    for (let x = n; x < s.length; x++) pr.extra.push(s[x]);
  }
  pr.ambiguous = 0;
}
