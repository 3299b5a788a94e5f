/**
 * Benchmarks of vitest-shadow/arbitraries: generating streams, applying a realistic fault mix to
 * 100k events with exact ground truth, and the probes behind sensitivity.
 */
import fc from 'fast-check';
import { applyPerturbations, eventStream, probeTolerance, sensitivity, type Perturbation } from '../src/arbitraries/index.js';
import type { BenchCase } from './_lib.js';

const N = 100_000;
const faults: Perturbation[] = [
  { kind: 'drop', magnitude: 0.01 },
  { kind: 'duplicate', magnitude: 0.005 },
  { kind: 'jitterTime', magnitude: 1500 },
  { kind: 'shiftField', magnitude: 0.01, rate: 0.02 },
  { kind: 'hostile', hostile: 'unicode', magnitude: 0.01 },
];

export const arbitrariesCases: BenchCase[] = [
  {
    name: 'arbitraries: eventStream 100 streams of 1,000 events',
    work: { count: 100_000, unit: 'events' },
    setup: () => eventStream({ minLength: 1000, maxLength: 1000 }),
    run: (arb) => fc.sample(arb, { seed: 1, numRuns: 100 }),
    describe: (s: unknown[][]) => `${s.length} streams, ${s.reduce((a, x) => a + x.length, 0)} events`,
  },
  {
    name: 'arbitraries: applyPerturbations 5 faults on 100k events',
    work: { count: N, unit: 'events' },
    setup: () => fc.sample(eventStream({ minLength: N, maxLength: N }), { seed: 2, numRuns: 1 })[0],
    run: (rows) => applyPerturbations(rows, faults, { seed: 3 }),
    describe: (p: ReturnType<typeof applyPerturbations>) =>
      `missing ${p.injected.missing.length}, duplicated ${p.injected.duplicated.length}, changed fields ${p.injected.changed.length}`,
  },
  {
    name: 'arbitraries: probeTolerance ts time 2s (10 × 100–200 events)',
    runs: 1,
    setup: () => undefined,
    run: () => probeTolerance({ key: 'id', fields: { ts: { time: '2s' } } }, { field: 'ts' }),
    describe: (p: ReturnType<typeof probeTolerance>) => `boundary ${p.boundary?.toFixed(2)} ms after ${p.comparisons} comparisons`,
  },
  {
    name: 'arbitraries: sensitivity 3 checks × 6 fault classes',
    runs: 1,
    setup: () => undefined,
    run: () =>
      sensitivity({
        checks: Object.fromEntries(['a', 'b', 'c'].map((k) => [k, { compare: { key: 'id', fields: { ts: { time: '2s' }, value: { abs: 0.01 } } } }])),
      }),
    describe: (r: ReturnType<typeof sensitivity>) => `${r.rows.length} probes, verdict ${r.verdict}`,
  },
];
