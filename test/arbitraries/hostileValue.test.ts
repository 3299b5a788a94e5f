import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { hostileValue } from '../../src/arbitraries/index.js';

describe('hostileValue', () => {
  test('is deterministic and covers every kind by default', () => {
    const a = fc.sample(hostileValue(), { seed: 4, numRuns: 200 });
    expect(a).toEqual(fc.sample(hostileValue(), { seed: 4, numRuns: 200 }));
    expect(new Set(a.map((h) => h.kind))).toEqual(new Set(['negativeZero', 'nan', 'subnormal', 'huge', 'dst', 'unicode']));
  });

  test('each pair is what its kind promises', () => {
    fc.assert(
      fc.property(hostileValue(), (h) => {
        switch (h.kind) {
          case 'negativeZero':
            return h.legacy === 0 && Object.is(h.shadow, -0) && h.equalByDefault;
          case 'nan':
            return Number.isNaN(h.legacy) && Number.isNaN(h.shadow) && h.equalByDefault;
          case 'subnormal':
            return Math.abs(h.legacy as number) < 2.2250738585072014e-308 && h.legacy !== 0 && h.shadow === 0 && !h.equalByDefault;
          case 'huge':
            return Math.abs(h.legacy as number) > 8e307 && Math.abs(h.shadow as number) < Math.abs(h.legacy as number) && !h.equalByDefault;
          case 'dst':
            return (h.shadow as number) - (h.legacy as number) === 3_600_000;
          case 'unicode':
            return h.legacy !== h.shadow && (h.shadow as string).normalize('NFC') === h.legacy;
        }
      }),
      { seed: 5, numRuns: 300 },
    );
  });

  test('shrinks towards the first kind listed', () => {
    const out = fc.check(fc.property(hostileValue({ kinds: ['unicode', 'nan'] }), (h) => h.kind === 'nan'), { seed: 6 });
    expect(out.counterexample![0].kind).toBe('unicode');
  });

  test('refuses unknown kinds', () => {
    expect(() => hostileValue({ kinds: ['negZero' as never] })).toThrow('hostileValue: kinds[0] must be one of');
    expect(() => hostileValue({ kinds: [] })).toThrow('hostileValue: kinds must be a non-empty array');
  });
});
