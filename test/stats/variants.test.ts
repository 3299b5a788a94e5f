import { describe, expect, it } from 'vitest';
import ref from './reference/variants.json' with { type: 'json' };
import { relativeError } from './_reference.js';
import { binomialTest } from '../../src/stats/binomialTest.js';
import { chiSquareTest } from '../../src/stats/chiSquareTest.js';
import { energyDistance } from '../../src/stats/energyDistance.js';
import { wasserstein1 } from '../../src/stats/wasserstein1.js';
import { tostPaired } from '../../src/stats/tostPaired.js';
import { tostWelch } from '../../src/stats/tostWelch.js';
import type { Alternative } from '../../src/stats/testResult.js';

// The variants users bring from SciPy (issue 11). Expected values: SciPy 1.17 via
// test/stats/reference/generate_variants.py; every entry quotes its call. The TOST variants
// (Student, asymmetric bounds) are checked through the far tail in farTail.test.ts and here.

describe('variants agree with SciPy', () => {
  it(`binomialTest ciMethod 'wilson', 'wilsoncc' and 'exact' (${ref.binomial.length} intervals)`, () => {
    const bad = ref.binomial.flatMap((c) => {
      const r = binomialTest(c.k, c.n, { alternative: c.alternative as Alternative, confidenceLevel: c.confidenceLevel, ciMethod: c.ciMethod as 'wilson' });
      const tol = c.ciMethod === 'exact' ? 1e-9 : 1e-12;
      const e1 = Math.abs(r.confidenceInterval.lower - c.lower);
      const e2 = Math.abs(r.confidenceInterval.upper - c.upper);
      return e1 <= tol && e2 <= tol ? [] : [`${c.call}: SciPy [${c.lower}, ${c.upper}], got [${r.confidenceInterval.lower}, ${r.confidenceInterval.upper}]`];
    });
    expect(ref.binomial.length).toBeGreaterThanOrEqual(100);
    expect(bad).toEqual([]);
  });

  it(`weighted wasserstein1 and energyDistance (u_weights, v_weights; ${ref.weighted.length} cases)`, () => {
    const bad = ref.weighted.flatMap((c) => {
      const f = c.fn === 'wasserstein1' ? wasserstein1 : energyDistance;
      const got = f(c.u, c.v, { uWeights: c.uWeights, vWeights: c.vWeights }).statistic;
      return relativeError(got, c.expected) <= 1e-12 ? [] : [`${c.call}: SciPy ${c.expected}, got ${got}`];
    });
    expect(bad).toEqual([]);
    expect(() => wasserstein1([1, 2], [3], { uWeights: [1, -1] })).toThrowErrorMatchingInlineSnapshot(`[ShadowOptionError: wasserstein1: uWeights[1] must be a finite number >= 0, got -1]`);
    expect(() => energyDistance([1, 2], [3], { vWeights: [1, 2] })).toThrowErrorMatchingInlineSnapshot(`[ShadowOptionError: energyDistance: vWeights must have one weight per value (1), got 2]`);
  });

  it(`chiSquareTest lambda: the Cressie-Read power-divergence family (${ref.powerDivergence.length} cases)`, () => {
    const bad = ref.powerDivergence.flatMap((c) => {
      const r = chiSquareTest(c.fObs, { ...(c.fExp ? { expected: c.fExp } : {}), lambda: c.lambda as number });
      const ok = relativeError(r.statistic, c.statistic) <= 1e-10 && relativeError(r.pValue, c.pValue) <= 1e-9;
      return ok ? [] : [`${c.call}: SciPy ${c.statistic} p ${c.pValue}, got ${r.statistic} p ${r.pValue}`];
    });
    expect(ref.powerDivergence.length).toBeGreaterThanOrEqual(25);
    expect(bad).toEqual([]);
    expect(() => chiSquareTest([1, 2], { lambda: 'chi' as never })).toThrow("lambda must be a finite number or one of 'pearson'");
  });

  it('tostWelch and tostPaired take asymmetric bounds and the pooled (Student) form', () => {
    const x = [0.51, 0.49, 0.5, 0.52, 0.48, 0.53, 0.5];
    const y = [0.5, 0.47, 0.53, 0.5, 0.5, 0.46, 0.49];
    const sym = tostWelch(x, y, { margin: 0.05 });
    const asym = tostWelch(x, y, { bounds: { low: -0.05, high: 0.05 } });
    expect(asym.pValue).toBe(sym.pValue);
    expect([asym.margin, asym.low, asym.high]).toEqual([null, -0.05, 0.05]);
    // one-sided: "not worse by more than 0.05" — the upper test is vacuous (p 0)
    const ni = tostWelch(x, y, { bounds: { low: -0.05, high: Infinity } });
    expect([ni.pUpper, ni.pValue]).toEqual([0, ni.pLower]);
    expect(tostWelch(x, y, { margin: 0.05, equalVariance: true }).method).toBe('Student TOST');
    // pooled df = n_x + n_y − 2 (scipy.stats.ttest_ind(..., equal_var=True).df)
    expect(tostWelch(x, y, { margin: 0.05, equalVariance: true }).df).toBe(12);
    // the lower test of bounds (−0.02, 0.06) is the lower test of margin 0.02; the upper one that of margin 0.06
    const pb = tostPaired(x, y, { bounds: { low: -0.02, high: 0.06 } });
    expect(pb.pLower).toBe(tostPaired(x, y, { margin: 0.02 }).pLower);
    expect(pb.pUpper).toBe(tostPaired(x, y, { margin: 0.06 }).pUpper);
    expect(() => tostPaired(x, y, { margin: 0.1, bounds: { low: -1, high: 1 } })).toThrow('give either margin (symmetric) or bounds');
    expect(() => tostWelch(x, y, { bounds: { low: 1, high: -1 } })).toThrow('bounds must satisfy low < high');
  });
});

describe('psi binning variants agree with the NumPy reference', () => {
  it(`equal-width, given edges and quantile bins, both edge sides, the eps floor (${ref.psi.length} cases)`, async () => {
    const { psi } = await import('../../src/stats/psi.js');
    for (const c of ref.psi) {
      const binning = Array.isArray(c.binning) ? (c.binning as number[]) : (c.binning as 'quantile' | 'equal-width');
      const r = psi(c.reference, c.actual, { binning, ...(c.bins ? { bins: c.bins } : {}), edgeSide: c.edgeSide as 'left', epsilon: c.epsilon });
      expect(r.edges, c.call).toEqual(c.edges);
      expect(r.table.map((b) => b.count.reference), c.call).toEqual(c.referenceCounts);
      expect(r.table.map((b) => b.count.actual), c.call).toEqual(c.actualCounts);
      expect(relativeError(r.statistic, c.expected), `${c.call}: ${c.expected} vs ${r.statistic}`).toBeLessThanOrEqual(1e-12);
      for (const b of r.table) expect(b.floored.actual).toBe(b.actual > 0 ? b.actual : c.epsilon);
    }
    expect(ref.psi.length).toBe(12);
  });

  it('psiFromCounts takes counts or proportions and floors empty bins', async () => {
    const { psiFromCounts } = await import('../../src/stats/psi.js');
    for (const c of ref.psiFromCounts) expect(relativeError(psiFromCounts(c.reference, c.actual).statistic, c.expected), c.call).toBeLessThanOrEqual(1e-12);
    expect(() => psiFromCounts([1, 2], [1, 2, 3])).toThrowErrorMatchingInlineSnapshot(`[ShadowOptionError: psiFromCounts: reference and actual must have one entry per bin, got 2 and 3]`);
  });
});

describe('andersonDarlingKSample variants agree with SciPy', () => {
  it(`the non-midrank (right) statistic, and the midrank one (${ref.andersonDarling.length} cases)`, async () => {
    const { andersonDarlingKSample } = await import('../../src/stats/andersonDarlingKSample.js');
    for (const c of ref.andersonDarling) {
      const r = andersonDarlingKSample(c.samples, { variant: c.variant as 'right' });
      expect(relativeError(r.statistic, c.statistic), `${c.call}: SciPy ${c.statistic}, got ${r.statistic}`).toBeLessThanOrEqual(1e-10);
      expect(r.variant).toBe(c.variant);
    }
  });

  it('the seeded permutation p-value agrees with SciPy PermutationMethod within Monte-Carlo error and replays by seed', async () => {
    const { andersonDarlingKSample } = await import('../../src/stats/andersonDarlingKSample.js');
    const B = 1999;
    for (const c of ref.andersonDarling) {
      const r = andersonDarlingKSample(c.samples, { variant: c.variant as 'right', permutations: B, seed: 7 });
      const p = c.permutationPValue;
      // SE of ours (B = 1,999) and of SciPy's (20,000 resamples or exact), 4 SE allowance
      const se = Math.sqrt((p * (1 - p)) / B) + Math.sqrt((p * (1 - p)) / 20000);
      expect(Math.abs(r.pValue - p), `${c.permutationCall}: SciPy ${p}, got ${r.pValue}`).toBeLessThanOrEqual(4 * se);
      expect(r.permutation).toEqual({ resamples: B, seed: 7 });
      expect(andersonDarlingKSample(c.samples, { variant: c.variant as 'right', permutations: B, seed: 7 }).pValue).toBe(r.pValue);
    }
  });
});
