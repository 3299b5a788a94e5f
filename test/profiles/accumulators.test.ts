import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { CategoryAccumulator } from '../../src/profiles/_internal/categories.js';
import { profile } from '../../src/profiles/profile.js';
import { events } from './_data.js';
import { createRng } from '../../src/stats/_internal/prng.js';

/**
 * Misra–Gries as the docs state it, written plainly (a Map, a full sort): when more than 2k
 * categories are held, subtract the (k+1)-th largest count from every counter and drop counters
 * <= 0. The accumulator (slots, selection instead of a sort) must give the same state.
 */
class NaiveMisraGries {
  counts = new Map<string, number>();
  decrement = 0;
  constructor(readonly k: number) {}
  add(v: string, w = 1): void {
    this.counts.set(v, (this.counts.get(v) ?? 0) + w);
    if (this.counts.size > 2 * this.k) this.reduce();
  }
  reduce(): void {
    if (this.counts.size <= this.k) return;
    const c = [...this.counts.values()].sort((a, b) => b - a)[this.k];
    this.decrement += c;
    for (const [v, n] of [...this.counts]) {
      if (n <= c) this.counts.delete(v);
      else this.counts.set(v, n - c);
    }
  }
  merge(o: NaiveMisraGries): void {
    for (const [v, n] of o.counts) this.counts.set(v, (this.counts.get(v) ?? 0) + n);
    this.decrement += o.decrement;
    if (this.counts.size > 2 * this.k) this.reduce();
  }
  state() {
    return { counts: [...this.counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)), decrement: this.decrement };
  }
}

describe('CategoryAccumulator', () => {
  test('property: the same state as plain Misra–Gries, for any stream, weights and merge', () => {
    const stream = fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 3 })), { maxLength: 300 });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), stream, stream, (k, xs, ys) => {
        const a = new CategoryAccumulator(k);
        const b = new CategoryAccumulator(k);
        const na = new NaiveMisraGries(k);
        const nb = new NaiveMisraGries(k);
        for (const [v, w] of xs) (a.add(`c${v}`, w), na.add(`c${v}`, w));
        for (const [v, w] of ys) (b.add(`c${v}`, w), nb.add(`c${v}`, w));
        expect(a.state()).toEqual(na.state());
        a.merge(b);
        na.merge(nb);
        expect(a.state()).toEqual(na.state());
        expect(CategoryAccumulator.from(a.state(), k).state()).toEqual(na.state());
      }),
      { numRuns: 300, seed: 1410 },
    );
  });

  test('5,000 uniform categories through k = 100: every held count within its bound of the true count', () => {
    const a = new CategoryAccumulator(100);
    const truth = new Map<string, number>();
    const r = createRng(1411);
    for (let i = 0; i < 50_000; i++) {
      const v = `u${r.nextInt(5000)}`;
      a.add(v);
      truth.set(v, (truth.get(v) ?? 0) + 1);
    }
    const st = a.state();
    expect(st.decrement).toBeGreaterThan(0);
    expect(st.decrement).toBeLessThanOrEqual(50_000 / 101);
    for (const [v, n] of st.counts) {
      expect(n).toBeLessThanOrEqual(truth.get(v)!);
      expect(n).toBeGreaterThanOrEqual(truth.get(v)! - st.decrement);
    }
  });
});

describe('profile: rows of changing shape', () => {
  test('the same profile whether rows share a shape or not (the per-shape fast path against per-column reads)', () => {
    const rows = events(2000, 3) as Record<string, unknown>[];
    const columns = Object.keys(rows[0]);
    const mixed = rows.map((r, i) => {
      if (i % 3 === 1) return Object.fromEntries(Object.entries(r).reverse()); // another key order
      if (i % 7 === 2) {
        const o = { ...r };
        delete o[columns[1]]; // a missing column
        return o;
      }
      if (i % 11 === 5) return { ...r, extra: i }; // a column only some rows have
      return r;
    });
    const whole = profile(mixed);
    // Reading each column by its path (no shape cache) gives the same columns.
    const byPath = profile(mixed, { columns: [...columns, 'extra'] });
    expect(whole.columns).toEqual(byPath.columns);
    expect(whole.columns[columns[1]].missing).toBe(mixed.filter((r) => !(columns[1] in r)).length);
    expect(whole.columns.extra.present).toBe(mixed.filter((r) => 'extra' in r).length);
  });

  test('an inherited enumerable member is not a column; a row with another prototype is read by its own keys', () => {
    const proto = { inherited: 1 };
    const rows = [{ a: 1 }, { a: 2 }, Object.assign(Object.create(proto), { a: 3 }), { a: 4 }];
    const p = profile(rows);
    expect(Object.keys(p.columns)).toEqual(['a']);
    expect(p.columns.a.numeric?.mean).toBe(2.5);
  });
});
