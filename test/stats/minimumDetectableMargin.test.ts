import { describe, expect, test } from 'vitest';
import { minimumDetectableMargin } from '../../src/stats/minimumDetectableMargin.js';
import { tostPaired } from '../../src/stats/tostPaired.js';
import { cases, expectRel, ref } from '../_helpers/statsModelsReference.js';

describe('minimumDetectableMargin', () => {
  test.each(cases(ref.minimumDetectableMargin))('agrees with the SciPy t-quantile formula (case %i)', (_i, c) => {
    const r = minimumDetectableMargin(c.n, { sd: c.sd, alpha: c.alpha, power: c.power, paired: c.paired });
    expectRel(r.margin, c.margin, 1e-9, c.call);
    // The exact TOST power at that margin (integrated over the law of s in the script) is close to
    // the requested power: the approximation the docs promise ("within about a percentage point").
    if (c.exactPower !== undefined) expect(Math.abs(c.exactPower - c.power)).toBeLessThan(0.01);
  });

  test('with samples, the margin uses their SDs and shrinks like 1/√n', () => {
    const x = Array.from({ length: 40 }, (_, i) => Math.sin(i) + i / 100);
    const y = Array.from({ length: 40 }, (_, i) => Math.cos(i));
    const small = minimumDetectableMargin({ x, y });
    const big = minimumDetectableMargin({ x: [...x, ...x, ...x, ...x], y: [...y, ...y, ...y, ...y] });
    expect(big.margin / small.margin).toBeGreaterThan(0.45);
    expect(big.margin / small.margin).toBeLessThan(0.55);
    const paired = minimumDetectableMargin({ x, y }, { paired: true });
    expect(paired.n).toBe(40);
  });

  test('a TOST at the planned margin on data with exactly the planned SD and mean 0 declares equivalence', () => {
    // Differences ±1 alternating: mean 0, sd = √(n/(n−1)). The interval half-width is t·se, below the
    // margin, which adds a power quantile on top.
    const n = 50;
    const d = Array.from({ length: n }, (_, i) => (i % 2 ? 1 : -1));
    const sd = Math.sqrt(n / (n - 1));
    const { margin } = minimumDetectableMargin(n, { sd, paired: true });
    expect(tostPaired(d, d.map(() => 0), { margin }).equivalent).toBe(true);
  });

  test('names the missing or bad option', () => {
    expect(() => minimumDetectableMargin(30)).toThrowErrorMatchingInlineSnapshot(
      `[ShadowOptionError: minimumDetectableMargin: sd is required with a sample size (the SD of the scores in each group)]`,
    );
    expect(() => minimumDetectableMargin(30, { sd: 1, power: 1 })).toThrow('power must be in (0, 1), got 1');
    expect(() => minimumDetectableMargin(1, { sd: 1 })).toThrow('n must be an integer >= 2, got 1');
  });
});
