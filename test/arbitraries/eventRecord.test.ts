import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { eventRecord } from '../../src/arbitraries/index.js';

const START = Date.UTC(2025, 0, 1);

describe('eventRecord', () => {
  test('is deterministic under a seed and varies with it', () => {
    const a = fc.sample(eventRecord(), { seed: 7, numRuns: 20 });
    const b = fc.sample(eventRecord(), { seed: 7, numRuns: 20 });
    const c = fc.sample(eventRecord(), { seed: 8, numRuns: 20 });
    expect(a).toEqual(b);
    expect(c).not.toEqual(a);
  });

  test('draws every field inside its constraints', () => {
    const types = ['open', 'close'];
    const labels = ['x', 'y'];
    fc.assert(
      fc.property(
        eventRecord({ entities: 3, types, labels, start: START, spanMs: 60_000, resolutionMs: 500, value: { min: -2, max: 3, decimals: 1 }, maxId: 9 }),
        (e) => {
          expect(Object.keys(e)).toEqual(['id', 'entity', 'type', 'ts', 'value', 'label']);
          expect(e.id).toMatch(/^e[0-9]$/);
          expect(['u0', 'u1', 'u2']).toContain(e.entity);
          expect(types).toContain(e.type);
          expect(labels).toContain(e.label);
          expect(e.ts).toBeGreaterThanOrEqual(START);
          expect(e.ts).toBeLessThanOrEqual(START + 60_000);
          expect((e.ts - START) % 500).toBe(0);
          expect(e.value).toBeGreaterThanOrEqual(-2);
          expect(e.value).toBeLessThanOrEqual(3);
          expect(Math.round(e.value * 10) / 10).toBe(e.value);
          expect(Object.is(e.value, -0)).toBe(false);
        },
      ),
      { seed: 1, numRuns: 200 },
    );
  });

  test('adds extra fields from their arbitraries', () => {
    const [e] = fc.sample(eventRecord({ extra: { geo: fc.record({ city: fc.constant('Oslo') }), score: fc.constant(3) } }), { seed: 2, numRuns: 1 });
    expect(e.geo).toEqual({ city: 'Oslo' });
    expect(e.score).toBe(3);
  });

  test('shrinks a failing event to the simplest one that still fails', () => {
    // The smallest value >= 500 on the 0.01 grid is 500; every other part shrinks to its first choice.
    const out = fc.check(fc.property(eventRecord({ start: START }), (e) => e.value < 500), { seed: 3, numRuns: 500 });
    expect(out.failed).toBe(true);
    expect(out.counterexample?.[0]).toEqual({ id: 'e0', entity: 'u0', type: 'click', ts: START, value: 500, label: 'home' });
  });

  test('refuses bad constraints naming the option', () => {
    expect(() => eventRecord({ entitis: 3 } as never)).toThrow("eventRecord: unknown option 'entitis'; did you mean 'entities'?");
    expect(() => eventRecord({ value: { min: 5, max: 1 } })).toThrow('eventRecord: value.max must be a finite number in [5, 1000000000000], got 1');
    expect(() => eventRecord({ types: [] })).toThrow('eventRecord: types must be a non-empty array of strings, got an array of length 0');
    expect(() => eventRecord({ extra: { id: fc.constant(1) } } as never)).toThrow('eventRecord: extra.id clashes with a built-in field');
    expect(() => eventRecord({ extra: { n: 1 } } as never)).toThrow('eventRecord: extra.n must be a fast-check arbitrary, got 1');
    expect(() => eventRecord({ resolutionMs: 0 })).toThrow('eventRecord: resolutionMs must be an integer in [1, 10000000000000], got 0');
  });
});
