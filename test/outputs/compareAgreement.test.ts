import { describe, expect, test } from 'vitest';
import { compareAgreement } from '../../src/outputs/compareAgreement.js';
import { renderReport } from '../../src/report/renderReport.js';
import { mcnemar } from '../../src/stats/mcnemar.js';

describe('compareAgreement', () => {
  test('the Wilson bounds match the closed form; 3 of 3 agreeing shows nothing', () => {
    // Wilson lower bound at z = norm.ppf(0.95) = 1.6448536269514722, k = n = 3:
    // (1 + z²/6 − z·√(z²/36)) / (1 + z²/3) = 3 / (3 + z²) = 0.52578…
    const z = 1.6448536269514722;
    const r = compareAgreement(['a', 'b', 'a'], ['a', 'b', 'a'], { minAgreement: 0.9 });
    expect(r.lower).toBeCloseTo(3 / (3 + z * z), 12);
    expect(r.verdict).toBe('inconclusive');
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

      Observed vs required (Wilson bounds, 95% one-sided):
        agreement      93.75%, bounds [91.45%, 95.46%]   required lower bound ≥ 97.00%, short by 5.55 pp

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
      Hint: if 91.4% agreement is acceptable, lower minAgreement to 0.914."
    `);
  });

  test('bad options and values throw; an empty input fails', () => {
    expect(() => compareAgreement([1], [1], { minAgreement: 1 })).toThrowErrorMatchingInlineSnapshot(`[ShadowOptionError: compareAgreement: minAgreement must be in (0, 1), got 1; no sample shows 100% agreement with confidence — for exact agreement use toApproximatelyMatch]`);
    expect(() => compareAgreement([1, null] as never, [1, 2], { minAgreement: 0.9 })).toThrow('legacy[1] must be a class (string, finite number or boolean), got null');
    expect(compareAgreement([], [], { minAgreement: 0.9 }).verdict).toBe('fail');
  });
});
