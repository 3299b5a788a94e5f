/**
 * Statistics benchmarks (part A): the two-sample tests on 1,000,000 vs 1,000,000 model scores,
 * target within ~1 s each on 2 cores. Inputs come from the seeded xoshiro128** stream of
 * src/stats (seed 20261123), rounded to 4 decimals so the rank tests see realistic ties.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync, rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchCase } from './_lib.js';
import { createRng } from '../src/stats/_internal/prng.js';
import { ksTwoSample } from '../src/stats/ksTwoSample.js';
import { mannWhitneyU } from '../src/stats/mannWhitneyU.js';
import { welchTTest } from '../src/stats/welchTTest.js';

const N = 1_000_000;

/** Legacy scores ~ N(0.5, 0.1) and shadow scores shifted by 0.0005, as Float64Arrays. */
function scores(): { legacy: Float64Array; shadow: Float64Array } {
  const rng = createRng(20261123);
  const legacy = new Float64Array(N);
  const shadow = new Float64Array(N);
  for (let i = 0; i < N; i++) legacy[i] = Math.round((0.5 + 0.1 * rng.nextNormal()) * 1e4) / 1e4;
  for (let i = 0; i < N; i++) shadow[i] = Math.round((0.5005 + 0.1 * rng.nextNormal()) * 1e4) / 1e4;
  return { legacy, shadow };
}

const p = (r: { statistic: number; pValue: number; method: string }) =>
  `${r.method}: statistic ${r.statistic.toPrecision(6)}, p ${r.pValue.toPrecision(4)}`;

export const statsCases: BenchCase[] = [
  {
    name: 'stats: ksTwoSample 1M vs 1M (asymptotic)',
    work: { count: 2 * N, unit: 'values' },
    setup: scores,
    run: ({ legacy, shadow }) => ksTwoSample(shadow, legacy),
    describe: p,
  },
  {
    name: 'stats: mannWhitneyU 1M vs 1M (asymptotic, ties)',
    work: { count: 2 * N, unit: 'values' },
    setup: scores,
    run: ({ legacy, shadow }) => mannWhitneyU(shadow, legacy),
    describe: p,
  },
  {
    name: 'stats: welchTTest 1M vs 1M',
    work: { count: 2 * N, unit: 'values' },
    setup: scores,
    run: ({ legacy, shadow }) => welchTTest(shadow, legacy),
    describe: p,
  },
  {
    name: 'stats: welchTTest 1M vs 1M from plain arrays',
    work: { count: 2 * N, unit: 'values' },
    setup: () => {
      const { legacy, shadow } = scores();
      return { legacy: Array.from(legacy), shadow: Array.from(shadow) };
    },
    run: ({ legacy, shadow }) => welchTTest(shadow, legacy),
    describe: p,
  },
  {
    // SciPy beside us on the same samples (python3 with SciPy, when present): its median time and
    // results, to compare with the two cases above (issue 11: within SciPy's time, same numbers)
    name: 'stats: SciPy 1.17 ks_2samp and ttest_ind(equal_var=False) on the same 1M vs 1M',
    runs: 1,
    work: { count: 2 * N, unit: 'values' },
    setup: () => {
      const { legacy, shadow } = scores();
      const dir = mkdtempSync(join(tmpdir(), 'shadow-bench-'));
      writeFileSync(join(dir, 'legacy.f64'), Buffer.from(legacy.buffer));
      writeFileSync(join(dir, 'shadow.f64'), Buffer.from(shadow.buffer));
      const ours = { ks: ksTwoSample(shadow, legacy), welch: welchTTest(shadow, legacy) };
      return { dir, ours };
    },
    run: ({ dir }: { dir: string }) => {
      try {
        return JSON.parse(execFileSync('python3', [new URL('./scipy_twosample.py', import.meta.url).pathname, join(dir, 'legacy.f64'), join(dir, 'shadow.f64')], { encoding: 'utf8' }));
      } catch {
        return null;
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    describe: (r: { ks: { seconds: number; statistic: number; pvalue: number }; welch: { seconds: number; statistic: number; pvalue: number } } | null) =>
      r === null
        ? 'python3 with SciPy not available: no SciPy figures'
        : `SciPy ks_2samp ${(1000 * r.ks.seconds).toFixed(0)} ms (D ${r.ks.statistic.toPrecision(6)}, p ${r.ks.pvalue.toPrecision(4)}); ttest_ind ${(1000 * r.welch.seconds).toFixed(0)} ms (t ${r.welch.statistic.toPrecision(6)}, p ${r.welch.pvalue.toPrecision(4)})`,
  },
];
