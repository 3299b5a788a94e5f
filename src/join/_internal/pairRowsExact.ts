import { badRow, type Row } from '../../dataset/toRows.js';
import { NO_KEY, type CompiledKey } from '../keys.js';
import { KeyTable } from '../keyTable.js';
import { withDuplicateRows, type DuplicateKey, type MapKey, type Pairing } from '../pairRows.js';

function bump(map: Map<MapKey, DuplicateKey>, k: MapKey, first: number): void {
  const d = map.get(k);
  if (d) d.rows++;
  else map.set(k, { first, rows: 2 });
}

/**
 * The exact pairing by the keys themselves (a KeyTable of shadow keys probed by legacy keys):
 * the reference {@link pairRows} falls back to when two different keys share a fingerprint.
 * Same result as pairRows; slower when the two sides are in different orders, because every
 * legacy lookup reads the shadow key it finds.
 */
export function pairRowsExact(fn: string, lrows: readonly Row[], srows: readonly Row[], key: CompiledKey): Pairing {
  const S = srows.length;
  const L = lrows.length;
  // Shadow keys → row index, or -1 for a key on several rows.
  const smap = new KeyTable(S);
  const shadowDuplicates = new Map<MapKey, DuplicateKey>();
  const shadowMissingKey: number[] = [];
  for (let j = 0; j < S; j++) {
    const row = srows[j];
    if (row === null || typeof row !== 'object') badRow(fn, 'shadow', j, row);
    const k = key.read(row);
    if (k === NO_KEY) {
      shadowMissingKey.push(j);
      continue;
    }
    const e = smap.insert(k, j);
    if (e !== -1) {
      const prev = smap.values[e];
      bump(shadowDuplicates, k, prev === -1 ? shadowDuplicates.get(k)!.first : prev);
      smap.values[e] = -1;
    }
  }

  // first[j]: 0 = no legacy row yet, i + 1 = the one legacy row with this key, -1 = several.
  const first = new Int32Array(S);
  const pair = new Int32Array(L).fill(-1);
  const legacyDuplicates = new Map<MapKey, DuplicateKey>();
  const legacyMissingKey: number[] = [];
  // Keys absent from shadow or duplicated there: their own small index, to find legacy duplicates.
  const unpaired = new Map<MapKey, number>();
  for (let i = 0; i < L; i++) {
    const row = lrows[i];
    if (row === null || typeof row !== 'object') badRow(fn, 'legacy', i, row);
    const k = key.read(row);
    if (k === NO_KEY) {
      legacyMissingKey.push(i);
      continue;
    }
    const e = smap.find(k);
    const j = e === -1 ? -1 : smap.values[e];
    if (j === -1) {
      const prev = unpaired.get(k);
      if (prev === undefined) unpaired.set(k, i);
      else {
        bump(legacyDuplicates, k, prev === -1 ? legacyDuplicates.get(k)!.first : prev);
        if (prev !== -1) unpaired.set(k, -1);
      }
      continue;
    }
    const f = first[j];
    if (f === 0) {
      first[j] = i + 1;
      pair[i] = j;
    } else {
      const firstIdx = f > 0 ? f - 1 : legacyDuplicates.get(k)!.first;
      bump(legacyDuplicates, k, firstIdx);
      if (f > 0) pair[f - 1] = -1;
      first[j] = -1;
    }
  }

  let matched = 0;
  for (let i = 0; i < L; i++) if (pair[i] >= 0) matched++;
  const missing: number[] = [];
  let ambiguous = 0;
  for (const [k, i] of unpaired) {
    if (i === -1) continue;
    if (smap.find(k) === -1) missing.push(i);
    else ambiguous++;
  }
  const extra: number[] = [];
  for (let e = 0; e < smap.size; e++) {
    const j = smap.values[e];
    if (j !== -1 && first[j] === 0) extra.push(j);
  }
  return withDuplicateRows({ pair, matched, missing, extra, ambiguous, legacyDuplicates, shadowDuplicates, legacyMissingKey, shadowMissingKey });
}
