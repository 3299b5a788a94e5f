import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { eventStream, perturbation, shadowPair } from '../../src/arbitraries/index.js';

describe('shadowPair', () => {
  test('is deterministic under a seed', () => {
    const arb = shadowPair({ perturbations: [{ kind: 'drop', magnitude: 0.2 }, { kind: 'jitterTime', magnitude: 500 }] });
    expect(fc.sample(arb, { seed: 1, numRuns: 10 })).toEqual(fc.sample(arb, { seed: 1, numRuns: 10 }));
  });

  test('legacy is the base and the shadow differs from it exactly as injected says', () => {
    fc.assert(
      fc.property(
        shadowPair({
          base: eventStream({ minLength: 1, maxLength: 30 }),
          perturbations: [perturbation({ kind: 'drop', magnitude: { min: 0, max: 0.5 } }), { kind: 'duplicate', magnitude: 0.1 }, { kind: 'nullField', magnitude: 0.2 }],
        }),
        ({ legacy, shadow, injected }) => {
          const count = new Map<string, number>();
          for (const e of shadow) count.set(e.id, (count.get(e.id) ?? 0) + 1);
          const missing = legacy.map((e) => e.id).filter((id) => !count.has(id));
          expect(injected.missing).toEqual(missing);
          expect(injected.duplicated).toEqual([...count].filter(([, n]) => n > 1).map(([id]) => id));
          const nulls = shadow.filter((e, i, all) => e.value === null && all.findIndex((x) => x.id === e.id) === i).map((e) => e.id);
          expect(injected.changed.map((c) => c.key)).toEqual(legacy.map((e) => e.id).filter((id) => nulls.includes(id)));
          expect(injected.legacyCount - injected.missing.length + [...count.values()].reduce((a, n) => a + n - 1, 0)).toBe(shadow.length);
        },
      ),
      { seed: 2, numRuns: 100 },
    );
  });

  test('shrinks to the smallest base that still shows the fault', () => {
    // round(0.5 × n) >= 2 first holds at n = 3.
    const out = fc.check(fc.property(shadowPair({ perturbations: [{ kind: 'drop', magnitude: 0.5 }] }), (p) => p.injected.missing.length < 2), { seed: 3 });
    expect(out.failed).toBe(true);
    expect(out.counterexample![0].legacy).toHaveLength(3);
  });

  test('refuses bad constraints', () => {
    expect(() => shadowPair({ perturbations: [{ kind: 'drop', magnitude: -1 }] })).toThrow('shadowPair: perturbations[0].magnitude must be a finite number in [0, 1], got -1');
    expect(() => shadowPair({ perturbation: [] } as never)).toThrow("shadowPair: unknown option 'perturbation'; did you mean 'perturbations'?");
    expect(() => shadowPair({ perturbations: [], base: [] as never })).toThrow('shadowPair: base must be a fast-check arbitrary');
  });
});
