import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import canonicalize from 'canonicalize';
import { compileNormalization, type NormalizeSpec } from '../../src/bytes/normalization.js';
import { PLANS } from '../../src/bytes/_internal/canonicalJson.js';
import { equalCanonicalLength } from '../../src/bytes/_internal/equalCanonicalLength.js';

// Hostile scalars for RFC 8785: −0, the 1e21 switch to exponent form, 1e-7 (the small switch),
// the largest and smallest doubles, strings needing escapes, NFC-unstable text, non-BMP text.
const hostileNumber = fc.oneof(
  fc.constantFrom(-0, 0, 1e21, 1e-7, 999999999999999900000, 1e20, -1e21, 1e-6, 5e-324, Number.MAX_VALUE, -Number.MAX_SAFE_INTEGER, 0.1 + 0.2, 123.456),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);
const wellFormedText = ['', 'a', 'café', 'cafe\u0301', 'Å', 'A\u030a', '\u212b', '😀', '𝒜x', '"\\', '\u0000\u001f', '\u2028\u2029', '\u007f', '\uffff', '\ue000', 'ｶﾞ'];
const hostileString = fc.oneof(fc.constantFrom(...wellFormedText), fc.string({ unit: 'binary', maxLength: 6 }), fc.string({ maxLength: 6 }));
// Member names chosen so that UTF-16 order differs from code point order ('\uffff' after '😀' by code
// point, before it by UTF-16 code unit), with integer-like names Object.keys puts first, and with
// names that NFC changes.
const hostileKey = fc.oneof(fc.constantFrom('a', 'b', 'Z', '10', '2', '', 'é', 'e\u0301', '😀', '\uffff', '\ue000', 'a b', 'ts', 'id'), fc.string({ maxLength: 3 }));
const hostileValue = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, hostileNumber, hostileString, fc.boolean(), fc.constant(null), tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(hostileKey, tie('value'), { maxKeys: 5 }),
})).value;
const hostileRecord = fc.dictionary(hostileKey, hostileValue, { minKeys: 1, maxKeys: 6 });

/** A deep copy with strings and member names in NFC (what the normalisation promises to write). */
function nfcDeep(v: unknown): unknown {
  if (typeof v === 'string') return v.normalize('NFC');
  if (Array.isArray(v)) return v.map(nfcDeep);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k.normalize('NFC'), nfcDeep(x)]));
  return v;
}
/** Whether two member names of one object collide under NFC (a record RFC 8785 cannot represent). */
function nfcCollides(v: unknown): boolean {
  if (Array.isArray(v)) return v.some(nfcCollides);
  if (v === null || typeof v !== 'object') return false;
  const ks = Object.keys(v);
  return new Set(ks.map((k) => k.normalize('NFC'))).size !== ks.length || Object.values(v).some(nfcCollides);
}
/** Whether a string or member name holds a lone surrogate (canonicalize refuses those). */
function hasLoneSurrogate(v: unknown): boolean {
  if (typeof v === 'string') return /\p{Cs}/u.test(v);
  if (Array.isArray(v)) return v.some(hasLoneSurrogate);
  if (v !== null && typeof v === 'object') return Object.entries(v).some(([k, x]) => /\p{Cs}/u.test(k) || hasLoneSurrogate(x));
  return false;
}

/** A copy written differently but with the same canonical text: keys reversed, 0 as −0, text decomposed. */
function rewrite(v: unknown): unknown {
  if (typeof v === 'number') return v === 0 ? -0 : v;
  if (typeof v === 'string') return v.normalize('NFD');
  if (Array.isArray(v)) return v.map(rewrite);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, rewrite(x)]));
  return v;
}
/** A copy with one leaf changed (picked by `at`), so the canonical texts usually differ. */
function perturb(v: unknown, at: { n: number }): unknown {
  if (Array.isArray(v)) return v.map((x) => perturb(x, at));
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, perturb(x, at)]));
  if (at.n-- !== 0) return v;
  return typeof v === 'number' ? v + 1 : typeof v === 'string' ? `${v}x` : typeof v === 'boolean' ? !v : 0;
}

describe('canonical serialiser (RFC 8785) on hostile values', () => {
  test('property: agrees with the canonicalize package under unicode none', () => {
    const n = compileNormalization('test', { unicode: 'none' }, []);
    fc.assert(
      fc.property(hostileRecord.filter((v) => !hasLoneSurrogate(v)), (v) => {
        expect(n.apply(v)).toBe(canonicalize(v));
      }),
      { numRuns: 400, seed: 1401 },
    );
  });

  test('property: under NFC, equals canonicalize of the NFC copy', () => {
    const n = compileNormalization('test', {}, []);
    fc.assert(
      fc.property(hostileRecord.filter((v) => !hasLoneSurrogate(v) && !nfcCollides(v)), (v) => {
        expect(n.apply(v)).toBe(canonicalize(nfcDeep(v)));
      }),
      { numRuns: 400, seed: 1402 },
    );
  });

  test('hostile scalars one by one, against canonicalize', () => {
    const n = compileNormalization('test', {}, []);
    const rec = { z: -0, a: 1e21, b: 1e-7, c: [[1, [2, [-0]]], []], 'é': 'cafe\u0301', 'e\u0301x': 1, '😀': '𝒜', '\uffff': 0.1 + 0.2, '10': 1, '2': 2 };
    expect(n.apply(rec)).toBe(canonicalize(nfcDeep(rec)));
    expect(n.apply(rec)).toMatchInlineSnapshot(`"{"10":1,"2":2,"a":1e+21,"b":1e-7,"c":[[1,[2,[0]]],[]],"z":0,"é":"café","éx":1,"😀":"𝒜","￿":0.30000000000000004}"`);
  });

  test('a lone surrogate is written escaped (as JSON.stringify does), where canonicalize refuses it', () => {
    const n = compileNormalization('test', {}, []);
    expect(n.apply({ s: 'a\ud800b' })).toBe('{"s":"a\\ud800b"}');
    expect(() => canonicalize({ s: 'a\ud800b' })).toThrow(/Lone surrogate/);
  });
});

describe('equalCanonicalLength (the fast path for equal records)', () => {
  const specs: NormalizeSpec[] = [{}, { unicode: 'none' }, { decimals: 3 }, { drop: ['a', 'ts.x'] }, { timestamps: { fields: ['ts'], precision: 's' } }, { timestamps: { fields: ['ts'], format: 'iso' }, drop: ['b'], decimals: 2 }];

  function check(spec: NormalizeSpec, a: Record<string, unknown>, b: Record<string, unknown>): number {
    const norm = compileNormalization('test', spec, []);
    const len = equalCanonicalLength(a, b, PLANS.get(norm)!);
    const ta = norm.apply(a);
    // A length is a proof: the two canonical texts are equal and that long.
    if (len >= 0) {
      expect(norm.apply(b)).toBe(ta);
      expect(len).toBe(Buffer.byteLength(ta));
    }
    return len;
  }

  test('property: a length only for texts that are equal, and it is their UTF-8 length (same, rewritten, perturbed copies)', () => {
    fc.assert(
      fc.property(hostileRecord, fc.constantFrom(...specs.keys()), fc.nat(8), (v, s, at) => {
        check(specs[s], v, structuredClone(v));
        check(specs[s], v, rewrite(v) as Record<string, unknown>);
        check(specs[s], v, perturb(v, { n: at }) as Record<string, unknown>);
      }),
      { numRuns: 400, seed: 1403 },
    );
  });

  test('property: not vacuous: every identical copy of a record with plain member names is proven', () => {
    const plainKey = fc.constantFrom('a', 'b', 'Z', '10', '2', '', 'ts', 'id', 'x');
    const plainValue = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, hostileNumber, hostileString, fc.boolean(), fc.constant(null), tie('array'), tie('object')),
      array: fc.array(tie('value'), { maxLength: 4 }),
      object: fc.dictionary(plainKey, tie('value'), { maxKeys: 4 }),
    })).value;
    const plainRecord = fc.dictionary(plainKey, plainValue, { minKeys: 1, maxKeys: 6 });
    fc.assert(
      fc.property(plainRecord, fc.constantFrom(...specs.keys()), (v, s) => {
        // A timestamp member holding an object or array is left to the exact path by design.
        fc.pre(!(specs[s].timestamps && v.ts !== null && typeof v.ts === 'object'));
        expect(check(specs[s], v, structuredClone(v))).toBeGreaterThan(0);
      }),
      { numRuns: 300, seed: 1404 },
    );
  });

  test('proves records written in another key order, and declines (-1) when a member differs', () => {
    const norm = compileNormalization('test', {}, []);
    const plan = PLANS.get(norm)!;
    const a = { id: 1, ts: 1700000000000, price: 12.5, tags: ['a', 'b'], name: 'x', meta: { v: 2 } };
    const b = { meta: { v: 2 }, name: 'x', tags: ['a', 'b'], price: 12.5, ts: 1700000000000, id: 1 };
    expect(equalCanonicalLength(a, b, plan)).toBe(Buffer.byteLength(norm.apply(a)));
    expect(equalCanonicalLength(a, { ...b, price: 12.6 }, plan)).toBe(-1);
    expect(equalCanonicalLength(a, { ...b, extra: 1 }, plan)).toBe(-1);
    expect(equalCanonicalLength({ x: -0, y: 1e21, z: 1e-7, w: -123 }, { x: 0, y: 1e21, z: 1e-7, w: -123 }, plan)).toBe('{"w":-123,"x":0,"y":1e+21,"z":1e-7}'.length);
    // Non-ASCII text is measured after NFC (2 bytes for é, not 3 for e + U+0301).
    expect(equalCanonicalLength({ s: 'cafe\u0301' }, { s: 'cafe\u0301' }, plan)).toBe(Buffer.byteLength('{"s":"café"}'));
  });
});
