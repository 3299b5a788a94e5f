import { describe, expect, test } from 'vitest';
import { delongTest } from '../../src/stats/delongTest.js';
import { cases, expectRel, ref } from '../_helpers/statsModelsReference.js';

describe('delongTest', () => {
  test.each(cases(ref.delong))('agrees with the reference DeLong implementation (case %i)', (_i, c) => {
    const r = delongTest(c.a, c.b, c.labels);
    expectRel(r.auc.a, c.aucA, 1e-12, c.call);
    expectRel(r.auc.b, c.aucB, 1e-12, c.call);
    expectRel(r.se, c.seDiff, 1e-9, c.call);
    expectRel(r.z, c.z, 1e-9, c.call);
    expectRel(r.pValue, c.p, 1e-9, c.call);
    expectRel(r.correlation, c.correlation, 1e-9, c.call);
    // both variances and the covariance, from the reference's per-AUC SEs and correlation
    expectRel(r.variance.a, c.seA ** 2, 1e-9, c.call);
    expectRel(r.variance.b, c.seB ** 2, 1e-9, c.call);
    expectRel(r.variance.covariance, c.correlation * c.seA * c.seB, 1e-9, c.call);
    expectRel(r.variance.a + r.variance.b - 2 * r.variance.covariance, c.seDiff ** 2, 1e-9, c.call);
  });

  test('is antisymmetric in the two scorers', () => {
    const c = ref.delong[1];
    const ab = delongTest(c.a, c.b, c.labels);
    const ba = delongTest(c.b, c.a, c.labels);
    expect(ba.difference).toBeCloseTo(-ab.difference, 14);
    expect(ba.pValue).toBeCloseTo(ab.pValue, 12);
    expect(ba.ci[0]).toBeCloseTo(-ab.ci[1], 12);
  });

  test('refuses identical scorers (zero variance) and mismatched lengths', () => {
    const c = ref.delong[0];
    expect(() => delongTest(c.a, c.a, c.labels)).toThrow('the variance of the AUC difference is 0');
    expect(() => delongTest([1, 2, 3, 4], [1, 2, 3], [1, 1, 0, 0])).toThrowErrorMatchingInlineSnapshot(
      `[ShadowOptionError: delongTest: scoresA and scoresB must score the same examples (equal lengths), got 4 and 3]`,
    );
  });
});
