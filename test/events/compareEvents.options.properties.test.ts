/**
 * Properties of the datacompy-style options on generated data (the project's arbitraries, fixed
 * seeds): the report does not depend on row order under compare 'common', defaults, isclose and
 * ignoreFieldCase; duplicateKeys 'inOrder' pairs exactly min(m, n) rows per key; isclose agrees
 * with its formula written out here.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { applyPerturbations, eventStream, perturbation, type Perturbation } from '../../src/arbitraries/index.js';
import { hashString } from '../../src/arbitraries/_internal/hash.js';
import { compareEvents, compileFieldRule, type CompareEventsOptions, type Row } from '../../src/index.js';

const fault = fc.oneof(
  perturbation({ kind: 'drop', magnitude: { min: 0, max: 0.3 } }),
  perturbation({ kind: 'duplicate', magnitude: { min: 0, max: 0.3 } }),
  perturbation({ kind: 'shiftField', magnitude: { min: 0.01, max: 5 }, rate: 0.3 }),
  perturbation({ kind: 'nullField', field: 'label', magnitude: { min: 0, max: 0.3 } }),
  perturbation({ kind: 'changeType', magnitude: { min: 0, max: 0.2 } }),
);
const pairs = fc
  .tuple(eventStream({ minLength: 1, maxLength: 40 }), fc.array(fault, { minLength: 1, maxLength: 3 }), fc.nat())
  .map(([rows, ps, seed]) => applyPerturbations(rows, ps as Perturbation[], { seed }));
const options: fc.Arbitrary<CompareEventsOptions> = fc.record({
  key: fc.constant('id'),
  compare: fc.constantFrom('all' as const, 'common' as const),
  defaults: fc.constantFrom({}, { number: { isclose: { abs: 0.5, rel: 1e-3 } } }, { number: { rel: 0.01 }, string: { normalize: 'trim' as const } }),
  ignoreFieldCase: fc.boolean(),
  maxDuplicateKeys: fc.constantFrom(0, 5),
});
const shuffle = <T>(rows: readonly T[], seed: number) =>
  rows
    .map((r, i) => [r, hashString(String(i), seed)] as const)
    .sort((a, b) => a[1] - b[1])
    .map(([r]) => r);

describe('compareEvents option properties', () => {
  test.prop([pairs, options, fc.nat(), fc.nat()], { numRuns: 60, seed: 11 })(
    'gives the same report for any row order under compare, defaults, isclose and ignoreFieldCase',
    (pair, opts, s1, s2) => {
      const a = compareEvents(pair.legacy as Row[], pair.shadow as Row[], opts);
      const b = compareEvents(shuffle(pair.legacy as Row[], s1), shuffle(pair.shadow as Row[], s2), opts);
      expect(b).toEqual(a);
    },
  );

  test.prop([pairs], { numRuns: 60, seed: 12 })("duplicateKeys 'inOrder' matches min(m, n) rows of each key and leaves the rest missing or extra", (pair) => {
    const l = pair.legacy as Row[];
    const s = pair.shadow as Row[];
    const r = compareEvents(l, s, { key: 'id', duplicateKeys: 'inOrder' });
    // Ground truth counted here from the rows: per key, m legacy and n shadow rows.
    const count = (rows: Row[]) => rows.reduce((m, x) => (x.id == null ? m : m.set(x.id, (m.get(x.id) ?? 0) + 1)), new Map<unknown, number>());
    const cl = count(l);
    const cs = count(s);
    let matched = 0;
    let missing = 0;
    let extra = 0;
    for (const [k, m] of cl) {
      const n = cs.get(k) ?? 0;
      matched += Math.min(m, n);
      missing += m - Math.min(m, n);
    }
    for (const [k, n] of cs) extra += n - Math.min(cl.get(k) ?? 0, n);
    expect(r.counts).toMatchObject({ matched, missing, extra, ambiguous: 0 });
    expect(r.reasons.some((x) => x.code === 'DUPLICATE_KEYS')).toBe(false);
  });

  test.prop([fc.double({ noNaN: true }), fc.double({ noNaN: true }), fc.double({ min: 0, max: 10, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })], { numRuns: 500, seed: 13 })(
    'isclose agrees exactly when |shadow − legacy| <= abs + rel·|legacy| (finite), or the values are the same infinity',
    (legacy, shadow, abs, rel) => {
      const rule = compileFieldRule('compareEvents', 'x', { isclose: { abs, rel } });
      const finite = Number.isFinite(legacy) && Number.isFinite(shadow) && Number.isFinite(shadow - legacy);
      const expected = finite ? Math.abs(shadow - legacy) <= abs + rel * Math.abs(legacy) : legacy === shadow;
      expect(rule.equals(legacy, shadow)).toBe(expected);
    },
  );
});
