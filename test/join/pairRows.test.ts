import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { pairRows, type MapKey, type Pairing } from '../../src/join/pairRows.js';
import { compileKey } from '../../src/join/keys.js';

/**
 * The reference: pairing written directly from the definition, with plain arrays and a Map,
 * independent of both the fingerprint table and the exact KeyTable path.
 */
function reference(lrows: Record<string, unknown>[], srows: Record<string, unknown>[], keyField: string) {
  const key = compileKey('t', keyField);
  const sides = [lrows, srows].map((rows) => {
    const byKey = new Map<unknown, number[]>();
    const noKey: number[] = [];
    rows.forEach((r, i) => {
      const k = key.read(r);
      if (typeof k === 'symbol') noKey.push(i);
      else byKey.set(k, [...(byKey.get(k) ?? []), i]);
    });
    return { byKey, noKey };
  });
  const [L, S] = sides;
  const pair = new Array(lrows.length).fill(-1);
  const missing: number[] = [];
  const extra: number[] = [];
  let ambiguous = 0;
  for (const [k, ls] of L.byKey) {
    const ss = S.byKey.get(k);
    if (ls.length !== 1) continue;
    if (!ss) missing.push(ls[0]);
    else if (ss.length === 1) pair[ls[0]] = ss[0];
    else ambiguous++;
  }
  for (const [k, ss] of S.byKey) if (ss.length === 1 && !L.byKey.has(k)) extra.push(ss[0]);
  const dups = (side: typeof L) =>
    [...side.byKey].filter(([, is]) => is.length > 1).sort((a, b) => a[1][1] - b[1][1]).map(([k, is]) => [k, { first: is[0], rows: is.length }]);
  return {
    pair,
    matched: pair.filter((j) => j >= 0).length,
    missing: missing.sort((a, b) => a - b),
    extra: extra.sort((a, b) => a - b),
    ambiguous,
    legacyDuplicates: dups(L),
    shadowDuplicates: dups(S),
    legacyMissingKey: L.noKey,
    shadowMissingKey: S.noKey,
  };
}

function view(p: Pairing) {
  return {
    pair: [...p.pair],
    matched: p.matched,
    missing: p.missing,
    extra: p.extra,
    ambiguous: p.ambiguous,
    legacyDuplicates: [...p.legacyDuplicates],
    shadowDuplicates: [...p.shadowDuplicates],
    legacyMissingKey: p.legacyMissingKey,
    shadowMissingKey: p.shadowMissingKey,
  };
}

// Keys drawn from a small pool so that duplicates, missing and extra keys all occur; 1 and '1',
// 0 and -0, long numeric strings, bigints, booleans, and no-key values among them.
const keyValue = fc.oneof(
  fc.integer({ min: 0, max: 30 }),
  fc.integer({ min: 0, max: 30 }).map(String),
  fc.constantFrom(-0, 0, 1, '1', '01', 2n, true, 'true', null, undefined, Number.NaN, '12345678901234567890', '12345678901234567891', 1e21, Infinity),
);
const rowsArb = fc.array(keyValue.map((id) => ({ id })), { maxLength: 40 });

describe('pairRows', () => {
  it('pairs exactly as the definition says, on any keys, in any order', () => {
    fc.assert(
      fc.property(rowsArb, rowsArb, (l, s) => {
        expect(view(pairRows('t', l, s, compileKey('t', 'id')))).toEqual(reference(l, s, 'id'));
      }),
      { seed: 20261206, numRuns: 400 },
    );
  });

  it('gives the same pairing when every key shares one fingerprint (the exact path takes over)', () => {
    const collide = (_k: MapKey, out: Int32Array) => {
      out[0] = 7;
      out[1] = 7;
    };
    fc.assert(
      fc.property(rowsArb, rowsArb, (l, s) => {
        expect(view(pairRows('t', l, s, compileKey('t', 'id'), collide))).toEqual(reference(l, s, 'id'));
      }),
      { seed: 7, numRuns: 200 },
    );
  });

  it('detects a collision between a legacy key and a different shadow key, and pairs neither', () => {
    // Fingerprint by length only: 'ab' and 'cd' collide across sides, 'x' and 'y' within legacy.
    const byLength = (k: MapKey, out: Int32Array) => {
      out[0] = String(k).length;
      out[1] = 0;
    };
    const legacy = [{ id: 'ab' }, { id: 'x' }, { id: 'y' }];
    const shadow = [{ id: 'cd' }, { id: 'x' }];
    const p = view(pairRows('t', legacy, shadow, compileKey('t', 'id'), byLength));
    expect(p).toEqual(reference(legacy, shadow, 'id'));
    expect(p.pair).toEqual([-1, 1, -1]);
    expect(p.missing).toEqual([0, 2]);
    expect(p.extra).toEqual([0]);
  });

  it('keeps every side large enough to grow its table: 3,000 distinct keys per side, half shared', () => {
    const legacy = Array.from({ length: 3000 }, (_, i) => ({ id: `k${i}` }));
    const shadow = Array.from({ length: 3000 }, (_, i) => ({ id: `k${i + 1500}` })).reverse();
    const p = pairRows('t', legacy, shadow, compileKey('t', 'id'));
    expect(p.matched).toBe(1500);
    expect(p.missing.length).toBe(1500);
    expect(p.extra.length).toBe(1500);
    expect(shadow[p.pair[2999]].id).toBe('k2999');
  });

  it('names the side and row of a row that is not an object', () => {
    expect(() => pairRows('compareEvents', [{ id: 1 }], [{ id: 1 }, 5 as never], compileKey('t', 'id'))).toThrow(
      'compareEvents: shadow[1] must be an object (one event), got 5',
    );
    expect(() => pairRows('compareEvents', [{ id: 1 }, null as never], [{ id: 1 }], compileKey('t', 'id'))).toThrow(
      'compareEvents: legacy[1] must be an object (one event), got null',
    );
  });
});

// Composite keys: parts drawn so that '1' and 1, 0 and -0, Dates, bigints, booleans and no-key
// parts all occur; the tuple fingerprint (fingerprintTuple) must pair exactly as the keys' text.
const partValue = fc.oneof(
  fc.integer({ min: 0, max: 4 }),
  fc.integer({ min: 0, max: 4 }).map(String),
  fc.constantFrom(-0, 0, '0', 1n, true, false, 'a,b', null, undefined, Number.NaN, new Date(Number.NaN), 1e21),
  fc.integer({ min: 4, max: 5 }).map((t) => new Date(t)), // a fresh Date each time: equal by time, not identity
);
const tupleRows = fc.array(fc.record({ a: partValue, b: partValue }), { maxLength: 40 });

function tupleReference(lrows: Record<string, unknown>[], srows: Record<string, unknown>[]) {
  // The definition with the key's text: rows re-keyed by key.read, then the one-field reference.
  const key = compileKey('t', ['a', 'b']);
  const rekey = (rows: Record<string, unknown>[]) => rows.map((r) => ({ id: ((k) => (typeof k === 'symbol' ? null : k))(key.read(r)) }));
  return reference(rekey(lrows), rekey(srows), 'id');
}

describe('pairRows on composite keys', () => {
  it('pairs exactly as the keys\u2019 text says, on any parts, in any order', () => {
    fc.assert(
      fc.property(tupleRows, tupleRows, (l, s) => {
        const p = view(pairRows('t', l, s, compileKey('t', ['a', 'b'])));
        const ref = tupleReference(l, s);
        // Duplicate maps are keyed by the key's text on both.
        expect(p).toEqual(ref);
      }),
      { seed: 1206, numRuns: 400 },
    );
  });

  it('checks pairs with key.same exactly as the keys\u2019 text compares', () => {
    const key = compileKey('t', ['a', 'b']);
    fc.assert(
      fc.property(fc.record({ a: partValue, b: partValue }), fc.record({ a: partValue, b: partValue }), (x, y) => {
        const kx = key.read(x);
        const ky = key.read(y);
        if (typeof kx === 'symbol' || typeof ky === 'symbol') return;
        expect(key.same(x, y)).toBe(kx === ky);
      }),
      { seed: 99, numRuns: 2000 },
    );
  });

  it('leaves pairs unchecked when asked (verify false): the caller checks them', () => {
    // Every key shares one fingerprint: one legacy and one shadow row of different keys pair.
    const collide = (_k: MapKey, out: Int32Array) => {
      out[0] = 3;
      out[1] = 3;
    };
    const p = pairRows('t', [{ id: 'a' }], [{ id: 'b' }], compileKey('t', 'id'), collide, undefined, false);
    expect([...p.pair]).toEqual([0]);
    expect(() => pairRows('t', [{ id: 'a' }], [{ id: 'b' }], compileKey('t', 'id'), collide)).not.toThrow();
    expect([...pairRows('t', [{ id: 'a' }], [{ id: 'b' }], compileKey('t', 'id'), collide).pair]).toEqual([-1]);
  });
});
