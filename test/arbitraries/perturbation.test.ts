import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { perturbation } from '../../src/arbitraries/index.js';

describe('perturbation', () => {
  test('draws magnitudes inside the range, deterministically under a seed', () => {
    const arb = perturbation({ kind: 'jitterTime', magnitude: { min: 500, max: 5000 }, rate: 0.5 });
    const a = fc.sample(arb, { seed: 1, numRuns: 50 });
    expect(a).toEqual(fc.sample(arb, { seed: 1, numRuns: 50 }));
    for (const p of a) {
      expect(p).toMatchObject({ kind: 'jitterTime', rate: 0.5 });
      expect(p.magnitude).toBeGreaterThanOrEqual(500);
      expect(p.magnitude).toBeLessThanOrEqual(5000);
    }
  });

  test('a fixed magnitude is a constant', () => {
    expect(fc.sample(perturbation({ kind: 'drop', magnitude: 0.2 }), { seed: 2, numRuns: 3 })).toEqual([
      { kind: 'drop', magnitude: 0.2 },
      { kind: 'drop', magnitude: 0.2 },
      { kind: 'drop', magnitude: 0.2 },
    ]);
  });

  test('shrinks to the mildest failing magnitude', () => {
    // Grid of 1000 steps over [0.1, 0.5]: the first step with magnitude >= 0.3 is step 500.
    const out = fc.check(fc.property(perturbation({ kind: 'drop', magnitude: { min: 0.1, max: 0.5 } }), (p) => p.magnitude < 0.3), { seed: 3 });
    expect(out.failed).toBe(true);
    expect(out.counterexample![0].magnitude).toBeCloseTo(0.3, 12);
  });

  test("refuses a range outside the kind's own range", () => {
    expect(() => perturbation({ kind: 'drop', magnitude: { min: 0, max: 2 } })).toThrow(
      'perturbation: constraints.magnitude must be a finite number in [0, 1], got 2',
    );
    expect(() => perturbation({ kind: 'drop', magnitude: { min: 0.5, max: 0.1 } })).toThrow('perturbation: constraints.magnitude.max must be a finite number >= 0.5, got 0.1');
    expect(() => perturbation({ kind: 'hostile', magnitude: 0.1, hostile: 'nana' as never })).toThrow("did you mean 'nan'?");
  });
});
