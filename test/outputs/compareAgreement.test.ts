import { describe, expect, test } from 'vitest';
import { compareAgreement } from '../../src/outputs/compareAgreement.js';
import { renderReport } from '../../src/report/renderReport.js';
import { mcnemar } from '../../src/stats/mcnemar.js';
import { createRng } from '../../src/stats/_internal/prng.js';

describe('compareAgreement', () => {
  test('the Clopper-Pearson bounds match SciPy; 3 of 3 agreeing shows nothing', () => {
    // k = n = 3: the exact one-sided lower bound is α^(1/n) = 0.05^(1/3) = 0.3684031498640387
    // (scipy.stats.beta.ppf(0.05, 3, 1))
    const r = compareAgreement(['a', 'b', 'a'], ['a', 'b', 'a'], { minAgreement: 0.9 });
    expect(r.lower).toBeCloseTo(0.3684031498640387, 12);
    expect(r.upper).toBe(1);
    expect(r.verdict).toBe('inconclusive');
    // 150 of 160: scipy.stats.binomtest(150, 160, alternative='greater').proportion_ci(0.95).low
    // = beta.ppf(0.05, 150, 11) = 0.8962923048056296; alternative='less' high = beta.isf(0.05, 151, 10)
    // = 0.9657029851676503
    const legacy = Array.from({ length: 160 }, (_, i) => i % 2);
    const shadow = legacy.map((v, i) => (i < 10 ? 1 - v : v));
    const b = compareAgreement(legacy, shadow, { minAgreement: 0.5 });
    expect(b.lower).toBeCloseTo(0.8962923048056296, 12);
    expect(b.upper).toBeCloseTo(0.9657029851676503, 12);
  });

  test('false pass and false fail are each at most α at agreement = minAgreement (exact enumeration and seeded simulation)', () => {
    // Issue 11: Wilson gave 7.2% false pass (min 0.9, n = 25) and 19.8% false fail (min 0.99, n = 22).
    // Exact: sum the Binomial(n, min) probabilities of the k whose verdict is pass (or fail).
    const pmf = (k: number, n: number, p: number) => {
      let lg = 0;
      for (let i = 1; i <= k; i++) lg += Math.log((n - k + i) / i);
      return Math.exp(lg + k * Math.log(p) + (n - k) * Math.log1p(-p));
    };
    const verdictAt = (k: number, n: number, min: number) =>
      compareAgreement(Array.from({ length: n }, () => 1), Array.from({ length: n }, (_, i) => (i < n - k ? 0 : 1)), { minAgreement: min }).verdict;
    const worst = { pass: 0, fail: 0 };
    for (const min of [0.8, 0.9, 0.95, 0.99]) {
      for (const n of [5, 10, 22, 25, 50, 100, 300]) {
        let pass = 0;
        let fail = 0;
        for (let k = 0; k <= n; k++) {
          const v = verdictAt(k, n, min);
          if (v === 'pass') pass += pmf(k, n, min);
          if (v === 'fail') fail += pmf(k, n, min);
        }
        worst.pass = Math.max(worst.pass, pass);
        worst.fail = Math.max(worst.fail, fail);
      }
    }
    expect(worst.pass).toBeLessThanOrEqual(0.05);
    expect(worst.fail).toBeLessThanOrEqual(0.05);
    expect(worst.fail).toBeGreaterThan(0.02); // not vacuous: exact bounds do fail near α
    // Seeded simulation of the two designs, 2,000 replications each (SE ≈ 0.5 points).
    const rng = createRng(11);
    const R = 2000;
    for (const [min, n, bad] of [[0.9, 25, 'pass'], [0.99, 22, 'fail']] as const) {
      let hits = 0;
      for (let rep = 0; rep < R; rep++) {
        const legacy = Array.from({ length: n }, (_, i) => i % 3);
        const shadow = legacy.map((v) => (rng.nextFloat() < min ? v : v + 1));
        if (compareAgreement(legacy, shadow, { minAgreement: min }).verdict === bad) hits++;
      }
      expect(hits / R, `${bad} at min ${min}, n ${n}`).toBeLessThanOrEqual(0.05 + 2 * Math.sqrt((0.05 * 0.95) / R));
    }
  });

  test('passes for a large sample agreeing well above the bar, fails far below it', () => {
    const legacy = Array.from({ length: 5000 }, (_, i) => (i % 3 === 0 ? 'buy' : 'skip'));
    const shadow = legacy.map((v, i) => (i % 250 === 0 ? (v === 'buy' ? 'skip' : 'buy') : v));
    expect(compareAgreement(legacy, shadow, { minAgreement: 0.99 }).verdict).toBe('pass');
    expect(compareAgreement(legacy, shadow, { minAgreement: 0.999 }).verdict).toBe('fail');
  });

  test('McNemar on the classes (two classes) and on correctness (with labels) uses the discordant counts', () => {
    const legacy = [1, 1, 0, 0, 1, 0, 1, 1, 0, 0];
    const shadow = [1, 0, 0, 1, 1, 0, 0, 1, 0, 0];
    const r = compareAgreement(legacy, shadow, { minAgreement: 0.5 });
    // classes sorted: "0" then "1"; b = legacy 0 → shadow 1 (1), c = legacy 1 → shadow 0 (2)
    expect([r.mcnemar!.b.count, r.mcnemar!.c.count]).toEqual([1, 2]);
    expect(r.mcnemar!.pValue).toBe(mcnemar([[5, 1], [2, 2]]).pValue);
    const truth = [1, 1, 0, 0, 1, 0, 0, 1, 0, 1];
    const withLabels = compareAgreement(legacy, shadow, { minAgreement: 0.5, labels: truth });
    // legacy right & shadow wrong at i = 1, 3; legacy wrong & shadow right at i = 6; both wrong at i = 9
    expect(withLabels.mcnemar!.table).toBe('correctness');
    expect([withLabels.mcnemar!.b.count, withLabels.mcnemar!.c.count]).toEqual([2, 1]);
    expect(withLabels.accuracy).toEqual({ legacy: 0.8, shadow: 0.7 });
  });

  test('a failure shows the rate, the bounds, the most frequent disagreements and examples', () => {
    const legacy = Array.from({ length: 400 }, (_, i) => ['cat', 'dog', 'bird'][i % 3]);
    const shadow = legacy.map((v, i) => (i % 17 === 0 ? 'dog' : i % 29 === 0 ? 'cat' : v));
    expect(renderReport(compareAgreement(legacy, shadow, { minAgreement: 0.97, label: 'species' }))).toMatchInlineSnapshot(`
      "[species] Shadow predictions disagree with legacy: 375 of 400 predictions agree (93.75%), 97.00% required.

      Observed vs required (Clopper-Pearson bounds, 95% one-sided):
        agreement      93.75%, bounds [91.38%, 95.62%]   required lower bound ≥ 97.00%, short by 5.62 pp

      Most frequent disagreements:
        legacy  shadow  count
        "bird"  "dog"       8
        "cat"   "dog"       8
        "bird"  "cat"       5
        "dog"   "cat"       4

      Examples (legacy vs shadow):
        input  legacy  shadow
        #0     "cat"   "dog"
        #17    "bird"  "dog"
        #29    "bird"  "cat"
        #51    "cat"   "dog"
        #58    "dog"   "cat"
      Note: McNemar's test needs two classes or true labels; the predictions have 3 classes
      Hint: if 91.3% agreement is acceptable, lower minAgreement to 0.913."
    `);
  });

  test('bad options and values throw; an empty input fails', () => {
    expect(() => compareAgreement([1], [1], { minAgreement: 1 })).toThrowErrorMatchingInlineSnapshot(`[ShadowOptionError: compareAgreement: minAgreement must be in (0, 1), got 1; no sample shows 100% agreement with confidence — for exact agreement use toApproximatelyMatch]`);
    expect(() => compareAgreement([1, null] as never, [1, 2], { minAgreement: 0.9 })).toThrow('legacy[1] must be a class (string, finite number or boolean), got null');
    expect(compareAgreement([], [], { minAgreement: 0.9 }).verdict).toBe('fail');
  });
});
