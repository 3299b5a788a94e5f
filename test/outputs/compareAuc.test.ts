import { describe, expect, test } from 'vitest';
import { compareAuc } from '../../src/outputs/compareAuc.js';
import { renderReport } from '../../src/report/renderReport.js';
import { normalPpf, normalSf } from '../../src/stats/distributions/normal.js';
import { createRng } from '../../src/stats/_internal/prng.js';
import { cases, expectRel, ref } from '../_helpers/statsModelsReference.js';

/** Labelled examples with two correlated scorers; `shift` lowers the shadow's separation. */
function models(seed: number, n: number, shadowSep: number) {
  const rng = createRng(seed);
  const labels = Array.from({ length: n }, () => (rng.nextFloat() < 0.3 ? 1 : 0));
  const base = labels.map(() => rng.nextNormal());
  const legacy = labels.map((y, i) => 1.2 * y + base[i]);
  const shadow = labels.map((y, i) => shadowSep * y + 0.95 * base[i] + 0.3 * rng.nextNormal());
  return { labels, legacy, shadow };
}

describe('compareAuc', () => {
  test.each(cases(ref.delong))('the difference, its DeLong SE and the non-inferiority p-value follow the reference (case %i)', (_i, c) => {
    const margin = 0.05;
    const r = compareAuc(c.b, c.a, { labels: c.labels, margin });
    expectRel(r.difference!, c.aucA - c.aucB, 1e-12, c.call);
    expectRel(r.se!, c.seDiff, 1e-9, c.call);
    expectRel(r.pValue!, normalSf((c.aucA - c.aucB + margin) / c.seDiff), 1e-9, 'norm.sf((diff + margin)/se)');
    expectRel(r.waldCi![0], c.aucA - c.aucB - normalPpf(0.95) * c.seDiff, 1e-9, 'diff − norm.ppf(0.95)·se');
    // the verdict's interval is the hull of Wald and MOVER-logit: never narrower than Wald
    expect(r.ci![0]).toBeLessThanOrEqual(r.waldCi![0]);
    expect(r.ci![1]).toBeGreaterThanOrEqual(r.waldCi![1]);
  });

  test('passes when the shadow ranks as well, fails when clearly worse, inconclusive when unclear', () => {
    const same = models(1, 3000, 1.2);
    expect(compareAuc(same.legacy, same.shadow, { labels: same.labels, margin: 0.03 }).verdict).toBe('pass');
    const worse = models(2, 3000, 0.4);
    expect(compareAuc(worse.legacy, worse.shadow, { labels: worse.labels, margin: 0.03 }).verdict).toBe('fail');
    const small = models(3, 60, 1.2);
    expect(compareAuc(small.legacy, small.shadow, { labels: small.labels, margin: 0.01 }).verdict).toBe('inconclusive');
  });

  test('an inconclusive comparison says what the lower bound was and which margin it supports', () => {
    const m = models(4, 200, 1.1);
    expect(renderReport(compareAuc(m.legacy, m.shadow, { labels: m.labels, margin: 0.01 }))).toMatchInlineSnapshot(`
      "Non-inferiority of the shadow AUC not shown (inconclusive): the 95% lower bound of AUC_shadow − AUC_legacy is -0.04518, not above −0.01.

      Observed vs required (DeLong non-inferiority, α = 0.05):
        AUC            shadow 0.7608, legacy 0.7823, difference -0.02143
        90% CI         [-0.04518, -0.0007276]   required lower end > −0.01, short by 0.03518
        p-value        0.8364 (H0: difference ≤ −0.01)   required < 0.05
        DeLong         se 0.01167, correlation of the two AUCs 0.9526
        examples       60 positive, 140 negative
      Hint: more labelled examples narrow the interval; if an AUC loss of 0.047 is acceptable, set margin to 0.047."
    `);
  });

  test('bad labels throw; too few of a class and identical rankings are inconclusive', () => {
    expect(() => compareAuc([1, 2, 3], [1, 2, 3], { labels: [1, 0, 'x'] as never, margin: 0.1 })).toThrowErrorMatchingInlineSnapshot(`[ShadowOptionError: compareAuc: labels[2] must be 0, 1, false or true, got "x"]`);
    expect(() => compareAuc([1, 2, 3], [1, 2, 3], { margin: 0.1 } as never)).toThrow('labels are required');
    expect(compareAuc([1, 2, 3, 4], [1, 2, 3, 5], { labels: [1, 0, 0, 0], margin: 0.1 }).reasons[0].code).toBe('TOO_FEW_PER_CLASS');
    const z = compareAuc([1, 2, 3, 4], [10, 20, 30, 40], { labels: [0, 0, 1, 1], margin: 0.1 });
    expect([z.verdict, z.reasons[0].code]).toEqual(['inconclusive', 'ZERO_VARIANCE']);
  });

  test('Map scores are joined with Map labels by key', () => {
    const m = models(5, 400, 1.2);
    const key = (i: number) => `x${i}`;
    const legacy = new Map(m.legacy.map((v, i) => [key(i), v]));
    const shadow = new Map(m.shadow.map((v, i) => [key(i), v]));
    const labels = new Map(m.labels.map((v, i) => [key(i), v]));
    const arrays = compareAuc(m.legacy, m.shadow, { labels: m.labels, margin: 0.05 });
    const maps = compareAuc(legacy, shadow, { labels, margin: 0.05 });
    expect(maps.difference).toBe(arrays.difference);
    labels.delete('x3');
    expect(compareAuc(legacy, shadow, { labels, margin: 0.05 }).reasons[0].code).toBe('PAIRING_INCOMPLETE');
  });
});
