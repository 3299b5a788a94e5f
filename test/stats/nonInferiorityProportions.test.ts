import { describe, expect, test } from 'vitest';
import { fc } from '@fast-check/vitest';
import { nonInferiorityProportions } from '../../src/stats/nonInferiorityProportions.js';
import { cases, expectRel, ref } from '../_helpers/statsModelsReference.js';

const arm = ([successes, trials]: [number, number]) => ({ successes, trials });

describe('nonInferiorityProportions', () => {
  test("reproduces Newcombe's published method-10 intervals (Stat Med 1998, Table II)", () => {
    // Published to 4 decimals: 56/70−48/80 (0.0524, 0.3339); 9/10−3/10 (0.1705, 0.8090);
    // 5/56−0/29 (−0.0381, 0.1926); 0/10−0/20 (−0.1611, 0.2775). α = 0.025 gives the 95% interval.
    const published: [number[], number[], [number, number]][] = [
      [[56, 70], [48, 80], [0.0524, 0.3339]],
      [[9, 10], [3, 10], [0.1705, 0.809]],
      [[5, 56], [0, 29], [-0.0381, 0.1926]],
      [[0, 10], [0, 20], [-0.1611, 0.2775]],
    ];
    for (const [a, b, ci] of published) {
      const r = nonInferiorityProportions(arm(a as [number, number]), arm(b as [number, number]), { margin: 0.1, alpha: 0.025 });
      expect(r.ci[0]).toBeCloseTo(ci[0], 4);
      expect(r.ci[1]).toBeCloseTo(ci[1], 4);
    }
  });

  test.each(cases(ref.nonInferiority.cases))('agrees with the reference formulas (case %i)', (_i, c) => {
    const n = nonInferiorityProportions(arm(c.new), arm(c.reference), { margin: c.margin, alpha: c.alpha });
    expectRel(n.ci[0], c.newcombeCi[0], 1e-9, c.call);
    expectRel(n.ci[1], c.newcombeCi[1], 1e-9, c.call);
    expect(n.nonInferior).toBe(c.newcombeCi[0] > -c.margin);
    if (c.waldCi) {
      const w = nonInferiorityProportions(arm(c.new), arm(c.reference), { margin: c.margin, alpha: c.alpha, method: 'wald' });
      expectRel(w.ci[0], c.waldCi[0], 1e-9, c.call);
      expectRel(w.pValue, c.waldP, 1e-9, c.call);
    }
  });

  test('the Newcombe p-value inverts the interval: p < alpha exactly when the lower bound clears −margin', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 1, max: 200 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 1, max: 30 }).map((v) => v / 100),
        (n1, n2, f1, f2, margin) => {
          const a = { successes: Math.round(f1 * n1), trials: n1 };
          const b = { successes: Math.round(f2 * n2), trials: n2 };
          const r = nonInferiorityProportions(a, b, { margin });
          expect(r.pValue >= 0 && r.pValue <= 1).toBe(true);
          const atAlpha = nonInferiorityProportions(a, b, { margin, alpha: Math.min(0.49, Math.max(1e-6, r.pValue)) });
          expect(Math.abs(atAlpha.ci[0] + margin)).toBeLessThan(r.pValue > 1e-6 && r.pValue < 0.49 ? 1e-9 : Infinity);
          if (Math.abs(r.pValue - 0.05) > 1e-9) expect(r.nonInferior).toBe(r.pValue < 0.05);
        },
      ),
    );
  });

  test('refuses impossible counts and the degenerate Wald case', () => {
    expect(() => nonInferiorityProportions({ successes: 11, trials: 10 }, { successes: 1, trials: 10 }, { margin: 0.1 })).toThrow(
      'newArm.successes must be an integer in [0, 10], got 11',
    );
    expect(() =>
      nonInferiorityProportions({ successes: 10, trials: 10 }, { successes: 10, trials: 10 }, { margin: 0.1, method: 'wald' }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[ShadowOptionError: nonInferiorityProportions: the Wald standard error is 0 (both proportions are 0 or 1); use method 'newcombe']`,
    );
    const n = nonInferiorityProportions({ successes: 10, trials: 10 }, { successes: 10, trials: 10 }, { margin: 0.1 });
    expect(n.ci[0]).toBeLessThan(0); // Newcombe stays informative at the boundary
  });
});
