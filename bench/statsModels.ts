/**
 * Model-output statistics benchmark: DeLong on 100,000 labelled examples (two correlated
 * scorers), the equivalence checks (paired and Welch TOST) on 1,000,000 vs 1,000,000 scores, and
 * the distribution check (KS with its DKW bound, Wasserstein-1 and PSI with 199 bootstrap
 * resamples) on 100,000 vs 100,000 scores. Inputs are built in setup.
 */
import { compareDistribution, compareEquivalence, delongTest } from '../src/index.js';
import { createRng } from '../src/stats/_internal/prng.js';
import type { BenchCase } from './_lib.js';

function scores(n: number, seed: number) {
  const rng = createRng(seed);
  const legacy = new Float64Array(n);
  const shadow = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    legacy[i] = 0.5 + 0.1 * rng.nextNormal();
    shadow[i] = legacy[i] + 0.0001 + 0.002 * rng.nextNormal();
  }
  return { legacy, shadow };
}

function labelled(n: number, seed: number) {
  const rng = createRng(seed);
  const labels = new Uint8Array(n);
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = rng.nextFloat() < 0.3 ? 1 : 0;
    const base = rng.nextNormal();
    a[i] = 1.2 * labels[i] + base;
    b[i] = 1.15 * labels[i] + 0.95 * base + 0.3 * rng.nextNormal();
  }
  return { labels, a, b };
}

export const statsModelsCases: BenchCase[] = [
  {
    name: 'stats-models: DeLong, 100k labelled examples',
    work: { count: 100_000, unit: 'examples' },
    setup: () => labelled(100_000, 1),
    run: ({ a, b, labels }) => delongTest(a, b, labels),
    describe: (r) => `AUC ${r.auc.a.toFixed(4)} vs ${r.auc.b.toFixed(4)}, z ${r.z.toFixed(2)}, p ${r.pValue.toExponential(2)}`,
  },
  {
    name: 'stats-models: toBeEquivalentTo engine, paired 1M',
    work: { count: 1_000_000, unit: 'pairs' },
    setup: () => scores(1_000_000, 2),
    run: ({ legacy, shadow }) => compareEquivalence(legacy, shadow, { margin: 0.001, paired: true }),
    describe: (r) => `${r.verdict}: 90% CI [${r.ci[0].toExponential(3)}, ${r.ci[1].toExponential(3)}]`,
  },
  {
    name: 'stats-models: toBeEquivalentTo engine, Welch 1M vs 1M',
    work: { count: 2_000_000, unit: 'scores' },
    setup: () => scores(1_000_000, 3),
    run: ({ legacy, shadow }) => compareEquivalence(legacy, shadow, { margin: 0.001 }),
    describe: (r) => `${r.verdict}: 90% CI [${r.ci[0].toExponential(3)}, ${r.ci[1].toExponential(3)}]`,
  },
  {
    name: 'stats-models: toMatchDistribution engine, 100k vs 100k, 199 resamples',
    runs: 1,
    work: { count: 200_000, unit: 'scores' },
    setup: () => scores(100_000, 4),
    run: ({ legacy, shadow }) => compareDistribution(legacy, shadow, { maxKs: 0.02, maxWasserstein: 0.002, maxPsi: 0.01, nResamples: 199, seed: 1 }),
    describe: (r) => `${r.verdict}: ${r.metrics.map((m: { metric: string; upper: number }) => `${m.metric} ≤ ${m.upper.toPrecision(3)}`).join(', ')}`,
  },
  {
    // issue 11's target: a bound on 1,000,000 vs 1,000,000 within 2 s on 2 cores (m-out-of-n bootstrap)
    name: 'stats-models: toMatchDistribution engine, 1M vs 1M, every metric (m-out-of-n)',
    runs: 3,
    work: { count: 2_000_000, unit: 'scores' },
    setup: () => scores(1_000_000, 5),
    run: ({ legacy, shadow }) =>
      compareDistribution(legacy, shadow, { maxKs: 0.01, maxWasserstein: 0.01, maxPsi: 0.01, maxJensenShannon: 0.02, maxEnergy: 0.01, seed: 1 }),
    describe: (r) => `${r.verdict}: ${r.metrics.map((m: { metric: string; upper: number; method: string }) => `${m.metric} ≤ ${m.upper.toPrecision(3)} (${m.method})`).join(', ')}`,
  },
];
