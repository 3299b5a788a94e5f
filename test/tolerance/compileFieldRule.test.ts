import { describe, expect, test } from 'vitest';
import { compileFieldRule, type FieldRule } from '../../src/index.js';
import { defaultEquals } from '../../src/tolerance/defaultEquals.js';

const rule = (r: FieldRule, nullEqualsMissing = false) => compileFieldRule('compareEvents', 'f', r, { nullEqualsMissing });

describe('numeric rules: |a-b| <= max(abs, rel * max(|a|, |b|))', () => {
  test('abs accepts up to the bound and rejects beyond it', () => {
    const r = rule({ abs: 0.5 });
    expect(r.equals(10, 10.5)).toBe(true);
    expect(r.equals(10, 10.500001)).toBe(false);
    expect(r.equals(10.5, 10)).toBe(true);
  });
  test('rel is symmetric in the two sides', () => {
    const r = rule({ rel: 0.1 });
    // |100 - 110| = 10 <= 0.1 * 110 = 11, whichever side is larger
    expect(r.equals(100, 110)).toBe(true);
    expect(r.equals(110, 100)).toBe(true);
    expect(r.equals(100, 112)).toBe(false);
  });
  test('the larger of abs and rel applies', () => {
    const r = rule({ abs: 1, rel: 0.01 });
    expect(r.equals(0, 1)).toBe(true);
    expect(r.equals(1000, 1010)).toBe(true);
    expect(r.equals(1000, 1011)).toBe(false);
  });
  test('a number never equals its string form; null vs number differs', () => {
    const r = rule({ abs: 100 });
    expect(r.equals(1, '1')).toBe(false);
    expect(r.equals(null, 1)).toBe(false);
    expect(r.equals(null, null)).toBe(true);
  });
  test('records shadow - legacy as lastDelta', () => {
    const r = rule({ abs: 1 });
    r.equals(2, 2.25);
    expect(r.lastDelta).toBe(0.25);
  });
  test('NaN equals NaN and infinities of one sign agree', () => {
    const r = rule({ abs: 0 });
    expect(r.equals(NaN, NaN)).toBe(true);
    expect(r.equals(Infinity, Infinity)).toBe(true);
    expect(r.equals(Infinity, -Infinity)).toBe(false);
  });
});

describe('BigInts (loadDataset reads a 64-bit integer past 2^53 as one): the exact difference', () => {
  // 2^53 + 1 and 2^53 + 3 share no double with their neighbours' values below; through doubles
  // 2^53 + 1 rounds to 2^53, so the differences below would be 0 or wrong by 1.
  const P = 9007199254740993n;
  test('a BigInt against a BigInt or a safe integer: tolerance on the exact difference', () => {
    const r = rule({ abs: 1 });
    expect(r.equals(P, P + 2n)).toBe(false);
    expect(r.lastDelta).toBe(2);
    expect(r.equals(P, P + 1n)).toBe(true);
    expect(r.lastDelta).toBe(1);
    expect(r.equals(9007199254740991, P)).toBe(false);
    expect(r.lastDelta).toBe(2);
    expect(rule({ abs: 2 }).equals(9007199254740991, P)).toBe(true);
    expect(rule({ isclose: { abs: 2 } }).equals(P + 2n, P)).toBe(true);
    expect(rule({ isclose: { abs: 1 } }).equals(P + 2n, P)).toBe(false);
    // isclose scales by legacy alone: 1 against 2^53 + 1 is outside rel 1 of 1, the reverse inside rel 1 of 2^53 + 1
    expect(rule({ isclose: { rel: 1 } }).equals(1, P)).toBe(false);
    expect(rule({ isclose: { rel: 1 } }).equals(P, 1)).toBe(true);
    // rel: 2 / (2^53 + 3) is about 2.2e-16
    expect(rule({ rel: 3e-16 }).equals(P, P + 2n)).toBe(true);
    expect(rule({ rel: 2e-16 }).equals(P, P + 2n)).toBe(false);
  });
  test('a BigInt against a number that is not a safe integer (a float64 rounding) or a string: a mismatch, no delta', () => {
    const r = rule({ abs: 10 });
    expect(r.equals(P, 9007199254740992)).toBe(false);
    expect(r.equals(9007199254740992, P)).toBe(false);
    expect(r.lastDelta).toBeNaN();
    expect(rule({ rel: 1 }).equals(P, 4503599627370495.5)).toBe(false);
    expect(r.equals(P, String(P))).toBe(false);
    expect(r.lastDelta).toBeNaN();
  });
  test('the exact rule records the exact difference too', () => {
    const r = rule('exact');
    expect(r.equals(P, P + 4n)).toBe(false);
    expect(r.lastDelta).toBe(4);
    expect(r.equals(P, P)).toBe(true);
    expect(r.lastDelta).toBe(0);
  });
});

describe('time rules', () => {
  const r = rule({ time: '2s' });
  test('compares ISO strings with offsets by instant', () => {
    expect(r.equals('2026-01-01T00:00:00Z', '2026-01-01T01:00:01.500+01:00')).toBe(true);
    expect(r.lastDelta).toBe(1500);
    expect(r.equals('2026-01-01T00:00:00Z', '2026-01-01T00:00:02.001Z')).toBe(false);
  });
  test('reads time-zone-naive strings as UTC', () => {
    expect(r.equals('2026-03-29T02:30:00', '2026-03-29T02:30:00Z')).toBe(true);
  });
  test('accepts Dates and epoch numbers alike', () => {
    expect(r.equals(new Date(Date.UTC(2026, 0, 1)), Date.UTC(2026, 0, 1) + 2000)).toBe(true);
  });
  test('epochUnit: s reads numbers as seconds', () => {
    const s = rule({ time: 1500, epochUnit: 's' });
    expect(s.equals(100, 101)).toBe(true);
    expect(s.equals(100, 102)).toBe(false);
  });
  test('an absent time (null, missing, NaN) falls back to exact comparison', () => {
    expect(r.equals(null, null)).toBe(true);
    expect(r.equals(undefined, null)).toBe(false);
    expect(r.equals(NaN, NaN)).toBe(true);
    expect(r.equals(null, '2026-01-01')).toBe(false);
  });
  test('a value that is not a time is a mismatch, even against itself, and is counted with the smallest example', () => {
    const t = rule({ time: '1s' });
    expect(t.equals('not a date', 'not a date')).toBe(false);
    expect(t.equals('2026-01-01', '01/01/2026')).toBe(false);
    expect(t.equals(true, '2026-01-01')).toBe(false);
    expect(t.unparseable).toEqual({ count: 4, example: '01/01/2026' });
  });
});

describe('unordered, normalize, custom, ignore', () => {
  test('unordered compares multisets: order ignored, multiplicity not', () => {
    const r = rule({ unordered: true });
    expect(r.equals(['a', 'b', 'b'], ['b', 'a', 'b'])).toBe(true);
    expect(r.equals(['a', 'b', 'b'], ['a', 'a', 'b'])).toBe(false);
    expect(r.equals([{ x: 1 }, { y: 2 }], [{ y: 2 }, { x: 1 }])).toBe(true);
    const long = Array.from({ length: 50 }, (_, i) => `t${i}`);
    expect(r.equals(long, [...long].reverse())).toBe(true);
    expect(r.equals(long, [...long.slice(1), 't0x'])).toBe(false);
  });
  test('unordered with abs pairs sorted numbers', () => {
    const r = rule({ unordered: true, abs: 0.1 });
    expect(r.equals([1, 2, 3], [3.05, 1.05, 2])).toBe(true);
    expect(r.equals([1, 2, 3], [3.2, 1, 2])).toBe(false);
  });
  test('normalize applies named normalisers in order', () => {
    const r = rule({ normalize: ['trim', 'casefold'] });
    expect(r.equals('  Crème ', 'crème')).toBe(true);
    const nfc = rule({ normalize: 'nfc' });
    expect(nfc.equals('crème', 'cre\u0300me')).toBe(true);
    expect(rule('exact').equals('crème', 'cre\u0300me')).toBe(false);
  });
  test('a custom comparator receives the normalised values', () => {
    const r = rule({ normalize: (v: unknown) => String(v), equals: (a: unknown, b: unknown) => a === b });
    expect(r.equals(1, '1')).toBe(true);
  });
  test('ignore always agrees', () => {
    expect(rule('ignore').equals(1, 2)).toBe(true);
  });
});

describe('defaultEquals conventions', () => {
  test('-0 equals 0 and NaN equals NaN', () => {
    expect(defaultEquals(-0, 0)).toBe(true);
    expect(defaultEquals(NaN, NaN)).toBe(true);
  });
  test('null vs missing differ unless nullEqualsMissing', () => {
    expect(defaultEquals(null, undefined)).toBe(false);
    expect(defaultEquals(null, undefined, true)).toBe(true);
    expect(defaultEquals({ a: null }, {})).toBe(false);
    expect(defaultEquals({ a: null }, {}, true)).toBe(true);
  });
  test('objects ignore key order; arrays do not ignore element order', () => {
    expect(defaultEquals({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 })).toBe(true);
    expect(defaultEquals([1, 2], [2, 1])).toBe(false);
  });
  test('Dates compare by time', () => {
    expect(defaultEquals(new Date(5), new Date(5))).toBe(true);
    expect(defaultEquals(new Date(5), 5)).toBe(false);
  });
});

describe('bad rules throw, naming the option and the fix', () => {
  const bad: [unknown, string][] = [
    [{ abs: -1 }, 'compareEvents: fields.f.abs must be a finite number >= 0, got -1'],
    [{ rel: NaN }, 'compareEvents: fields.f.rel must be a finite number >= 0, got NaN'],
    [{ abz: 1 }, "compareEvents: unknown option 'fields.f.abz'; did you mean 'abs'?"],
    [{ time: '2 parsecs' }, "compareEvents: fields.f.time must be a duration in milliseconds (a finite number >= 0) or a string like '500ms', '2s', '1h', got \"2 parsecs\""],
    [{ time: '1s', abs: 1 }, "compareEvents: fields.f combines 'time' with 'abs'/'rel'; use 'time' for timestamps or abs/rel for numbers, not both"],
    [{ normalize: 'lowercase' }, "compareEvents: fields.f.normalize must be one of 'trim', 'casefold', 'nfc', 'nfkc', 'decimal', got \"lowercase\""],
    [{ minMatchRate: 1.5 }, 'compareEvents: fields.f.minMatchRate must be a finite number in [0, 1], got 1.5'],
    ['fuzzy', "compareEvents: fields.f must be 'ignore', 'exact' or a rule object like { abs: 0.01 }, got \"fuzzy\""],
  ];
  for (const [r, message] of bad) {
    test(`rejects ${JSON.stringify(r)}`, () => {
      expect(() => rule(r as FieldRule)).toThrow(TypeError);
      expect(() => rule(r as FieldRule)).toThrow(message);
    });
  }
});

describe('isclose: |shadow − legacy| <= abs + rel · |legacy| (numpy.isclose, datacompy)', () => {
  // numpy.isclose(a, b, rtol, atol) tests |a - b| <= atol + rtol * |b| with b the reference; here legacy.
  // numpy.isclose(100, 110.5, rtol=0.1, atol=0.5) -> True; numpy.isclose(100, 110.6, rtol=0.1, atol=0.5) -> False
  test('adds the two tolerances, scaled by legacy only', () => {
    const r = rule({ isclose: { abs: 0.5, rel: 0.1 } });
    expect(r.equals(100, 110.5)).toBe(true);
    expect(r.equals(100, 110.6)).toBe(false);
    // Not symmetric: with 110.5 as legacy the bound is 0.5 + 11.05.
    expect(r.equals(110.5, 99)).toBe(true);
    expect(r.equals(100, 88.9)).toBe(false);
    r.equals(100, 101);
    expect(r.lastDelta).toBe(1);
    expect(r.description).toBe('isclose abs 0.5 + rel 0.1');
  });
  test('abs and rel default to 0 and NaN agrees only with NaN', () => {
    const r = rule({ isclose: { rel: 1e-9 } });
    expect(r.equals(1, 1 + 1e-10)).toBe(true);
    expect(r.equals(0, 1e-300)).toBe(false);
    expect(r.equals(NaN, NaN)).toBe(true);
    expect(r.equals(NaN, 0)).toBe(false);
  });
  test('rejects isclose combined with abs/rel or time, and bad parts', () => {
    expect(() => rule({ isclose: { abs: 1 }, abs: 1 })).toThrowErrorMatchingInlineSnapshot(`[ShadowOptionError: compareEvents: fields.f combines 'isclose' with 'abs'/'rel'; isclose is its own rule (|shadow − legacy| <= abs + rel * |legacy|): put abs and rel inside isclose]`);
    expect(() => rule({ isclose: { abs: -1 } })).toThrowErrorMatchingInlineSnapshot(`[ShadowOptionError: compareEvents: fields.f.isclose.abs must be a finite number >= 0, got -1]`);
    expect(() => rule({ isclose: { atol: 1 } } as never)).toThrowError(/isclose/);
    expect(() => rule({ isclose: { abs: 1 }, time: '1s' })).toThrowError(/'isclose'/);
  });
});

describe("normalize: 'decimal'", () => {
  test('refuses to combine with a numeric or time tolerance', () => {
    expect(() => rule({ normalize: 'decimal', abs: 1 })).toThrowErrorMatchingInlineSnapshot(`[ShadowOptionError: compareEvents: fields.f combines normalize 'decimal' with a numeric or time tolerance; 'decimal' turns numbers into exact decimal strings, so the tolerance would never apply: drop one]`);
  });
});
