import { describe, expect, test } from 'vitest';
import { compareEquivalence } from '../../src/outputs/compareEquivalence.js';
import { renderReport } from '../../src/report/renderReport.js';
import { adjustPValues } from '../../src/stats/adjustPValues.js';
import { createRng } from '../../src/stats/_internal/prng.js';
import { cases, expectRel, ref } from '../_helpers/statsModelsReference.js';

const normals = (seed: number, n: number, mu: number, sd: number) => {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => mu + sd * rng.nextNormal());
};

describe('compareEquivalence', () => {
  test.each(cases(ref.tostPaired))('paired: interval and verdict agree with SciPy (case %i)', (_i, c) => {
    const r = compareEquivalence(c.y, c.x, { margin: c.margin, alpha: c.alpha, paired: true });
    expectRel(r.tCi![0], c.ci[0], 1e-9, c.call);
    expectRel(r.tCi![1], c.ci[1], 1e-9, c.call);
    expectRel(r.pValue!, Math.max(c.pLower, c.pUpper), 1e-9, c.call);
    // the verdict's interval contains SciPy's t interval (it is the hull with the bootstrap-t when
    // the differences are skewed) and decides as documented
    expect(r.ci![0]).toBeLessThanOrEqual(r.tCi![0]);
    expect(r.ci![1]).toBeGreaterThanOrEqual(r.tCi![1]);
    const inside = r.ci![0] > -c.margin && r.ci![1] < c.margin && Math.abs(r.skewness!) <= 0.1;
    const outside = r.ci![0] >= c.margin || r.ci![1] <= -c.margin;
    expect(r.verdict).toBe(inside ? 'pass' : outside ? 'fail' : 'inconclusive');
    expect(r.supportedMargin).toBeCloseTo(Math.max(Math.abs(r.ci![0]), Math.abs(r.ci![1])), 12);
  });

  test.each(cases(ref.tostWelch))('Welch: interval agrees with SciPy (case %i)', (_i, c) => {
    const r = compareEquivalence(c.y, c.x, { margin: c.margin, alpha: c.alpha });
    expect(r.method).toBe('Welch TOST');
    expectRel(r.tCi![0], c.ci[0], 1e-9, c.call);
    expectRel(r.df!, c.df, 1e-12, c.call);
  });

  test('passes when a large paired sample differs by far less than the margin', () => {
    const legacy = normals(1, 2000, 0.5, 0.1);
    const shadow = legacy.map((v, i) => v + 0.001 * Math.sin(i));
    const r = compareEquivalence(legacy, shadow, { margin: 0.005, paired: true });
    expect(r.verdict).toBe('pass');
    expect(r.reasons).toEqual([]);
  });

  test('fails when the difference is shown beyond the margin, inconclusive when the sample is too small', () => {
    const legacy = normals(2, 200, 0.5, 0.1);
    expect(compareEquivalence(legacy, legacy.map((v) => v + 0.05 + 0.001 * v), { margin: 0.01, paired: true }).verdict).toBe('fail');
    const r = compareEquivalence(legacy.slice(0, 5), normals(3, 5, 0.5, 0.1), { margin: 0.01 });
    expect(r.verdict).toBe('inconclusive');
    expect(r.reasons[0].code).toBe('EQUIVALENCE_NOT_SHOWN');
    expect(r.requiredN).toBeGreaterThan(5);
  });

  test('the inconclusive message says which margin the data support', () => {
    const legacy = [0.61, 0.42, 0.55, 0.48, 0.7, 0.52, 0.39, 0.58];
    const shadow = [0.6, 0.45, 0.57, 0.47, 0.74, 0.5, 0.41, 0.6];
    expect(renderReport(compareEquivalence(legacy, shadow, { margin: 0.01, paired: true }))).toMatchInlineSnapshot(`
      "Equivalence not shown (inconclusive): the 90% CI of the mean difference (shadow − legacy), [-0.005134, 0.02577], reaches beyond the margin ±0.01.

      Observed vs required (paired TOST, α = 0.05 per side):
        difference     0.01125 (shadow mean 0.5425 − legacy mean 0.5313)
        90% CI         [-0.005134, 0.02577]   required inside (−0.01, 0.01), beyond by 0.01577 · t ∪ bootstrap-t (seed 0, 1,999 resamples, skewness γ -0.07531)
        TOST p-value   0.5625 (lower 0.01378, upper 0.5625)   required < 0.05
        sample         n 8 pairs · sd legacy 0.1018, shadow 0.1066, differences 0.02167 · df 7

      Supported margin: these data show equivalence only for a margin > 0.02577; ±0.01 needs about 42 pairs at 80% power (if the true difference is 0).
      Hint: collect more scores (about 42 pairs) or, if a difference of 0.027 is benign, widen margin to 0.027."
    `);
  });

  test('bad input throws; empty input fails; one value or zero variance is inconclusive', () => {
    expect(() => compareEquivalence([1, 2], [1, NaN], { margin: 1 })).toThrowErrorMatchingInlineSnapshot(
      `[ShadowOptionError: compareEquivalence: shadow[1] must be a finite number, got NaN]`,
    );
    expect(() => compareEquivalence([1, 2, 3], [1, 2], { margin: 1, paired: true })).toThrow(
      'paired data must have one shadow value per legacy value, got 2 shadow and 3 legacy',
    );
    expect(() => compareEquivalence([1, 2], [1, 2], { margn: 1 } as never)).toThrow("unknown option 'margn'; did you mean 'margin'?");
    expect(() => compareEquivalence([1, 2], 'x' as never, { margin: 1 })).toThrow('shadow (the received value) must be an array of values, a Map');
    expect(compareEquivalence([1, 2], [], { margin: 1 }).verdict).toBe('fail');
    expect(compareEquivalence([1, 2], [1], { margin: 1 }).reasons[0].code).toBe('TOO_FEW_VALUES');
    const same = compareEquivalence([1, 2, 3], [1, 2, 3], { margin: 0.1, paired: true });
    expect([same.verdict, same.reasons[0].code]).toEqual(['inconclusive', 'ZERO_VARIANCE']);
    const shifted = compareEquivalence([1, 2, 3], [1.5, 2.5, 3.5], { margin: 0.1, paired: true });
    expect([shifted.verdict, shifted.reasons[0].code]).toEqual(['fail', 'CONSTANT_DIFFERENCE_BEYOND_MARGIN']);
  });

  test('pairs Maps by key and rows by key, reporting unpaired and duplicated keys instead of fanning out', () => {
    const legacy = new Map([['a', 1], ['b', 2], ['c', 3], ['d', 4]]);
    const shadow = new Map([['d', 4.1], ['c', 3.05], ['b', 1.98], ['e', 9]]);
    const r = compareEquivalence(legacy, shadow, { margin: 1, paired: true });
    expect(r.n).toEqual({ legacy: 3, shadow: 3 });
    expect(r.difference).toBeCloseTo((0.1 + 0.05 - 0.02) / 3, 12);
    expect(r.pairing).toMatchObject({ by: 'map key', missing: 1, extra: 1 });
    expect(r.verdict).toBe('inconclusive');
    expect(r.reasons.map((x) => x.code)).toContain('PAIRING_INCOMPLETE');

    const lrows = [{ id: 1, s: 0.5 }, { id: 2, s: 0.6 }, { id: 3, s: 0.7 }, { id: 3, s: 0.71 }];
    const srows = [{ id: 3, s: 0.7 }, { id: 2, s: 0.61 }, { id: 1, s: 0.52 }];
    const k = compareEquivalence(lrows, srows, { margin: 1, paired: true, key: 'id', value: 's' });
    expect(k.n.shadow).toBe(2); // id 3 is duplicated on the legacy side: excluded, not fanned out
    expect(k.pairing).toMatchObject({ by: 'row key', duplicates: 1 });
    expect(() => compareEquivalence(lrows, srows, { margin: 1, paired: true, value: 's' })).toThrow('paired rows need a key option');
  });

  test('a family adjusts the TOST p-value (Holm, unseen members at p = 1) and can turn a pass inconclusive', () => {
    const legacy = normals(4, 60, 0.5, 0.1);
    const shadow = legacy.map((v, i) => v + 0.02 * Math.sin(i * 7));
    // the margin at which the TOST p-value is 0.03: its α = 0.03 interval just fits inside
    const margin = compareEquivalence(legacy, shadow, { margin: 1, alpha: 0.03, paired: true }).supportedMargin! * 1.000001;
    const alone = compareEquivalence(legacy, shadow, { margin, paired: true });
    expect(alone.verdict).toBe('pass');
    expect(alone.pValue).toBeCloseTo(0.03, 5);
    const f = compareEquivalence(legacy, shadow, { margin, paired: true, family: { name: 'm', size: 4, pValues: [0.3] } });
    expect(f.family!.adjustedPValue).toBeCloseTo(adjustPValues([alone.pValue!, 0.3, 1, 1], 'holm')[0], 15);
    expect(f.family!.adjustedPValue).toBeGreaterThan(0.05);
    expect([f.verdict, f.reasons[0].code]).toEqual(['inconclusive', 'FAMILY_ADJUSTED']);
    expect(() => compareEquivalence(legacy, shadow, { margin: 0.1, family: { name: 'm', size: 1, pValues: [0.3] } })).toThrow(
      "family 'm' has size 1 but this is member 2",
    );
  });

  test('false-pass rate at a true difference equal to the margin is at most α (seeded simulation)', () => {
    // 800 replications per design (the bootstrap-t runs on most samples); pass = the engine's verdict is 'pass'. At μ = ±δ the TOST's
    // binding one-sided test has exact size α under normality, so the pass rate must be ≤ α.
    // Allowance for Monte-Carlo error: 2.58·√(α(1 − α)/R) (one-sided 99.5%); the floor shows the
    // engine is not trivially conservative (it does pass near the boundary about α of the time).
    // (A 40,000-replication run of the same designs, seed 99, gave 0.0473 paired and 0.0501 Welch.)
    const alpha = 0.05;
    const R = 800;
    const ceiling = alpha + 2.58 * Math.sqrt((alpha * (1 - alpha)) / R);
    const rng = createRng(20261123);
    const rates: Record<string, number> = {};
    for (const [design, n, margin] of [['paired', 20, 0.3], ['welch', 25, 1.0]] as const) {
      for (const sign of [1, -1]) {
        let passes = 0;
        for (let rep = 0; rep < R; rep++) {
          const legacy = Array.from({ length: n }, () => rng.nextNormal());
          const shadow =
            design === 'paired'
              ? legacy.map((v) => v + sign * margin + 0.6 * rng.nextNormal())
              : Array.from({ length: n + 5 }, () => sign * margin + 1.3 * rng.nextNormal());
          if (compareEquivalence(legacy, shadow, { margin, paired: design === 'paired', alpha }).verdict === 'pass') passes++;
        }
        rates[`${design} ${sign > 0 ? '+' : '−'}δ`] = passes / R;
      }
    }
    for (const [name, rate] of Object.entries(rates)) {
      expect(rate, name).toBeLessThanOrEqual(ceiling);
      expect(rate, name).toBeGreaterThan(alpha / 2);
    }
  });
});
