import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { eventStream } from '../../src/arbitraries/index.js';

const START = Date.UTC(2025, 0, 1);

describe('eventStream', () => {
  test('is deterministic under a seed', () => {
    expect(fc.sample(eventStream(), { seed: 11, numRuns: 10 })).toEqual(fc.sample(eventStream(), { seed: 11, numRuns: 10 }));
    expect(fc.sample(eventStream(), { seed: 12, numRuns: 10 })).not.toEqual(fc.sample(eventStream(), { seed: 11, numRuns: 10 }));
  });

  test('makes time-ordered streams with unique ids, gaps on the grid and lengths in range', () => {
    fc.assert(
      fc.property(eventStream({ minLength: 2, maxLength: 30, entities: 5, start: START, maxGapMs: 10_000, resolutionMs: 250 }), (s) => {
        expect(s.length).toBeGreaterThanOrEqual(2);
        expect(s.length).toBeLessThanOrEqual(30);
        expect(s.map((e) => e.id)).toEqual(s.map((_, i) => `e${i}`));
        expect(s[0].ts).toBe(START);
        for (let i = 1; i < s.length; i++) {
          const gap = s[i].ts - s[i - 1].ts;
          expect(gap).toBeGreaterThanOrEqual(0);
          expect(gap).toBeLessThanOrEqual(10_000);
          expect(gap % 250).toBe(0);
        }
        for (const e of s) expect(e.entity).toMatch(/^u[0-4]$/);
      }),
      { seed: 5, numRuns: 100 },
    );
  });

  test('gives entities heavy-tailed activity', () => {
    const counts = new Map<string, number>();
    for (const s of fc.sample(eventStream({ entities: 20, tieRate: 0 }), { seed: 21, numRuns: 300 })) {
      for (const e of s) counts.set(e.entity, (counts.get(e.entity) ?? 0) + 1);
    }
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    // Designed law: P(u_k) = log((k+2)/(k+1)) / log(21); P(u0) = 0.2277, P(u19) = 0.0160.
    expect((counts.get('u0') ?? 0) / total).toBeGreaterThan(0.2);
    expect((counts.get('u0') ?? 0) / total).toBeLessThan(0.26);
    expect((counts.get('u19') ?? 0) / total).toBeLessThan(0.03);
    expect(counts.size).toBe(20);
  });

  test('makes ties at the requested rate, half of them same-entity bursts', () => {
    let gaps = 0;
    let ties = 0;
    let bursts = 0;
    for (const s of fc.sample(eventStream({ tieRate: 0.3 }), { seed: 4, numRuns: 300 })) {
      for (let i = 1; i < s.length; i++) {
        gaps++;
        if (s[i].ts === s[i - 1].ts) {
          ties++;
          if (s[i].entity === s[i - 1].entity) bursts++;
        }
      }
    }
    expect(ties / gaps).toBeGreaterThan(0.27);
    expect(ties / gaps).toBeLessThan(0.33);
    expect(bursts / ties).toBeGreaterThan(0.45);
    const noTies = fc.sample(eventStream({ tieRate: 0, minLength: 10 }), { seed: 4, numRuns: 20 });
    for (const s of noTies) for (let i = 1; i < s.length; i++) expect(s[i].ts).toBeGreaterThan(s[i - 1].ts);
    const allTies = fc.sample(eventStream({ tieRate: 1, start: START }), { seed: 4, numRuns: 20 });
    for (const s of allTies) for (const e of s) expect(e.ts).toBe(START);
  });

  test('shrinks a failing stream to the shortest, simplest one', () => {
    const out = fc.check(fc.property(eventStream({ start: START }), (s) => s.length < 5), { seed: 9 });
    expect(out.failed).toBe(true);
    const s = out.counterexample![0];
    expect(s).toHaveLength(5);
    for (const [i, e] of s.entries()) expect(e).toEqual({ id: `e${i}`, entity: 'u0', type: 'click', ts: START, value: 0, label: 'home' });
  });

  test('shrinks a tie to two events sharing a timestamp', () => {
    const out = fc.check(
      fc.property(eventStream({ tieRate: 0.1 }), (s) => s.every((e, i) => i === 0 || e.ts !== s[i - 1].ts)),
      { seed: 10 },
    );
    expect(out.failed).toBe(true);
    const s = out.counterexample![0];
    expect(s).toHaveLength(2);
    expect(s[1].ts).toBe(s[0].ts);
  });

  test('refuses bad constraints naming the option', () => {
    expect(() => eventStream({ maxLength: 1, minLength: 3 })).toThrow('eventStream: maxLength must be an integer in [3, 100000], got 1');
    expect(() => eventStream({ tieRate: 2 })).toThrow('eventStream: tieRate must be a finite number in [0, 1], got 2');
    expect(() => eventStream({ maxGap: 5 } as never)).toThrow("eventStream: unknown option 'maxGap'; did you mean 'maxGapMs'?");
  });
});
