/** wasserstein1 and energyDistance against SciPy, with metric properties. */
import { describe, expect, test } from 'vitest';
import { fc } from '@fast-check/vitest';
import { energyDistance } from '../../src/stats/energyDistance.js';
import { wasserstein1 } from '../../src/stats/wasserstein1.js';
import { cases, expectRel, ref } from '../_helpers/statsModelsReference.js';

const sample = fc.array(fc.integer({ min: -500, max: 500 }).map((v) => v / 100), { minLength: 1, maxLength: 40 });

describe('wasserstein1', () => {
  test.each(cases(ref.distances))('agrees with scipy.stats.wasserstein_distance (case %i)', (_i, c) => {
    expectRel(wasserstein1(c.u, c.v).statistic, c.wasserstein, 1e-9, c.call);
  });

  test('is symmetric, zero on identical samples, and exactly |c| for a shift by c', () => {
    fc.assert(
      fc.property(sample, sample, fc.integer({ min: -300, max: 300 }).map((v) => v / 16), (u, v, c) => {
        expect(wasserstein1(u, v).statistic).toBeCloseTo(wasserstein1(v, u).statistic, 9);
        expect(wasserstein1(u, u).statistic).toBe(0);
        expect(wasserstein1(u, u.map((x) => x + c)).statistic).toBeCloseTo(Math.abs(c), 9);
      }),
    );
  });

  test('the bootstrap interval is seeded and replays; its ends bracket the bootstrap distribution', () => {
    const c = ref.distances[0];
    const a = wasserstein1(c.u, c.v, { bootstrap: { seed: 5, nResamples: 300 } });
    const b = wasserstein1(c.u, c.v, { bootstrap: { seed: 5, nResamples: 300 } });
    const d = wasserstein1(c.u, c.v, { bootstrap: { seed: 6, nResamples: 300 } });
    expect(a.ci).toEqual(b.ci);
    expect(d.ci!.upper).not.toBe(a.ci!.upper);
    expect(a.ci!.seed).toBe(5);
    expect(a.ci!.lower).toBeGreaterThanOrEqual(0);
    expect(a.ci!.lower).toBeLessThanOrEqual(a.statistic);
    expect(a.ci!.lower).toBeLessThan(a.ci!.upper);
    expect(a.ci!.confidenceLevel).toBeCloseTo(0.9, 12);
  });

  test('refuses empty or non-finite samples', () => {
    expect(() => wasserstein1([], [1])).toThrowErrorMatchingInlineSnapshot(`[ShadowOptionError: wasserstein1: u needs at least 1 value, got 0]`);
    expect(() => wasserstein1([1], [NaN, 2, NaN])).toThrow('v[0] must be a finite number, got NaN (2 non-finite values in v)');
    expect(() => wasserstein1([1], [2], { bootstrap: { seed: -1 } })).toThrow('bootstrap.seed must be an integer in [0, 4294967295], got -1');
  });
});

describe('energyDistance', () => {
  test.each(cases(ref.distances))('agrees with scipy.stats.energy_distance (case %i)', (_i, c) => {
    expectRel(energyDistance(c.u, c.v).statistic, c.energy, 1e-9, c.call);
  });

  test('equals √(2E|X−Y| − E|X−X′| − E|Y−Y′|) (Székely) and is symmetric', () => {
    const mean = (f: (a: number, b: number) => number, u: number[], v: number[]) => {
      let s = 0;
      for (const a of u) for (const b of v) s += f(a, b);
      return s / (u.length * v.length);
    };
    fc.assert(
      fc.property(sample, sample, (u, v) => {
        const abs = (a: number, b: number) => Math.abs(a - b);
        const expected = Math.sqrt(Math.max(0, 2 * mean(abs, u, v) - mean(abs, u, u) - mean(abs, v, v)));
        expect(energyDistance(u, v).statistic).toBeCloseTo(expected, 7);
        expect(energyDistance(v, u).statistic).toBeCloseTo(energyDistance(u, v).statistic, 9);
      }),
    );
  });
});

describe('distances of two weightings of one sorted sample (the bootstrap fast path)', () => {
  test('equal the merge of two separate arrays with the same values', async () => {
    const { cdfDistancePower, ksStatistic } = await import('../../src/stats/_internal/weightedSample.js');
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: -20, max: 20 }), fc.nat({ max: 4 }), fc.nat({ max: 4 })), { minLength: 1, maxLength: 30 }), (rows) => {
        fc.pre(rows.some(([, a]) => a > 0) && rows.some(([, , b]) => b > 0));
        rows.sort((p, q) => p[0] - q[0]);
        const values = Float64Array.from(rows, ([v]) => v);
        const wa = Float64Array.from(rows, ([, a]) => a);
        const wb = Float64Array.from(rows, ([, , b]) => b);
        const total = (w: Float64Array) => w.reduce((s, x) => s + x, 0);
        const a = { values, weights: wa, total: total(wa) };
        const shared = { values, weights: wb, total: total(wb) };
        const copy = { values: values.slice(), weights: wb, total: total(wb) };
        for (const p of [1, 2] as const) expect(cdfDistancePower(a, shared, p)).toBeCloseTo(cdfDistancePower(a, copy, p), 12);
        expect(ksStatistic(a, shared)).toBeCloseTo(ksStatistic(a, copy), 12);
      }),
    );
  });
});
