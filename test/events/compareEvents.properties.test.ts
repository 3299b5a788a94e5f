/**
 * Engine properties of compareEvents, proved on generated data with the project's own arbitraries:
 * row-order invariance, symmetry under swapping the sides, exact counting of injected faults, and
 * agreement with the declared-tolerance model (written from the documented semantics).
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { applyPerturbations, eventStream, perturbation, type Perturbation } from '../../src/arbitraries/index.js';
import { hashString } from '../../src/arbitraries/_internal/hash.js';
import { predictOutcome } from '../../src/arbitraries/model.js';
import { compareEvents, type CompareEventsOptions, type Row } from '../../src/index.js';

/** Faults whose every raw change is a real difference under the default (exact) rules. */
const fault = fc.oneof(
  perturbation({ kind: 'drop', magnitude: { min: 0, max: 0.3 } }),
  perturbation({ kind: 'duplicate', magnitude: { min: 0, max: 0.2 } }),
  perturbation({ kind: 'shiftField', magnitude: { min: 0.01, max: 5 }, rate: 0.3 }),
  perturbation({ kind: 'jitterTime', magnitude: { min: 1, max: 3000 }, rate: 0.5 }),
  perturbation({ kind: 'nullField', field: 'label', magnitude: { min: 0, max: 0.3 } }),
  perturbation({ kind: 'changeType', magnitude: { min: 0, max: 0.2 } }),
  perturbation({ kind: 'swapNeighbours', magnitude: { min: 0, max: 1 } }),
);
const pairs = fc
  .tuple(eventStream({ minLength: 1, maxLength: 40 }), fc.array(fault, { minLength: 1, maxLength: 3 }), fc.nat())
  .map(([rows, ps, seed]) => applyPerturbations(rows, ps as Perturbation[], { seed }));
const options: fc.Arbitrary<CompareEventsOptions> = fc.record({
  key: fc.constant('id'),
  fields: fc.record({ ts: fc.record({ time: fc.constantFrom(0, 500, 2000) }), value: fc.record({ abs: fc.constantFrom(0, 0.5, 2) }) }),
  minMatchRate: fc.constantFrom(1, 0.9, 0.5),
  maxMissingRate: fc.constantFrom(0, 0.1, 0.5),
  maxDuplicateKeys: fc.constantFrom(0, 1, 5),
});
const shuffle = <T>(rows: readonly T[], seed: number) =>
  rows
    .map((r, i) => [r, hashString(String(i), seed)] as const)
    .sort((a, b) => a[1] - b[1])
    .map(([r]) => r);

describe('compareEvents properties', () => {
  test.prop([pairs, options, fc.nat(), fc.nat()], { numRuns: 100, seed: 1 })(
    'gives the same report for any row order of either side',
    (pair, opts, s1, s2) => {
      const a = compareEvents(pair.legacy as Row[], pair.shadow as Row[], opts);
      const b = compareEvents(shuffle(pair.legacy as Row[], s1), shuffle(pair.shadow as Row[], s2), opts);
      expect(b).toEqual(a);
    },
  );

  test.prop([pairs, options], { numRuns: 100, seed: 2 })('swapping legacy and shadow swaps missing and extra, and nothing else', (pair, opts) => {
    const ab = compareEvents(pair.legacy as Row[], pair.shadow as Row[], opts);
    const ba = compareEvents(pair.shadow as Row[], pair.legacy as Row[], opts);
    expect(ba.counts.missing).toBe(ab.counts.extra);
    expect(ba.counts.extra).toBe(ab.counts.missing);
    expect(ba.counts.legacyDuplicateKeys).toBe(ab.counts.shadowDuplicateKeys);
    expect(ba.counts.shadowDuplicateKeys).toBe(ab.counts.legacyDuplicateKeys);
    expect(ba.counts.matched).toBe(ab.counts.matched);
    expect(ba.counts.equal).toBe(ab.counts.equal);
    const mismatches = (r: typeof ab) => Object.fromEntries(r.fields.map((f) => [f.field, f.mismatches]));
    expect(mismatches(ba)).toEqual(mismatches(ab));
  });

  test.prop([pairs], { numRuns: 100, seed: 3 })('counts every injected difference exactly', ({ legacy, shadow, injected }) => {
    const r = compareEvents(legacy as Row[], shadow as Row[], { key: 'id' });
    const dup = new Set(injected.duplicated);
    expect(r.counts.legacy).toBe(injected.legacyCount);
    expect(r.counts.shadow).toBe(injected.shadowCount);
    expect(r.counts.missing).toBe(injected.missing.length);
    expect(r.counts.extra).toBe(injected.extra.length);
    expect(r.counts.shadowDuplicateKeys).toBe(injected.duplicated.length);
    expect(r.counts.matched).toBe(injected.legacyCount - injected.missing.length - injected.duplicated.length);
    expect(r.counts.equal).toBe(r.counts.matched - injected.changedKeys.filter((k) => !dup.has(k)).length);
    const byField: Record<string, number> = {};
    for (const c of injected.changed) if (!dup.has(c.key)) byField[c.field] = (byField[c.field] ?? 0) + 1;
    for (const f of r.fields) expect([f.field, f.mismatches]).toEqual([f.field, byField[f.field] ?? 0]);
  });

  test.prop([pairs, options], { numRuns: 100, seed: 4 })('decides as its documented tolerances say', (pair, opts) => {
    const r = compareEvents(pair.legacy as Row[], pair.shadow as Row[], opts);
    const m = predictOutcome(opts, pair.injected, pair);
    expect({ verdict: r.verdict, matched: r.counts.matched, equal: r.counts.equal }).toEqual({
      verdict: m.verdict,
      matched: m.counts.matched,
      equal: m.counts.equal,
    });
  });
});
