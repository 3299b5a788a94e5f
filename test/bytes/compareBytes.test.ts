import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import canonicalize from 'canonicalize';
import { compareBytes } from '../../src/bytes/compareBytes.js';
import { compileNormalization } from '../../src/bytes/normalization.js';
import { renderReport } from '../../src/report/renderReport.js';
import { createRng } from '../../src/stats/_internal/prng.js';
import { PreciseDate } from '../../src/dataset/preciseDate.js';

function records(n: number, seed = 5) {
  const r = createRng(seed);
  return Array.from({ length: n }, (_, i) => ({ id: i, ts: 1_700_000_000_000 + i * 1000, type: ['a', 'b'][i % 2], price: Math.round(r.nextFloat() * 1e4) / 100, name: 'café', meta: { v: 2, tags: ['x', 'y'] } }));
}
const legacy = records(5000);

describe('compareBytes', () => {
  test('passes a copy with keys in another order, -0 for 0 and decomposed Unicode', () => {
    const shadow = legacy.map((e) => ({ meta: { tags: e.meta.tags, v: e.meta.v }, name: 'cafe\u0301', price: e.price === 0 ? -0 : e.price, type: e.type, ts: e.ts, id: e.id }));
    const r = compareBytes(legacy, shadow, { key: 'id' });
    expect(r.verdict).toBe('pass');
    expect(r.rates.bytesMatch).toBe(1);
    expect(r.counts.equal).toBe(5000);
  });

  test('ISO vs epoch timestamps in 1 % of records: the rate, the offset and the field, counted back', () => {
    const hit = new Set(legacy.filter((_, i) => i % 100 === 7).map((e) => e.id));
    const shadow = legacy.map((e) => (hit.has(e.id) ? { ...e, ts: new Date(e.ts).toISOString() } : e));
    const r = compareBytes(legacy, shadow, { key: 'id' });
    expect(r.verdict).toBe('fail');
    expect(r.counts.differing).toBe(hit.size);
    expect(r.rates.bytesMatch).toBe(0.99);
    expect(r.fields).toEqual([{ field: 'ts', records: 50, known: 0 }]);
    const ex = r.examples[0];
    const text = canonicalize(legacy[ex.key as number])!;
    expect(ex.offset).toBe(Buffer.byteLength(text.slice(0, text.indexOf('"ts":') + 5)));
    expect(renderReport(r)).toMatchInlineSnapshot(`
      "Bytes differ: 99.00% of legacy records byte-equal after normalisation v1-2f681fb4 (100.00% required)
        records: legacy 5,000, shadow 5,000, matched 5,000, equal 4,950, differing 50, missing 0, extra 0
        bytes per record: legacy 101.6, shadow 101.7

      Field holding the first differing byte:
        field  records  known
        ts          50      0

      Examples (normalised bytes from just before the first difference):
        key 7: byte 74 in ts
          legacy …92,"ts":1700000007000,"t…
          shadow …92,"ts":"2023-11-14T22:1…
        key 107: byte 75 in ts
          legacy ….5,"ts":1700000107000,"t…
          shadow ….5,"ts":"2023-11-14T22:1…
        key 207: byte 75 in ts
          legacy …44,"ts":1700000207000,"t…
          shadow …44,"ts":"2023-11-14T22:1…
        key 307: byte 76 in ts
          legacy …32,"ts":1700000307000,"t…
          shadow …32,"ts":"2023-11-14T22:1…
        key 407: byte 76 in ts
          legacy …29,"ts":1700000407000,"t…
          shadow …29,"ts":"2023-11-14T22:2…
      Hint: ts is an ISO string on one side and a number on the other: if consumers read both, normalize: { timestamps: { fields: ['ts'] } }; if they hash the bytes, fix the writer"
    `);
    // Declaring the timestamp normalisation makes them equal, under another normalisation id.
    const n = compareBytes(legacy, shadow, { key: 'id', normalize: { timestamps: { fields: ['ts'] } } });
    expect(n.rates.bytesMatch).toBe(1);
    expect(n.normalization.id).not.toBe(r.normalization.id);
  });

  test('timestamps normalisation reads Dates too: a Parquet timestamp (µs) against its ISO text and its epoch ms', () => {
    // As loadDataset reads a TIMESTAMP(MICROS) column, against a JSON writer's two forms.
    const l = [{ id: 1, ts: PreciseDate.fromMicros(1_704_067_200_000_100n) }, { id: 2, ts: new Date(1_704_067_201_000) }, { id: 3, ts: PreciseDate.fromMicros(1_704_067_202_999_999n) }];
    const s = [{ id: 1, ts: '2024-01-01T00:00:00.000Z' }, { id: 2, ts: 1_704_067_201_000 }, { id: 3, ts: '2024-01-01T00:00:03.000Z' }];
    const r = compareBytes(l, s, { key: 'id', normalize: { timestamps: { fields: ['ts'] } } });
    // Truncated to the ms: 1 and 2 equal; 3 is …02.999 against …03.000, one ms apart.
    expect([r.counts.equal, r.counts.differing]).toEqual([2, 1]);
    expect(r.examples.map((e) => [e.key, e.field])).toEqual([[3, 'ts']]);
    expect(compareBytes(l, s, { key: 'id', normalize: { timestamps: { fields: ['ts'], precision: 's' } } }).counts.equal).toBe(2);
  });

  test('a volatile field differs until it is dropped; the report names the field', () => {
    const shadow = legacy.map((e, i) => ({ ...e, meta: { ...e.meta, v: i % 10 === 0 ? 3 : 2 } }));
    const r = compareBytes(legacy, shadow, { key: 'id' });
    expect(r.fields).toEqual([{ field: 'meta.v', records: 500, known: 0 }]);
    expect(compareBytes(legacy, shadow, { key: 'id', normalize: { drop: ['meta.v'] } }).rates.bytesMatch).toBe(1);
  });

  test('number formatting: rounding to declared decimals', () => {
    const shadow = legacy.map((e) => ({ ...e, price: e.price + 1e-9 }));
    expect(compareBytes(legacy, shadow, { key: 'id' }).rates.bytesMatch).toBeLessThan(0.01);
    expect(compareBytes(legacy, shadow, { key: 'id', normalize: { decimals: 6 } }).rates.bytesMatch).toBe(1);
  });

  test('bytes per record are the UTF-8 lengths of the canonical records', () => {
    const r = compareBytes(legacy.slice(0, 10), legacy.slice(0, 10), { key: 'id' });
    const total = legacy.slice(0, 10).reduce((a, e) => a + Buffer.byteLength(canonicalize(e)!), 0);
    expect(r.bytes.legacy).toBe(total);
    expect(r.bytes.perRecord.legacy).toBe(total / 10);
  });

  test('a normalisation that drops the key fails; empty input fails', () => {
    expect(() => compareBytes(legacy, legacy, { key: 'id', normalize: { drop: ['id'] } })).toThrowErrorMatchingInlineSnapshot(`[ShadowOptionError: compareBytes: normalize.drop removes 'id', which holds the key field 'id': records could no longer be matched; drop another field or change the key]`);
    expect(() => compareBytes(legacy, legacy, { key: ['meta.v', 'id'], normalize: { drop: ['meta'] } })).toThrow(/holds the key field 'meta.v'/);
    expect(compareBytes(legacy, [], { key: 'id' }).verdict).toBe('fail');
  });

  test('the same report whether shadow is in legacy order (the in-order join) or shuffled (the hash join)', () => {
    const shadow = legacy.map((e, i) => (i % 37 === 3 ? { ...e, price: e.price + 1 } : i % 50 === 9 ? { ...e, name: 'cafe' } : e));
    const ordered = compareBytes(legacy, shadow, { key: 'id' });
    const r = createRng(77);
    const shuffled = [...shadow];
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = r.nextInt(i + 1);
      [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
    }
    expect(compareBytes(legacy, shuffled, { key: 'id' })).toEqual(ordered);
    expect(ordered.counts.differing).toBe(legacy.filter((_, i) => i % 37 === 3 || i % 50 === 9).length);
    // In order with 2 % of rows lost and 10 extra ones (the merge join) vs the same rows shuffled.
    const gaps = [...shadow.filter((_, i) => i % 50 !== 17), ...Array.from({ length: 10 }, (_, k) => ({ ...legacy[0], id: 10_000 + k }))];
    const merged = compareBytes(legacy, gaps, { key: 'id' });
    expect(merged.counts).toMatchObject({ missing: 100, extra: 10, matched: 4900 });
    expect(compareBytes(legacy, [...gaps].reverse(), { key: 'id' })).toEqual(merged);
  });

  test('keys in order but repeated are duplicates, not pairs', () => {
    const rows = [{ id: 1, v: 1 }, { id: 1, v: 2 }, { id: 2, v: 3 }];
    const r = compareBytes(rows, rows, { key: 'id' });
    expect(r.counts).toMatchObject({ matched: 1, equal: 1, duplicateKeys: 2 }); // key 1, once per side
    expect(r.rates.bytesMatch).toBeCloseTo(1 / 3, 12);
  });

  test('property: the canonical serialiser agrees with the canonicalize package (RFC 8785)', () => {
    const n = compileNormalization('test', { unicode: 'none' }, []);
    const json = fc.jsonValue({ maxDepth: 3 }).filter((v) => v !== null && typeof v === 'object' && !Array.isArray(v));
    fc.assert(fc.property(json, (v) => {
      expect(n.apply(v as Record<string, unknown>)).toBe(canonicalize(v));
    }), { numRuns: 300, seed: 14 });
  });
});

describe('compareBytes: values JSON cannot hold', () => {
  const one = (l: unknown, s: unknown) => compareBytes([{ id: 1, v: l }], [{ id: 1, v: s }], { key: 'id' });
  test('fails NaN, Infinity and -Infinity against null and against each other', () => {
    for (const [l, s] of [[NaN, null], [Infinity, null], [-Infinity, null], [-Infinity, NaN], [Infinity, -Infinity], [[NaN], [null]], [{ x: NaN }, { x: null }]]) {
      expect(one(l, s).verdict, `${String(l)} vs ${String(s)}`).toBe('fail');
    }
    const r = one(NaN, null);
    expect(r.examples[0].field).toBe('v');
    expect(r.examples[0].excerpt).toEqual({ legacy: '":1,"v":NaN}', shadow: '":1,"v":null}' });
  });

  test('passes NaN against NaN and Infinity against Infinity, with exact byte lengths', () => {
    const r = compareBytes([{ id: 1, v: NaN, w: Infinity }, { id: 2, v: [-Infinity] }], [{ id: 1, v: NaN, w: Infinity }, { id: 2, v: [-Infinity] }], { key: 'id' });
    expect(r.verdict).toBe('pass');
    expect(r.bytes.legacy).toBe('{"id":1,"v":NaN,"w":Infinity}'.length + '{"id":2,"v":[-Infinity]}'.length);
  });

  test('fails on a Map or a Set with a ShadowDataError naming the side, the record and the field', () => {
    expect(() => one(new Map([['a', 1]]), {})).toThrowErrorMatchingInlineSnapshot(`[ShadowDataError: compareBytes: legacy record with key 1: field v holds a Map, which has no JSON form (JSON.stringify writes it as {}); convert it first, e.g. Object.fromEntries(map) or [...set]]`);
    expect(() => compareBytes([{ id: 1, v: 1 }], [{ id: 1, v: 1, meta: { tags: new Set([1]) } }], { key: 'id' })).toThrowErrorMatchingInlineSnapshot(`[ShadowDataError: compareBytes: shadow record with key 1: field meta.tags holds a Set, which has no JSON form (JSON.stringify writes it as {}); convert it first, e.g. Object.fromEntries(map) or [...set]]`);
    expect(() => one(new Map(), new Map())).toThrow(/holds a Map/);
  });

  test('compares BigInts exactly, as digits distinct from a number of the same value', () => {
    const big = 2n ** 63n - 1n;
    expect(one(big, big).verdict).toBe('pass');
    expect(one(big, big - 1n).verdict).toBe('fail');
    expect(one(7n, 7).verdict).toBe('fail'); // a BigInt is not the number 7
    expect(one(7n, '7').verdict).toBe('fail');
    const r = one(9_007_199_254_740_993n, 9_007_199_254_740_992n);
    expect(r.examples[0].field).toBe('v');
    expect(r.examples[0].excerpt.legacy).toContain('254740993n');
    expect(r.examples[0].excerpt.shadow).toContain('254740992n');
    const rows = [1000000000000000007n, 2000000000000000007n].map((h, i) => ({ id: i, h, list: [h] }));
    expect(compareBytes(rows, structuredClone(rows), { key: 'id' }).verdict).toBe('pass');
  });
});

describe('compareBytes: keys that cannot pair are reasons', () => {
  const ten = Array.from({ length: 10 }, (_, i) => ({ id: i, v: i }));
  test('fails a key duplicated in shadow even when the rate is met, and the counts add up', () => {
    const r = compareBytes(ten, [...ten, { id: 3, v: 333 }], { key: 'id', minMatchRate: 0.9 });
    expect(r.verdict).toBe('fail');
    expect(r.reasons.filter((x) => x.severity === 'fail').map((x) => `${x.code} ${x.subject} ${x.received}`)).toEqual(['DUPLICATE_KEYS shadow 1']);
    const k = r.counts;
    expect(k.unpaired).toEqual({ legacy: 1, shadow: 2 });
    expect(k.matched + k.missing + k.missingKey + k.unpaired.legacy).toBe(k.legacy);
    expect(k.matched + k.extra + k.unpaired.shadow).toBe(k.shadow);
    expect(renderReport(r)).toMatchInlineSnapshot(`
      "Bytes differ: 90.00% of legacy records byte-equal after normalisation v1-2f681fb4 (90.00% required)
        ✗ 1 key occurs more than once in shadow (2 records); duplicated keys are excluded from matching; 1 legacy record with one of those keys is paired with nothing
        records: legacy 10, shadow 11, matched 9, equal 9, differing 0, missing 0, extra 0, with a duplicated key 1/2
        bytes per record: legacy 14.0, shadow 14.2"
    `);
  });

  test('fails rows without a key on either side, as compareEvents does', () => {
    const r = compareBytes([...ten, { v: 1 }], [...ten, { v: 2 }], { key: 'id', minMatchRate: 0.9 });
    expect(r.verdict).toBe('fail');
    expect(r.reasons.filter((x) => x.severity === 'fail').map((x) => `${x.code} ${x.subject} ${x.received}`)).toEqual(['MISSING_KEY_FIELD legacy 1', 'MISSING_KEY_FIELD shadow 1']);
    expect(r.counts).toMatchObject({ missingKey: 2, unpaired: { legacy: 0, shadow: 0 } });
  });
});
