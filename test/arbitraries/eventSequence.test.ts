import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { eventSequence } from '../../src/arbitraries/index.js';

describe('eventSequence', () => {
  test('is deterministic under a seed', () => {
    expect(fc.sample(eventSequence(), { seed: 1, numRuns: 10 })).toEqual(fc.sample(eventSequence(), { seed: 1, numRuns: 10 }));
  });

  test("makes one entity's time-ordered events with ordered ids", () => {
    fc.assert(
      fc.property(eventSequence({ entity: 'user-9', maxLength: 12 }), (seq) => {
        expect(seq.length).toBeGreaterThanOrEqual(1);
        expect(seq.length).toBeLessThanOrEqual(12);
        seq.forEach((e, i) => {
          expect(e.entity).toBe('user-9');
          expect(e.id).toBe(`user-9-${i}`);
          if (i > 0) expect(e.ts).toBeGreaterThanOrEqual(seq[i - 1].ts);
        });
      }),
      { seed: 2, numRuns: 100 },
    );
  });

  test('shrinks to the shortest failing sequence', () => {
    const out = fc.check(fc.property(eventSequence(), (seq) => seq.length <= 3), { seed: 3 });
    expect(out.counterexample![0]).toHaveLength(4);
  });

  test('refuses bad constraints naming the option', () => {
    expect(() => eventSequence({ entity: '' })).toThrow('eventSequence: entity must be a non-empty string, got ""');
    expect(() => eventSequence({ entities: 3 } as never)).toThrow(/^eventSequence: unknown option 'entities'; valid options are .*'entity'$/);
  });
});
