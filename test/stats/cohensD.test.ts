import { describe, expect, test } from 'vitest';
import { fc } from '@fast-check/vitest';
import { cohensD } from '../../src/stats/cohensD.js';
import { cases, expectRel, ref } from '../_helpers/statsModelsReference.js';

describe('cohensD', () => {
  test.each(cases(ref.cohensD))('agrees with the NumPy formulas (case %i)', (_i, c) => {
    const r = cohensD(c.x, c.y);
    expectRel(r.statistic, c.d, 1e-9, c.call);
    expectRel(r.pooledSd, c.pooledSd, 1e-12, c.call);
    expectRel(r.ci[0], c.ci[0], 1e-9, c.call);
    expectRel(r.ci[1], c.ci[1], 1e-9, c.call);
  });

  test('is antisymmetric and invariant to a common positive affine map', () => {
    const grid = fc.array(fc.integer({ min: -1000, max: 1000 }).map((v) => v / 100), { minLength: 2, maxLength: 25 });
    fc.assert(
      fc.property(grid, grid, fc.integer({ min: 1, max: 50 }), fc.integer({ min: -50, max: 50 }), (x, y, a, b) => {
        fc.pre(new Set(x).size > 1 || new Set(y).size > 1);
        const d = cohensD(x, y).statistic;
        expect(cohensD(y, x).statistic).toBeCloseTo(-d, 9);
        expect(cohensD(x.map((v) => a * v + b), y.map((v) => a * v + b)).statistic).toBeCloseTo(d, 7);
      }),
    );
  });

  test('refuses two constant samples', () => {
    expect(() => cohensD([1, 1], [2, 2])).toThrowErrorMatchingInlineSnapshot(
      `[ShadowOptionError: cohensD: both samples are constant, so the pooled SD is 0 and d is undefined]`,
    );
  });
});
