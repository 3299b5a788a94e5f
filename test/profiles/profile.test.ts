import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { profile } from '../../src/profiles/profile.js';
import { profileAccumulator } from '../../src/profiles/profileAccumulator.js';
import { mergeProfiles } from '../../src/profiles/mergeProfiles.js';
import { ShadowOptionError } from '../../src/errors.js';
import { events } from './_data.js';

/** Exact lower quantile at rank q·(n − 1), the convention DDSketch approximates. */
function lowerQuantile(sorted: number[], q: number): number {
  return sorted[Math.floor(q * (sorted.length - 1))];
}

describe('profile', () => {
  const rows = events(5000, 7);

  test('counts rows, nulls, missing and types exactly as injected', () => {
    const data = rows.map((r, i) => {
      const o: Record<string, unknown> = { ...r };
      if (i % 10 === 0) o.country = null; // 500 nulls
      if (i % 25 === 0) delete o.qty; // 200 missing
      if (i % 100 === 1) o.ts = new Date(r.ts).toISOString(); // 50 strings
      return o;
    });
    const p = profile(data);
    expect(p.rows).toBe(5000);
    expect(p.columns.country.nulls).toBe(500);
    expect(p.columns.country.nullRate).toBe(0.1);
    expect(p.columns.qty.missing).toBe(200);
    expect(p.columns.qty.present).toBe(4800);
    expect(p.columns.ts.types).toEqual({ number: 4950, string: 50, boolean: 0, object: 0 });
    expect(p.columns.ts.type).toBe('number');
  });

  test('mean, variance, min and max equal the direct two-pass computation', () => {
    const xs = rows.map((r) => r.price);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1);
    const p = profile(rows).columns.price.numeric!;
    expect(p.mean).toBeCloseTo(mean, 10);
    expect(p.variance).toBeCloseTo(variance, 8);
    expect(p.min).toBe(Math.min(...xs));
    expect(p.max).toBe(Math.max(...xs));
  });

  test('quantiles are within the sketch relative accuracy of the exact lower quantile', () => {
    const xs = rows.map((r) => r.price).sort((a, b) => a - b);
    const p = profile(rows, { relativeAccuracy: 0.01 }).columns.price.numeric!;
    for (const [q, v] of Object.entries(p.quantiles)) {
      const exact = lowerQuantile(xs, Number(q));
      expect(Math.abs(v - exact)).toBeLessThanOrEqual(0.01 * Math.abs(exact) + 1e-12);
    }
  });

  test('distinct count is exact up to the limit, then within 3 HyperLogLog standard errors', () => {
    const p = profile(rows, { distinctLimit: 100 });
    expect(p.columns.type.distinct).toEqual({ estimate: 4, exact: true, relativeError: 0 });
    const ids = p.columns.id.distinct;
    expect(ids.exact).toBe(false);
    expect(Math.abs(ids.estimate - 5000) / 5000).toBeLessThan(3 * ids.relativeError);
    const big = profile(Array.from({ length: 200_000 }, (_, i) => ({ k: `key-${i}` })), { distinctLimit: 10 }).columns.k.distinct;
    expect(Math.abs(big.estimate - 200_000) / 200_000).toBeLessThan(3 * big.relativeError);
  });

  test('top categories are exact counts counted back from the data', () => {
    const counts = new Map<string, number>();
    for (const r of rows) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
    const top = profile(rows).columns.type.categories!.top;
    for (const t of top) expect(t.count).toBe(counts.get(t.value));
    expect(top.map((t) => t.count)).toEqual([...counts.values()].sort((a, b) => b - a));
  });

  test('the histogram counts every finite number once', () => {
    const h = profile(rows).columns.price.numeric!.histogram;
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(5000);
    expect(h.edges).toHaveLength(21);
  });

  test('survives JSON and merges as if profiled whole (negative values, zeros, nulls, mixed types)', () => {
    const data = Array.from({ length: 3000 }, (_, i) => ({ v: i % 7 === 0 ? 0 : (i % 2 ? -1 : 1) * (i / 10), c: i % 11 === 0 ? null : `c${i % 5}` }));
    const whole = profile(data);
    const merged = mergeProfiles([0, 1000, 2000].map((s) => JSON.parse(JSON.stringify(profile(data.slice(s, s + 1000))))));
    expect(merged.rows).toBe(whole.rows);
    expect(merged.columns.c).toEqual(whole.columns.c);
    expect(merged.columns.v.numeric!.quantiles).toEqual(whole.columns.v.numeric!.quantiles);
    expect(merged.columns.v.numeric!.min).toBe(-299.9);
    expect(merged.columns.v.numeric!.mean).toBeCloseTo(whole.columns.v.numeric!.mean, 9);
  });

  test('property: merging chunk profiles equals profiling the whole (counts exact, moments to rounding, quantiles within the sketch bound)', () => {
    const row = fc.record({
      n: fc.option(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { nil: null }),
      s: fc.constantFrom('a', 'b', 'c', 'd', null),
    });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 300 }), fc.array(fc.nat(300), { maxLength: 4 }), (data, cuts) => {
        const points = [...new Set([0, ...cuts.map((c) => c % (data.length + 1)), data.length])].sort((a, b) => a - b);
        const acc = profileAccumulator();
        for (let k = 0; k + 1 < points.length; k++) {
          const part = profileAccumulator();
          part.addRows(data.slice(points[k], points[k + 1]));
          acc.merge(JSON.parse(JSON.stringify(part.value())));
        }
        const m = acc.value();
        const w = profile(data);
        expect(m.rows).toBe(w.rows);
        for (const c of Object.keys(w.columns)) {
          const a = m.columns[c];
          const b = w.columns[c];
          expect([a.present, a.nulls, a.types, a.distinct]).toEqual([b.present, b.nulls, b.types, b.distinct]);
          if (b.numeric) {
            expect(a.numeric!.min).toBe(b.numeric.min);
            expect(a.numeric!.max).toBe(b.numeric.max);
            expect(Math.abs(a.numeric!.mean - b.numeric.mean)).toBeLessThanOrEqual(1e-9 * (1 + Math.abs(b.numeric.mean)) + 1e-6);
            const exact = data.map((r) => r.n).filter((x): x is number => x !== null).sort((x, y) => x - y);
            for (const [q, v] of Object.entries(a.numeric!.quantiles)) {
              const e = lowerQuantile(exact, Number(q));
              expect(Math.abs(v - e)).toBeLessThanOrEqual(0.01 * Math.abs(e) + 1e-9);
            }
          }
          if (b.categories) expect(a.categories).toEqual(b.categories);
        }
      }),
      { numRuns: Number(process.env.PROFILE_RUNS ?? 25), seed: 14 },
    );
  });

  test('bad options throw naming the option; merging different settings is refused', () => {
    expect(() => profile([], { relativeAccuracy: 2 })).toThrowErrorMatchingInlineSnapshot(`[ShadowOptionError: profile: relativeAccuracy must be a finite number in [0.0001, 0.5], got 2]`);
    expect(() => profile([], { colums: ['a'] } as never)).toThrow(ShadowOptionError);
    const a = profileAccumulator({ relativeAccuracy: 0.01 });
    expect(() => a.merge(profile([{ x: 1 }], { relativeAccuracy: 0.02 }))).toThrowErrorMatchingInlineSnapshot(`[ShadowOptionError: profile: cannot merge profiles built with different settings (relativeAccuracy 0.01 vs 0.02); profile both sides with the same options]`);
  });
});
