/**
 * deltaStats takes the |delta| statistics of a field from its nonzero deltas and a count of its
 * zero deltas (the file engine stores only the nonzero ones). The result must be the one of the
 * full list: n, max and mean exactly, p50 and p99 as type-7 quantiles of the sorted full list
 * (NumPy's default), computed here from a sort, independently of the selection code.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { addRunningAbs, deltaStats, deltaStatsOfParts, runningAbs } from '../../src/events/_internal/summariseEvidence.js';
import { DeltaSink } from '../../src/events/duckdb/_internal/deltaSink.js';
import { quantilesInPlace } from '../../src/events/_internal/quantiles.js';

/** Type 7 quantile of sorted values (numpy.quantile's default 'linear'). */
function type7(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return lo === h ? sorted[lo] : sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
}

const positive = fc.double({ min: Number.MIN_VALUE, max: 1e12, noNaN: true });

describe('deltaStats with zeros counted, not stored', () => {
  test.prop([fc.array(positive, { maxLength: 60 }), fc.nat({ max: 200 })])('equals the statistics of the full list', (nonzero, zeros) => {
    fc.pre(nonzero.length + zeros > 0);
    const full = [...nonzero, ...new Array<number>(zeros).fill(0)];
    const sorted = [...full].sort((a, b) => a - b);
    const split = deltaStats(Float64Array.from(nonzero), nonzero.length, zeros);
    expect(split.n).toBe(full.length);
    expect(split.maxAbs).toBe(sorted[sorted.length - 1]);
    expect(split.p50Abs).toBe(type7(sorted, 0.5));
    expect(split.p99Abs).toBe(type7(sorted, 0.99));
    // The same function given the zeros as values: one answer, the mean included.
    expect(split).toEqual(deltaStats(Float64Array.from(full), full.length));
  });

  test('the boundaries: p99 between the last zero and the first nonzero value, all zeros, no zeros', () => {
    // 199 zeros and 1.0: h = 199 · 0.99 = 197.01 lies between two zeros; with 99 zeros h = 98.01
    // lies between the last zero (rank 98) and 1.0 (rank 99).
    expect(deltaStats(Float64Array.of(1), 1, 199).p99Abs).toBe(0);
    expect(deltaStats(Float64Array.of(1), 1, 99).p99Abs).toBe(99 * 0.99 - 98);
    expect(deltaStats(new Float64Array(0), 0, 5)).toEqual({ n: 5, maxAbs: 0, meanAbs: 0, p50Abs: 0, p99Abs: 0 });
    expect(deltaStats(Float64Array.of(3, 1, 2), 3, 0)).toMatchObject({ n: 3, maxAbs: 3, meanAbs: 2, p50Abs: 2 });
  });
});

describe('quantilesInPlace past 65,536 values (counted by leading bits, then selected)', () => {
  // Seeded: the same arrays on every run. Each answer against a sort of the full list.
  let seed = 20261206;
  const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const cases: [string, () => number][] = [
    ['uniform', () => rnd()],
    ['log-normal over 30 binades', () => Math.exp(8 * (rnd() + rnd() + rnd() - 1.5))],
    ['integers with ties (milliseconds)', () => Math.floor(rnd() * 2000) + 1],
    ['all in one bucket', () => 1 + rnd() * 1e-3],
    ['one value', () => 0.25],
    ['subnormals and huge values', () => (rnd() < 0.5 ? rnd() * 1e-310 : rnd() * 1e300)],
  ];
  for (const [name, gen] of cases) {
    test(`${name}: the quantiles of the sorted list, with and without zeros`, () => {
      const n = 70_000 + Math.floor(rnd() * 30_000);
      const x = Float64Array.from({ length: n }, gen);
      for (const zeros of [0, 1, Math.floor(n / 3), 3 * n]) {
        const sorted = [...x, ...new Array<number>(zeros).fill(0)].sort((a, b) => a - b);
        const ps = [0, 0.01, 0.5, 0.99, 0.999, 1];
        expect(quantilesInPlace(x.slice(), n, ps, zeros)).toEqual(ps.map((p) => type7(sorted, p)));
      }
    });
  }

  test('a negative value, -0, NaN or an infinity among them: the answer of the selection over all values', () => {
    const n = 70_000;
    for (const odd of [-1, -0, Infinity]) {
      const x = Float64Array.from({ length: n }, (_, i) => (i * 7919) % 1000);
      x[12_345] = odd;
      const sorted = [...x].sort((a, b) => a - b);
      expect(quantilesInPlace(x.slice(), n, [0.5, 0], 0)).toEqual([type7(sorted, 0.5), type7(sorted, 0)]);
    }
    // NaN: no order to check against; it must not throw.
    const withNaN = Float64Array.from({ length: n }, (_, i) => i);
    withNaN[5] = NaN;
    expect(() => quantilesInPlace(withNaN, n, [0.5], 0)).not.toThrow();
  });
});

describe('deltaStatsOfParts: the values held in several arrays (one per chunk of the file engine)', () => {
  let seed = 20261207;
  const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  for (const [name, n] of [['below 65,536 values (selection)', 5_000], ['past 65,536 values (counted by leading bits)', 90_000]] as const) {
    test(`${name}: the statistics of the values in one array, against a sort`, () => {
      const all = Float64Array.from({ length: n }, () => Math.exp(6 * (rnd() - 0.5)));
      // Split at random points into parts of 1 to 2,048 values.
      const parts: Float64Array[] = [];
      for (let at = 0; at < n; ) {
        const len = Math.min(n - at, 1 + Math.floor(rnd() * 2048));
        parts.push(all.slice(at, at + len));
        at += len;
      }
      for (const zeros of [0, 7, n]) {
        const sorted = [...all, ...new Array<number>(zeros).fill(0)].sort((a, b) => a - b);
        const got = deltaStatsOfParts(parts.map((x) => x.slice()), zeros);
        expect(got.p50Abs).toBe(type7(sorted, 0.5));
        expect(got.p99Abs).toBe(type7(sorted, 0.99));
        expect(got.maxAbs).toBe(sorted[sorted.length - 1]);
        // One array of the same values in the same order: the same answer, the mean included.
        expect(got).toEqual(deltaStats(all.slice(), n, zeros));
        // Summed and counted part by part as they arrive (the collector's way): the same answer.
        // The bucket counts start once past 65,536 values, counting the earlier parts then.
        const running = runningAbs();
        parts.forEach((x, j) => addRunningAbs(running, x, parts.slice(0, j)));
        expect(running.counts !== undefined).toBe(n > 65_536);
        expect(deltaStatsOfParts(parts.map((x) => x.slice()), zeros, running)).toEqual(got);
      }
    });
  }

  test('DeltaSink sums and counts each chunk as it arrives: the statistics of all its values, against a sort', () => {
    // 120 chunks of 2,048 rows (a NaN, an infinity and zeros among them, signs mixed), the last
    // short; 200,000 nonzero values or so, past the 65,536 where the bucket counts begin.
    const sink = new DeltaSink(1);
    const want: number[] = [];
    let zeros = 0;
    for (let c = 0; c < 120; c++) {
      const n = c === 119 ? 777 : 2048;
      const col = Float64Array.from({ length: n }, (_, r) => (r === 5 ? NaN : r === 6 ? -Infinity : r % 9 === 0 ? 0 : (rnd() - 0.5) * Math.exp(10 * rnd())));
      for (const x of col) {
        if (x === 0) zeros++;
        else if (Number.isFinite(x)) want.push(Math.abs(x));
      }
      sink.add([col], n);
    }
    expect(want.length).toBeGreaterThan(65_536);
    const sorted = [...want, ...new Array<number>(zeros).fill(0)].sort((a, b) => a - b);
    const got = deltaStatsOfParts(sink.parts[0], sink.zeros[0], sink.running[0]);
    expect(got.n).toBe(sorted.length);
    expect(got.p50Abs).toBe(type7(sorted, 0.5));
    expect(got.p99Abs).toBe(type7(sorted, 0.99));
    expect(got.maxAbs).toBe(sorted[sorted.length - 1]);
    expect(got.meanAbs).toBeCloseTo(want.reduce((a, b) => a + b, 0) / sorted.length, 9);
    // The same as taking the statistics of its parts afresh (the loops the running summary spares).
    expect(got).toEqual(deltaStatsOfParts(sink.parts[0].map((x) => x.slice()), sink.zeros[0]));
  });

  test('no parts: only zeros, or nothing', () => {
    expect(deltaStatsOfParts([], 4)).toEqual({ n: 4, maxAbs: 0, meanAbs: 0, p50Abs: 0, p99Abs: 0 });
  });
});
