import type { Row } from '../../dataset/toRows.js';
import type { CompiledKey } from '../../join/keys.js';
import { FingerprintCollision, type MapKey, type Pairing } from '../../join/pairRows.js';
import { Smallest } from '../../join/smallest.js';
import type { MismatchGroup } from '../compareEvents.js';
import type { Scratch } from '../../join/_internal/Scratch.js';
import type { PathTree } from './discoverFields.js';
import type { Field } from './resolveFields.js';

/** Mismatching events sharing one set of differing fields (indices into the field list). */
export interface PairGroup {
  count: number;
  fields: number[];
  examples: Smallest<MismatchGroup['examples'][number]>;
}

/** The outcome of {@link comparePairs}; per-field evidence accumulates on the fields themselves. */
export interface PairComparison {
  /** Matched pairs with every compared field within tolerance. */
  equal: number;
  /** Groups keyed by the set of fields that differ (a bit mask when there are at most 30 fields). */
  groups: Map<number | string, PairGroup>;
  /** Legacy indices of the matched events with at least one differing field, in legacy order. */
  mismatchRows: number[];
}

/**
 * Step 4 of compareEvents: the field loop over one-to-one pairs. For each pair, applies every
 * field's rule, records |delta| where the rule gives one, and on a mismatch updates the field's
 * count, shape and examples and the group of fields that differ together.
 *
 * With `shadowPaths`, also walks each paired shadow row into that tree while it is in cache (see
 * compareEvents: shadow fields are discovered in legacy order, for rows whose array order is not
 * their memory order). With `scratch`, the |delta| buffers are taken from it (see Scratch).
 * With `verifyKeys`, checks each pair's keys (a pairing taken unverified from pairRows) and
 * throws FingerprintCollision on a pair whose keys differ.
 */
export function comparePairs(
  lrows: readonly Row[],
  srows: readonly Row[],
  pairing: Pairing,
  fields: Field[],
  key: CompiledKey,
  maxExamples: number,
  shadowPaths: PathTree | null = null,
  scratch: Scratch | null = null,
  verifyKeys = false,
): PairComparison {
  const L = lrows.length;
  const F = fields.length;
  const matched = pairing.matched;
  const pair = pairing.pair;
  const keyOf = (row: Row) => key.read(row) as MapKey;
  const groups = new Map<number | string, PairGroup>();
  const useBits = F <= 30;
  const diff: number[] = [];
  const mismatchRows: number[] = [];
  let equal = 0;
  // Pairs are visited in legacy order, so when the shadow rows lie in memory in another order
  // each one is a cache miss. A short loop that reads one value of each shadow row of the next
  // block has many of those misses in flight at once (its iterations are independent), so the
  // field loop below finds the rows in cache instead of meeting the misses one at a time.
  const BLOCK = 64;
  const touch = F > 0 ? fields[0].sget : null;
  let touched = 0;
  for (let i = 0; i < L; i++) {
    if (touch !== null && i % BLOCK === 0) {
      for (let t = i, end = Math.min(L, i + BLOCK); t < end; t++) {
        const j = pair[t];
        if (j >= 0 && touch(srows[j]) !== undefined) touched++;
      }
    }
    const j = pair[i];
    if (j < 0) continue;
    const lrow = lrows[i];
    const srow = srows[j];
    if (verifyKeys && !key.same(lrow, srow)) throw new FingerprintCollision();
    if (shadowPaths !== null) shadowPaths.add(srow, j);
    let mask = 0;
    diff.length = 0;
    for (let f = 0; f < F; f++) {
      const fld = fields[f];
      const a = fld.lget(lrow);
      const b = fld.sget(srow);
      const ok = fld.rule.equals(a, b);
      const d = fld.rule.lastDelta;
      if (d === d) {
        if (fld.deltas === null) fld.deltas = scratch !== null ? scratch.float64(matched) : new Float64Array(matched);
        fld.deltas[fld.nDeltas++] = d < 0 ? -d : d;
      }
      if (!ok) {
        fld.mismatches++;
        fld.shape.add(a, b, d);
        const k = keyOf(lrow);
        if (fld.examples.accepts(k)) fld.examples.add(k, { key: key.display(lrow), legacy: a, shadow: b });
        if (useBits) mask |= 1 << f;
        diff.push(f);
      }
    }
    if (diff.length === 0) {
      equal++;
      continue;
    }
    mismatchRows.push(i);
    const gk: number | string = useBits ? mask : diff.join(',');
    let g = groups.get(gk);
    if (g === undefined) groups.set(gk, (g = { count: 0, fields: [...diff], examples: new Smallest(maxExamples) }));
    g.count++;
    const k = keyOf(lrow);
    if (g.examples.accepts(k)) {
      g.examples.add(k, {
        key: key.display(lrow),
        values: g.fields.map((f) => ({ field: fields[f].name, legacy: fields[f].lget(lrow), shadow: fields[f].sget(srow) })),
      });
    }
  }
  if (touched < 0) throw new Error('unreachable');
  return { equal, groups, mismatchRows };
}
