import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ExactSum } from '../../src/sequences/_internal/exactSum.js';

const sumOf = (xs: number[]) => {
  const s = new ExactSum();
  for (const x of xs) s.add(x);
  return s;
};

describe('ExactSum', () => {
  test('gives the exactly rounded sum where naive addition loses it (values from Python: math.fsum)', () => {
    // math.fsum([1e16, 1.0, -1e16]) == 1.0; math.fsum([0.1] * 10) == 1.0; math.fsum([1e308, 1e308, -1e308]) == 1e308
    expect(sumOf([1e16, 1, -1e16]).value()).toBe(1);
    expect(sumOf(Array(10).fill(0.1)).value()).toBe(1);
    expect([0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1].reduce((a, b) => a + b)).not.toBe(1);
    // math.fsum([0.3, 0.2, 0.1]) == 0.6 (naive left-to-right gives 0.6000000000000001 the other way round)
    expect(sumOf([0.1, 0.2, 0.3]).value()).toBe(0.6);
  });

  test('the same bits whatever the order and however the values are split into merged parts (seed 11, 300 runs)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { maxLength: 60 }), fc.nat(), (xs, cut) => {
        const whole = sumOf(xs).value();
        const k = xs.length ? cut % xs.length : 0;
        const a = sumOf(xs.slice(k).reverse());
        a.merge(sumOf(xs.slice(0, k)));
        expect(Object.is(a.value(), whole) || (a.value() === 0 && whole === 0)).toBe(true);
      }),
      { seed: 11, numRuns: 300 },
    );
  });
});
