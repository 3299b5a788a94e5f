import { describe, expect, it } from 'vitest';
import ref from './reference/farTail.json' with { type: 'json' };
import { relativeError } from './_reference.js';
import { tCdf, tSf } from '../../src/stats/distributions/studentT.js';
import { oneSampleTTest } from '../../src/stats/oneSampleTTest.js';
import { pairedTTest } from '../../src/stats/pairedTTest.js';
import { welchTTest } from '../../src/stats/welchTTest.js';
import { studentTTest } from '../../src/stats/studentTTest.js';
import { tostPaired } from '../../src/stats/tostPaired.js';
import { tostWelch } from '../../src/stats/tostWelch.js';

// Issue 11's far-tail bug: P(T <= -|t|) was computed as 0.5 − 0.5·I(...) when t² < df, which
// cancels to a multiple of 2⁻⁵³ or 0 at df in the hundreds to thousands and |t| from 5 to 40.
// Expected values: SciPy 1.17 (test/stats/reference/generate_far_tail.py; every entry quotes
// its call). Test data are integer recipes that give the same doubles in Python and here.

interface Recipe { n: number; mult: number; mod: number; off: number; scale: number; shift: number }
const values = (r: Recipe) => Float64Array.from({ length: r.n }, (_, i) => (((i * r.mult + r.off) % r.mod) / r.mod) * r.scale + r.shift);

/** Relative error, with values below 1e-300 (subnormal, where SciPy's own digits thin out) compared absolutely. */
const err = (got: number, want: number) => (Math.abs(want) < 1e-300 ? Math.abs(got - want) / 1e-300 : relativeError(got, want));

describe('Student t far tail (df 100..10,000, |t| 5..40)', () => {
  const dist = ref.distributions;
  it(`tCdf and tSf agree with SciPy on ${dist.length} far-tail points (1e-9 relative)`, () => {
    expect(dist.length).toBe(140);
    const bad = dist
      .map((e) => {
        const [x, df] = e.args;
        const got = e.fn === 'tCdf' ? tCdf(x, df) : tSf(x, df);
        return err(got, e.expected) <= e.rtol ? null : `${e.call}: SciPy ${e.expected}, got ${got}`;
      })
      .filter((x) => x !== null);
    expect(bad).toEqual([]);
  });

  it('keeps the digits the old 0.5 − 0.5·I form lost (scipy.stats.t.cdf(-10, 1000) = 8.335351479300069e-23)', () => {
    expect(relativeError(tCdf(-10, 1000), 8.335351479300069e-23)).toBeLessThan(1e-12);
    expect(relativeError(tSf(20, 5000), 5.702993923812143e-86)).toBeLessThan(1e-12);
  });

  const cases = ref.cases;
  const byFn = (fn: string) => cases.filter((c) => c.fn === fn);
  const tests: Record<string, (c: (typeof cases)[number]) => unknown> = {
    oneSampleTTest: (c) => oneSampleTTest(values(c.x), c.options as never),
    pairedTTest: (c) => pairedTTest(values(c.x), values(c.y as Recipe)),
    welchTTest: (c) => welchTTest(values(c.x), values(c.y as Recipe)),
    studentTTest: (c) => studentTTest(values(c.x), values(c.y as Recipe)),
    tostPaired: (c) => tostPaired(values(c.x), values(c.y as Recipe), c.options as { margin: number }) as never,
    tostWelch: (c) => tostWelch(values(c.x), values(c.y as Recipe), c.options as { margin: number }) as never,
    tostStudent: (c) => tostWelch(values(c.x), values(c.y as Recipe), { ...(c.options as { margin: number }), equalVariance: true }) as never,
  };
  for (const [fn, run] of Object.entries(tests)) {
    it(`${fn} p-values agree with SciPy through the far tail (${byFn(fn).length} cases)`, () => {
      expect(byFn(fn).length).toBeGreaterThanOrEqual(12);
      const bad: string[] = [];
      for (const c of byFn(fn)) {
        const got = run(c) as Record<string, number>;
        for (const [field, want] of Object.entries(c.expected)) {
          // statistic/df carry summation-order differences (numpy's pairwise sums) of ~1e-14; a
          // p-value in the far tail amplifies them by about t², so 1e-8 there.
          const tol = field === 'statistic' || field === 'df' ? 1e-11 : 1e-8;
          if (!(err(got[field], want as number) <= tol)) bad.push(`${c.call} n=${c.x.n}: ${field} SciPy ${want}, got ${got[field]}`);
        }
      }
      expect(bad).toEqual([]);
    });
  }
});
