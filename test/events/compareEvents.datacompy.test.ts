import { describe, expect, test } from 'vitest';
import { compareEvents, type EventReport } from '../../src/index.js';
import { clone, makeEvents, pickIndices, shuffled } from '../_helpers/events.js';

const field = (r: EventReport, name: string) => r.fields.find((x) => x.field === name);
const codes = (r: EventReport) => r.reasons.map((x) => x.code);

describe("compare: 'common'", () => {
  const legacy = [{ id: 1, a: 1, onlyL: 'x' }, { id: 2, a: 2, onlyL: 'y' }];
  const shadow = [{ id: 1, a: 1, onlyS: true }, { id: 2, a: 2, onlyS: false }];
  test('passes when the common fields agree, reporting one-sided fields as schema differences only', () => {
    const r = compareEvents(legacy, shadow, { key: 'id', compare: 'common' });
    expect(r.verdict).toBe('pass');
    expect(r.fields.map((f) => f.field)).toEqual(['a']);
    expect(r.schema).toEqual({ onlyInLegacy: ['onlyL'], onlyInShadow: ['onlyS'] });
    expect(codes(r)).toEqual(expect.arrayContaining(['FIELD_ONLY_IN_LEGACY', 'FIELD_ONLY_IN_SHADOW']));
  });
  test("fails under 'all', where the one-sided fields are compared", () => {
    const r = compareEvents(legacy, shadow, { key: 'id' });
    expect(r.verdict).toBe('fail');
    expect(field(r, 'onlyL')?.mismatches).toBe(2);
  });
  test('fails when a common field differs, and still compares a declared one-sided field', () => {
    const r = compareEvents(legacy, [{ ...shadow[0], a: 9 }, shadow[1]], { key: 'id', compare: 'common', fields: { onlyL: 'exact' } });
    expect(field(r, 'a')?.mismatches).toBe(1);
    expect(field(r, 'onlyL')?.mismatches).toBe(2);
  });
});

describe('defaults by value type', () => {
  const legacy = [
    { id: 1, price: 100, name: 'ab', ok: true, mixed: 1 },
    { id: 2, price: 200, name: 'cd', ok: false, mixed: 'x' },
  ];
  const shadow = [
    { id: 1, price: 100 + 1e-8, name: ' ab\t', ok: true, mixed: 1 },
    { id: 2, price: 200, name: 'cd', ok: false, mixed: 'x ' },
  ];
  const defaults = { number: { rel: 1e-9 }, string: { normalize: 'trim' as const } };
  test('passes when each typed field is within its default rule, naming the rule it got', () => {
    const r = compareEvents(legacy, shadow.map((s) => ({ ...s, mixed: s.mixed === 'x ' ? 'x' : s.mixed })), { key: 'id', defaults });
    expect(r.verdict).toBe('pass');
    expect(Object.fromEntries(r.fields.map((f) => [f.field, f.rule]))).toEqual({ price: 'rel 1e-9', name: 'normalize trim', ok: 'exact', mixed: 'exact' });
  });
  test('fails on a field of mixed types, which keeps the exact default', () => {
    const r = compareEvents(legacy, shadow, { key: 'id', defaults });
    expect(field(r, 'mixed')).toMatchObject({ rule: 'exact', mismatches: 1 });
    expect(field(r, 'price')?.mismatches).toBe(0);
  });
  test('fails beyond the default tolerance and a declared rule wins over the default', () => {
    const far = [{ ...shadow[0], price: 100.001 }, shadow[1]];
    expect(field(compareEvents(legacy, far, { key: 'id', defaults }), 'price')?.mismatches).toBe(1);
    expect(field(compareEvents(legacy, far, { key: 'id', defaults, fields: { price: { abs: 0.01 } } }), 'price')?.mismatches).toBe(0);
  });
  test('rejects an unknown type and a bad rule, naming the option', () => {
    expect(() => compareEvents(legacy, shadow, { key: 'id', defaults: { numbr: { rel: 1 } } as never })).toThrowErrorMatchingInlineSnapshot(`[ShadowOptionError: compareEvents: unknown option 'defaults.numbr'; did you mean 'number'?]`);
    expect(() => compareEvents(legacy, shadow, { key: 'id', defaults: { number: { rel: -1 } } })).toThrowErrorMatchingInlineSnapshot(`[ShadowOptionError: compareEvents: defaults.number.rel must be a finite number >= 0, got -1]`);
  });
});

describe('isclose in compareEvents: delta statistics like the other numeric rules', () => {
  test('fails exactly on the injected pairs beyond abs + rel·|legacy|', () => {
    const legacy = makeEvents(500, 11);
    const shadow = clone(legacy);
    const far = pickIndices(500, 17, 5);
    // Within: +0.5·(1e-3 + 1e-4·|price|); beyond: +2·(1e-3 + 1e-4·|price|).
    shadow.forEach((e, i) => (e.price += (far.includes(i) ? 2 : 0.5) * (1e-3 + 1e-4 * Math.abs(legacy[i].price))));
    const r = compareEvents(legacy, shadow, { key: 'id', fields: { price: { isclose: { abs: 1e-3, rel: 1e-4 } } } });
    const f = field(r, 'price')!;
    expect(f.rule).toBe('isclose abs 0.001 + rel 0.0001');
    expect(f.mismatches).toBe(17);
    expect(f.delta!.n).toBe(500);
    const expectedMax = Math.max(...legacy.map((e, i) => (far.includes(i) ? 2 : 0.5) * (1e-3 + 1e-4 * Math.abs(e.price))));
    expect(f.delta!.maxAbs).toBeCloseTo(expectedMax, 9);
  });
});

describe("duplicateKeys: 'inOrder'", () => {
  const legacy = [
    { id: 'a', v: 1 }, { id: 'b', v: 1 }, { id: 'a', v: 2 }, { id: 'a', v: 3 }, { id: 'c', v: 1 }, { id: 'd', v: 1 }, { id: 'd', v: 2 },
  ];
  const shadow = [
    { id: 'a', v: 1 }, { id: 'b', v: 1 }, { id: 'a', v: 2 }, { id: 'c', v: 1 }, { id: 'c', v: 9 }, { id: 'd', v: 1 },
  ];
  test('fails by default: duplicated keys are excluded', () => {
    const r = compareEvents(legacy, shadow, { key: 'id' });
    expect(r.counts).toMatchObject({ matched: 1, legacyDuplicateKeys: 2, shadowDuplicateKeys: 2 });
    expect(codes(r)).toContain('DUPLICATE_KEYS');
    expect(r.duplicateKeys).toBeUndefined();
  });
  test('pairs the k-th rows of a key in order of occurrence; rows left over are missing or extra', () => {
    // a: (1,1) (2,2), legacy a3 missing; b: (1,1); c: (1,1), shadow c9 extra; d: (1,1), legacy d2 missing.
    const r = compareEvents(legacy, shadow, { key: 'id', duplicateKeys: 'inOrder' });
    expect(r.counts).toMatchObject({ matched: 5, equal: 5, missing: 2, extra: 1, ambiguous: 0, legacyDuplicateKeys: 2, shadowDuplicateKeys: 2 });
    expect(r.duplicateKeys).toBe('inOrder');
    expect(codes(r)).not.toContain('DUPLICATE_KEYS');
    expect(r.reasons.find((x) => x.code === 'DUPLICATE_KEYS_PAIRED_IN_ORDER')?.message).toMatchInlineSnapshot(`"duplicated keys are paired by order of occurrence (duplicateKeys: 'inOrder'): 2 in legacy (5 rows), 2 in shadow (4 rows); the pairs depend on row order within each key"`);
    expect(r.examples.missing).toEqual(['a', 'd']);
  });
  test('passes a shuffled copy whose duplicates keep their relative order', () => {
    const base = makeEvents(300, 4).map((e, i) => ({ ...e, id: `k${i % 100}`, n: i }));
    const shadow = shuffled(base, 9).sort((x, y) => x.n - y.n); // relative order kept
    const r = compareEvents(base, shuffled(shadow, 2).sort((x, y) => x.n - y.n), { key: 'id', duplicateKeys: 'inOrder' });
    expect(r.counts).toMatchObject({ matched: 300, equal: 300 });
    expect(r.verdict).toBe('pass');
  });
});

describe('ignoreFieldCase', () => {
  const legacy = [{ id: 1, userId: 'u1', Geo: { City: 'Paris' } }, { id: 2, userId: 'u2', Geo: { City: 'Oslo' } }];
  const shadow = [{ id: 1, userid: 'u1', geo: { city: 'Paris' } }, { id: 2, userid: 'u2', geo: { city: 'Lyon' } }];
  test('fails by default: differently cased names are one-sided fields', () => {
    const r = compareEvents(legacy, shadow, { key: 'id' });
    expect(r.schema.onlyInLegacy).toEqual(['Geo', 'Geo.City', 'userId']);
  });
  test('matches names ignoring case, reported as renames, and compares their values', () => {
    const r = compareEvents(legacy, shadow, { key: 'id', ignoreFieldCase: true });
    expect(r.schema).toEqual({ onlyInLegacy: [], onlyInShadow: [] });
    expect(r.fields.map((f) => [f.field, f.shadowField, f.mismatches])).toEqual([
      ['Geo.City', 'geo.city', 1],
      ['userId', 'userid', 0],
    ]);
  });
  test('fails on names that collide on one side, naming them', () => {
    const l = legacy.map((e) => ({ ...e, USERID: e.userId }));
    const r = compareEvents(l, shadow, { key: 'id', ignoreFieldCase: true });
    expect(r.reasons.find((x) => x.code === 'FIELD_NAME_COLLISION')?.message).toMatchInlineSnapshot(`"legacy has fields 'USERID' and 'userId', which differ only by case, so ignoreFieldCase cannot tell which one to compare; they are compared by exact name: rename one, or set ignoreFieldCase: false"`);
    expect(r.verdict).toBe('fail');
  });
});
