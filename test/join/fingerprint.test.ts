import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fingerprint, fingerprintTuple } from '../../src/join/_internal/fingerprint.js';
import { compileKey } from '../../src/join/keys.js';

const part = fc.oneof(
  fc.integer({ min: -3, max: 3 }),
  fc.integer({ min: -3, max: 3 }).map(String),
  fc.double({ noNaN: true }),
  fc.string({ maxLength: 4 }),
  fc.constantFrom(-0, 0, true, false, '', 'n0', 's1:0', null, 7n),
  fc.integer({ min: 3, max: 4 }).map((t) => new Date(t)),
);
const row = fc.record({ a: part, b: part, c: part });
const key = compileKey('t', ['a', 'b', 'c']);

/** The row's fingerprint as pairRows takes it: from the parts, or from the key's text. */
function fp(r: Record<string, unknown>): string | null {
  const out = new Int32Array(2);
  if (!fingerprintTuple(key.parts!, r, out)) {
    const k = key.read(r);
    if (typeof k === 'symbol') return null;
    fingerprint(k, out);
  }
  return `${out[0]},${out[1]}`;
}

describe('fingerprintTuple', () => {
  it('gives equal composite keys equal fingerprints, and the distinct keys met distinct ones', () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 2, maxLength: 60 }), (rows) => {
        const byKey = new Map<unknown, string>();
        const byPrint = new Map<string, unknown>();
        for (const r of rows) {
          const k = key.read(r);
          const f = fp(r);
          if (typeof k === 'symbol') {
            expect(f).toBeNull();
            continue;
          }
          expect(f).not.toBeNull();
          const seen = byKey.get(k);
          if (seen !== undefined) expect(f).toBe(seen);
          byKey.set(k, f!);
          const other = byPrint.get(f!);
          if (other !== undefined) expect(other).toBe(k);
          byPrint.set(f!, k);
        }
      }),
      { seed: 42, numRuns: 500 },
    );
  });

  it('declines rows it cannot take (a Date, a bigint, an absent or NaN part) and writes nothing', () => {
    const out = new Int32Array([9, 9]);
    for (const c of [new Date(1), 1n, null, undefined, Number.NaN, { x: 1 }]) {
      expect(fingerprintTuple(key.parts!, { a: 'x', b: c, c: 1 }, out)).toBe(false);
      expect([...out]).toEqual([9, 9]);
    }
  });

  it('separates parts: ["ab", "c"] and ["a", "bc"], 1 and "1", 0 and -0 as one', () => {
    const k2 = compileKey('t', ['a', 'b']);
    const f = (r: Record<string, unknown>) => {
      const out = new Int32Array(2);
      expect(fingerprintTuple(k2.parts!, r, out)).toBe(true);
      return [...out].join();
    };
    expect(f({ a: 'ab', b: 'c' })).not.toBe(f({ a: 'a', b: 'bc' }));
    expect(f({ a: 1, b: 'x' })).not.toBe(f({ a: '1', b: 'x' }));
    expect(f({ a: 0, b: 'x' })).toBe(f({ a: -0, b: 'x' }));
    expect(f({ a: true, b: 'x' })).not.toBe(f({ a: 'true', b: 'x' }));
  });
});
