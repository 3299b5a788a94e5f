import type { Row } from '../../dataset/toRows.js';
import type { MapKey, Pairing } from '../../join/pairRows.js';
import { Smallest } from '../../join/smallest.js';
import type { EventCounts, EventReport, FieldReport, MismatchGroup } from '../compareEvents.js';
import type { PairComparison } from './comparePairs.js';
import { BUCKETED, BUCKETS, countBuckets, LITTLE_ENDIAN, quantilesOfParts } from './quantiles.js';
import { renamePath } from './renamePath.js';
import type { ResolvedEventOptions } from './resolveEventOptions.js';
import type { Field, ResolvedFields } from './resolveFields.js';
import { findSegments } from './segments.js';

/** The evidence part of an {@link EventReport}, as {@link summariseEvidence} builds it. */
export type EventEvidence = Pick<EventReport, 'counts' | 'rates' | 'fields' | 'groups' | 'segments' | 'schema' | 'examples'>;

/**
 * Statistics of |delta| over the first `n` entries of `x` and `zeros` more deltas of 0 not held
 * in it (then every entry of `x` is positive). Reorders `x`.
 */
export function deltaStats(x: Float64Array, n: number, zeros = 0): NonNullable<FieldReport['delta']> {
  return deltaStatsOfParts([x.subarray(0, n)], zeros);
}

/**
 * The running part of deltaStatsOfParts over values taken in order: the Neumaier-compensated
 * sum (its running sum and compensation), the largest value and, past 65,536 values, the count of
 * values per bucket of their 16 leading bits (see quantilesOfParts). The file engine's collector
 * keeps one per field as the values arrive (DeltaSink), while each chunk is still in cache, so
 * that only the selection is left once the pass ends.
 */
export interface RunningAbs {
  sum: number;
  comp: number;
  max: number;
  n: number;
  counts?: Uint32Array;
}

/** An empty running summary. */
export const runningAbs = (): RunningAbs => ({ sum: 0, comp: 0, max: 0, n: 0 });

/**
 * Adds the values of `x` (positive and finite: |deltas| that are not 0), in order, to `r`: the
 * same sum and maximum as deltaStatsOfParts' own loop over them. Bucket counts are kept once `r`
 * holds more than BUCKETED values; `earlier` are the parts added before this one, counted then
 * (undefined: no bucket counts).
 */
export function addRunningAbs(r: RunningAbs, x: Float64Array, earlier: readonly Float64Array[] | undefined): void {
  let sum = r.sum;
  let comp = r.comp;
  let max = r.max;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    const t = sum + v;
    comp += Math.abs(sum) >= v ? sum - t + v : v - t + sum;
    sum = t;
    if (v > max) max = v;
  }
  r.sum = sum;
  r.comp = comp;
  r.max = max;
  r.n += x.length;
  if (earlier === undefined) return;
  if (r.counts === undefined && r.n > BUCKETED && LITTLE_ENDIAN) {
    r.counts = new Uint32Array(BUCKETS);
    for (const e of earlier) countBuckets(r.counts, e);
  }
  if (r.counts !== undefined) countBuckets(r.counts, x);
}

/**
 * deltaStats over the values of several arrays taken in order (each whole), as the file engine's
 * collector holds them: the same values in one array give the same statistics. Reorders the parts.
 * `running`: the running summary of exactly these parts in this order (addRunningAbs), which
 * spares the loops over them it already made.
 */
export function deltaStatsOfParts(parts: readonly Float64Array[], zeros = 0, running?: RunningAbs): NonNullable<FieldReport['delta']> {
  const r = running ?? runningAbs();
  if (running === undefined) for (const x of parts) addRunningAbs(r, x, undefined);
  // A zero term leaves the compensated sum exactly as it is, so the zeros are only counted.
  const count = r.n + zeros;
  const [p50Abs, p99Abs] = quantilesOfParts(parts, [0.5, 0.99], zeros, running?.counts);
  return { n: count, maxAbs: r.max, meanAbs: (r.sum + r.comp) / count, p50Abs, p99Abs };
}

/** One field's report from its accumulated evidence (releases its delta buffer). */
function fieldReport(f: Field, matched: number): FieldReport {
  const fr: FieldReport = {
    field: f.name,
    rule: f.container ? 'object vs non-object' : f.rule.description,
    mismatches: f.mismatches,
    mismatchRate: matched ? f.mismatches / matched : 0,
    presence: f.presence,
    examples: f.examples.sorted(),
  };
  if (f.shadowName !== f.name) fr.shadowField = f.shadowName;
  if (f.rule.minMatchRate !== undefined) fr.minMatchRate = f.rule.minMatchRate;
  if (f.deltas && f.nDeltas > 0 && (f.mismatches > 0 || f.rule.numeric)) fr.delta = deltaStats(f.deltas, f.nDeltas);
  const bad = f.rule.unparseable;
  if (bad && bad.count > 0) fr.unparseable = { count: bad.count, example: bad.example };
  f.deltas = null;
  const shape = f.shape.shape();
  if (shape) fr.shape = shape;
  return fr;
}

/** Keeps only the outermost paths of a list (drops any path under another listed path). */
export function topLevel(list: readonly string[]): string[] {
  return list.filter((n) => !list.some((m) => n.startsWith(`${m}.`)));
}

/**
 * Step 5 of compareEvents: turns the pairing and the per-field evidence into the report's
 * counts, rates, field reports (worst first), groups, segments, schema differences and examples.
 */
export function summariseEvidence(
  lrows: readonly Row[],
  srows: readonly Row[],
  pr: Pairing,
  rf: ResolvedFields,
  cmp: PairComparison,
  o: ResolvedEventOptions,
): EventEvidence {
  const L = lrows.length;
  const S = srows.length;
  const { fields, byName, keyFields } = rf;
  const matched = pr.matched;
  const keyOf = (row: Row) => o.key.read(row) as MapKey;

  const fieldReports = fields.map((f) => fieldReport(f, matched));
  fieldReports.sort((a, b) => b.mismatches - a.mismatches || (a.field < b.field ? -1 : 1));
  const groups: MismatchGroup[] = [...cmp.groups.values()]
    .map((g) => ({ fields: g.fields.map((f) => fields[f].name), count: g.count, examples: g.examples.sorted() }))
    .sort((a, b) => b.count - a.count || (a.fields.join() < b.fields.join() ? -1 : 1));

  const segments = findSegments(
    lrows,
    pr.pair,
    cmp.mismatchRows,
    fields.filter((f) => !f.container).map((f) => ({ name: f.name, get: f.lget })),
    matched,
  );
  const onlyInLegacy = [...byName].filter(([n, p]) => p.legacy > 0 && p.shadow === 0 && !keyFields.has(n)).map(([n]) => n).sort();
  const onlyInShadow = [...byName].filter(([n, p]) => p.shadow > 0 && p.legacy === 0 && !keyFields.has(n)).map(([n]) => renamePath(n, rf.rename)).sort();

  const missingEx = new Smallest<unknown>(o.maxExamples);
  for (const i of pr.missing) {
    const k = keyOf(lrows[i]);
    if (missingEx.accepts(k)) missingEx.add(k, o.key.display(lrows[i]));
  }
  const extraEx = new Smallest<unknown>(o.maxExamples);
  for (const j of pr.extra) {
    const k = keyOf(srows[j]);
    if (extraEx.accepts(k)) extraEx.add(k, o.key.display(srows[j]));
  }
  const duplicates: EventReport['examples']['duplicates'] = [];
  for (const [side, dups, rows] of [['legacy', pr.legacyDuplicates, lrows], ['shadow', pr.shadowDuplicates, srows]] as const) {
    const best = new Smallest<{ side: 'legacy' | 'shadow'; key: unknown; rows: number }>(o.maxExamples);
    for (const [k, d] of dups) if (best.accepts(k)) best.add(k, { side, key: o.key.display(rows[d.first]), rows: d.rows });
    duplicates.push(...best.sorted());
  }
  const missingKey: EventReport['examples']['missingKey'] = [];
  for (const [side, noKey, rows] of [['legacy', pr.legacyMissingKey, lrows], ['shadow', pr.shadowMissingKey, srows]] as const) {
    const ex = noKey
      // A BigInt (loadDataset's 64-bit integer past 2^53) has no JSON form of its own: written `…n`.
      .map((i) => ({ s: JSON.stringify(rows[i], (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)) ?? '', i }))
      .sort((a, b) => (a.s < b.s ? -1 : a.s > b.s ? 1 : 0))
      .slice(0, o.maxExamples);
    for (const { i } of ex) missingKey.push({ side, field: o.key.missingPart(rows[i]), row: rows[i] });
  }

  const missing = pr.missing.length;
  const extra = pr.extra.length;
  const counts: EventCounts = {
    legacy: L,
    shadow: S,
    matched,
    equal: cmp.equal,
    missing,
    extra,
    legacyMissingKey: pr.legacyMissingKey.length,
    shadowMissingKey: pr.shadowMissingKey.length,
    legacyDuplicateKeys: pr.legacyDuplicates.size,
    shadowDuplicateKeys: pr.shadowDuplicates.size,
    legacyDuplicateRows: pr.legacyDuplicateRows,
    shadowDuplicateRows: pr.shadowDuplicateRows,
    ambiguous: pr.ambiguous,
  };
  const rates = { match: L ? cmp.equal / L : 0, missing: L ? missing / L : 0, extra: S ? extra / S : 0 };
  return {
    counts,
    rates,
    fields: fieldReports,
    groups,
    segments,
    schema: { onlyInLegacy, onlyInShadow },
    examples: { missing: missingEx.sorted(), extra: extraEx.sorted(), duplicates, missingKey },
  };
}
