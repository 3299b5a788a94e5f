/**
 * The DuckDB engine follows the in-memory rules (issue 10): each case here failed before its fix.
 * Expected values are the ground truth of the constructed data; where the in-memory engine is the
 * reference for the same rows, both engines are asserted.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { compareEvents } from '../../../src/index.js';
import { compareEventFiles } from '../../../src/duckdb/index.js';
import type { CompareEventsOptions } from '../../../src/index.js';
import { writeJsonl, writeParquet } from './_files.js';

const dir = mkdtempSync(join(tmpdir(), 'shadow-duck-rules-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let seq = 0;
const file = (ext: string) => join(dir, `f${seq++}.${ext}`);

async function jsonlPair(legacy: Record<string, unknown>[], shadow: Record<string, unknown>[], options: CompareEventsOptions & { key: string }) {
  const l = file('jsonl');
  const s = file('jsonl');
  writeJsonl(l, legacy);
  writeJsonl(s, shadow);
  return compareEventFiles(l, s, options);
}

async function parquetPair(
  legacy: Record<string, unknown>[],
  shadow: Record<string, unknown>[],
  schemas: [Record<string, string>, Record<string, string>],
  options: CompareEventsOptions & { key: string },
) {
  const l = file('parquet');
  const s = file('parquet');
  await writeParquet(l, legacy, schemas[0]);
  await writeParquet(s, shadow, schemas[1]);
  return compareEventFiles(l, s, options);
}

const summary = (r: { counts: { matched: number; missing: number; extra: number; equal: number }; fields: { field: string; mismatches: number }[] }) => ({
  matched: r.counts.matched,
  equal: r.counts.equal,
  missing: r.counts.missing,
  extra: r.counts.extra,
  fields: Object.fromEntries(r.fields.map((f) => [f.field, f.mismatches])),
});

describe('keys: a number never equals its string form', () => {
  const legacy = [{ id: 1, v: 'a' }, { id: 2, v: 'b' }, { id: 3, v: 'c' }];
  const shadow = [{ id: '1', v: 'a' }, { id: '02', v: 'b' }, { id: 3, v: 'c' }];
  test('fails when keys 1 and "1", 2 and "02" would join (JSON Lines)', async () => {
    const truth = { matched: 1, equal: 1, missing: 2, extra: 2, fields: { v: 0 } };
    expect(summary(await jsonlPair(legacy, shadow, { key: 'id' }))).toEqual(truth);
    expect(summary(compareEvents(legacy, shadow, { key: 'id' }))).toEqual(truth);
  });
  test('fails when a BIGINT key column and a VARCHAR key column would join (Parquet)', async () => {
    const r = await parquetPair(
      [{ id: 1, v: 'a' }, { id: 2, v: 'b' }],
      [{ id: '1', v: 'a' }, { id: '02', v: 'b' }],
      [{ id: 'BIGINT', v: 'VARCHAR' }, { id: 'VARCHAR', v: 'VARCHAR' }],
      { key: 'id' },
    );
    expect(summary(r)).toEqual({ matched: 0, equal: 0, missing: 2, extra: 2, fields: { v: 0 } });
    expect(r.examples.missing).toEqual([1, 2]);
    expect(r.examples.extra).toEqual(['02', '1']);
  });
  test('passes when integer and double key columns hold the same numbers (Parquet)', async () => {
    const r = await parquetPair([{ id: 1 }, { id: 2 }], [{ id: 1 }, { id: 2 }], [{ id: 'BIGINT' }, { id: 'DOUBLE' }], { key: 'id' });
    expect(summary(r)).toEqual({ matched: 2, equal: 2, missing: 0, extra: 0, fields: {} });
  });
  test('counts a NaN key as no key, like null', async () => {
    const r = await parquetPair([{ id: NaN }, { id: 1 }], [{ id: NaN }, { id: 1 }], [{ id: 'DOUBLE' }, { id: 'DOUBLE' }], { key: 'id', maxMissingKeyRows: 1 });
    expect(r.counts).toMatchObject({ legacyMissingKey: 1, shadowMissingKey: 1, matched: 1 });
  });
});

describe('numbers under abs/rel', () => {
  const schema = { id: 'BIGINT', v: 'DOUBLE' };
  test('fails when NaN is compared with a number (NaN agrees only with NaN)', async () => {
    const r = await parquetPair(
      [{ id: 1, v: NaN }, { id: 2, v: 1 }, { id: 3, v: NaN }],
      [{ id: 1, v: 1 }, { id: 2, v: NaN }, { id: 3, v: NaN }],
      [schema, schema],
      { key: 'id', fields: { v: { abs: 0.5, rel: 0.1 } } },
    );
    expect(summary(r).fields).toEqual({ v: 2 });
  });
  test('fails when a finite number is compared with an infinity, or +Infinity with -Infinity', async () => {
    const r = await parquetPair(
      [{ id: 1, v: 1 }, { id: 2, v: Infinity }, { id: 3, v: Infinity }, { id: 4, v: -Infinity }],
      [{ id: 1, v: Infinity }, { id: 2, v: -Infinity }, { id: 3, v: Infinity }, { id: 4, v: -Infinity }],
      [schema, schema],
      { key: 'id', fields: { v: { rel: 0.1 } } },
    );
    expect(summary(r).fields).toEqual({ v: 2 });
  });
  test('never overflows on unsigned columns when shadow < legacy, under the exact default', async () => {
    const s = { id: 'BIGINT', n: 'UBIGINT' };
    const r = await parquetPair([{ id: 1, n: 5 }, { id: 2, n: 7 }], [{ id: 1, n: 4 }, { id: 2, n: 7 }], [s, s], { key: 'id' });
    expect(r.fields).toMatchObject([{ field: 'n', mismatches: 1, delta: { n: 2, maxAbs: 1 } }]);
  });
  test('never overflows on INT64 deltas at both ends of the range, and tolerances still apply', async () => {
    const s = { id: 'BIGINT', n: 'BIGINT' };
    const max = 9223372036854775807n;
    const min = -9223372036854775808n;
    const r = await parquetPair(
      [{ id: 1, n: max }, { id: 2, n: min }, { id: 3, n: max }],
      [{ id: 1, n: min }, { id: 2, n: max }, { id: 3, n: max - 1n }],
      [s, s],
      { key: 'id', fields: { n: { abs: 2048 } } },
    );
    expect(r.fields[0]).toMatchObject({ field: 'n', mismatches: 2 });
    expect(r.fields[0].delta?.maxAbs).toBe(2 ** 64);
  });
});

describe('normalisers, as in memory', () => {
  const cases: [string, unknown, unknown, CompareEventsOptions['fields']][] = [
    ['trim strips all Unicode white space (JS String#trim)', '\ufeff\u00a0x\u2003\u2028', 'x', { v: { normalize: 'trim' } }],
    ['nfkc is NFKC, not NFC', 'ﬁ①', 'fi1', { v: { normalize: 'nfkc' } }],
    ['casefold lowers as JS toLowerCase (final sigma)', 'ΟΔΟΣ', 'οδος', { v: { normalize: 'casefold' } }],
    ['normalize applies before a time rule', '\u00a02024-01-01T00:00:00Z\u00a0', '2024-01-01T00:00:01Z', { v: { normalize: 'trim', time: '2s' } }],
    ['normalize applies to each element of an unordered list', ['B', 'a'], ['A', 'b'], { v: { unordered: true, normalize: 'casefold' } }],
    ['unordered lists of numbers pair in sorted order under abs', [1, 2.0005], [2, 1.0005], { v: { unordered: true, abs: 1e-3 } }],
  ];
  for (const [title, a, b, fields] of cases) {
    test(`passes when ${title}`, async () => {
      const legacy = [{ id: 1, v: a }];
      const shadow = [{ id: 1, v: b }];
      expect(summary(compareEvents(legacy, shadow, { key: 'id', fields })).fields).toEqual({ v: 0 });
      expect(summary(await jsonlPair(legacy, shadow, { key: 'id', fields })).fields).toEqual({ v: 0 });
    });
  }
  test('fails when the lists differ beyond the tolerance after sorting', async () => {
    const r = await jsonlPair([{ id: 1, v: [1, 2] }], [{ id: 1, v: [2, 1.1] }], { key: 'id', fields: { v: { unordered: true, abs: 1e-3 } } });
    expect(summary(r).fields).toEqual({ v: 1 });
  });
  test('compares unordered Parquet lists under abs, and normalised', async () => {
    const r = await parquetPair(
      [{ id: 1, v: [1, 2.0005], w: ['B', 'a'] }, { id: 2, v: [1, 2], w: ['a'] }],
      [{ id: 1, v: [2, 1.0005], w: ['A', 'b'] }, { id: 2, v: [2, 1.1], w: ['b'] }],
      [{ id: 'BIGINT', v: 'DOUBLE[]', w: 'VARCHAR[]' }, { id: 'BIGINT', v: 'DOUBLE[]', w: 'VARCHAR[]' }],
      { key: 'id', fields: { v: { unordered: true, abs: 1e-3 }, w: { unordered: true, normalize: 'casefold' } } },
    );
    expect(summary(r).fields).toEqual({ v: 1, w: 1 });
  });
});

describe('one schema for both JSON Lines files', () => {
  test('passes when one side would be sniffed as DATE and the other as VARCHAR', async () => {
    const legacy = [{ id: 1, d: '2024-01-01' }, { id: 2, d: '2024-01-02' }];
    const shadow = [{ id: 1, d: '2024-01-01' }, { id: 2, d: 'not a date' }];
    expect(summary(await jsonlPair(legacy, shadow, { key: 'id' })).fields).toEqual({ d: 1 });
  });
  test('fails where a value changes type row by row, and only there', async () => {
    const legacy = [{ id: 1, x: 1 }, { id: 2, x: 'a' }, { id: 3, x: [1, 'a'] }];
    const shadow = [{ id: 1, x: '1' }, { id: 2, x: 'a' }, { id: 3, x: [1, 'a'] }];
    const truth = { matched: 3, equal: 2, missing: 0, extra: 0, fields: { x: 1 } };
    expect(summary(compareEvents(legacy, shadow, { key: 'id' }))).toEqual(truth);
    expect(summary(await jsonlPair(legacy, shadow, { key: 'id' }))).toEqual(truth);
  });
  test('fails only where the values differ when a column is mixed (JSON) on one side and numeric on the other', async () => {
    const legacy = [{ id: 1, x: 1 }, { id: 2, x: 'a' }];
    const shadow = [{ id: 1, x: 1 }, { id: 2, x: 2 }];
    expect(summary(await jsonlPair(legacy, shadow, { key: 'id' })).fields).toEqual({ x: 1 });
    expect(summary(compareEvents(legacy, shadow, { key: 'id' })).fields).toEqual({ x: 1 });
  });
  test('tells null from a missing key unless nullEqualsMissing', async () => {
    const legacy = [{ id: 1, x: null }, { id: 2, x: 1 }];
    const shadow = [{ id: 1 }, { id: 2, x: 1 }];
    expect(summary(await jsonlPair(legacy, shadow, { key: 'id' })).fields).toEqual({ x: 1 });
    expect(summary(await jsonlPair(legacy, shadow, { key: 'id', nullEqualsMissing: true })).fields).toEqual({ x: 0 });
    expect(summary(compareEvents(legacy, shadow, { key: 'id' })).fields).toEqual({ x: 1 });
  });
});

test('reads CSV columns as loadDataset types them (never DATE)', async () => {
  const l = file('csv');
  const s = file('csv');
  writeFileSync(l, 'id,d\n1,2024-01-01\n2,2024-01-02\n');
  writeFileSync(s, 'id,d\n1,2024-01-01\n2,oops\n');
  const r = await compareEventFiles(l, s, { key: 'id' });
  expect(summary(r).fields).toEqual({ d: 1 });
});

test('applies defaults by the type of the values a field holds, ignoring rows without it (JSON Lines)', async () => {
  const legacy = [{ id: 1, q: 'Cre\u0300me' }, { id: 2, n: 5 }];
  const shadow = [{ id: 1, q: 'Crème' }, { id: 2, n: 5.000001 }];
  const options = { key: 'id', defaults: { string: { normalize: 'nfc' as const }, number: { rel: 1e-3 } } };
  const truth = { q: 0, n: 0 };
  expect(summary(compareEvents(legacy, shadow, options)).fields).toEqual(truth);
  const r = await jsonlPair(legacy, shadow, options);
  expect(summary(r).fields).toEqual(truth);
  expect(r.fields.map((f) => [f.field, f.rule]).sort()).toEqual([['n', 'rel 0.001'], ['q', 'normalize nfc']]);
});

describe("compareEvents' datacompy options on files", () => {
  test("compare: 'common' leaves one-sided fields to the schema", async () => {
    const legacy = [{ id: 1, a: 1, old: 'x' }, { id: 2, a: 2, old: 'y' }];
    const shadow = [{ id: 1, a: 1, neu: true }, { id: 2, a: 3, neu: false }];
    const r = await jsonlPair(legacy, shadow, { key: 'id', compare: 'common' });
    expect(summary(r).fields).toEqual({ a: 1 });
    expect(r.schema).toEqual({ onlyInLegacy: ['old'], onlyInShadow: ['neu'] });
    expect(summary(compareEvents(legacy, shadow, { key: 'id', compare: 'common' })).fields).toEqual({ a: 1 });
  });
  test("duplicateKeys: 'inOrder' pairs the k-th row of a key with the k-th, by file order", async () => {
    const legacy = [{ id: 1, v: 'a' }, { id: 1, v: 'b' }, { id: 1, v: 'c' }, { id: 2, v: 'z' }];
    const shadow = [{ id: 1, v: 'a' }, { id: 1, v: 'B' }, { id: 2, v: 'z' }];
    const options = { key: 'id', duplicateKeys: 'inOrder' as const };
    const truth = { matched: 3, equal: 2, missing: 1, extra: 0, fields: { v: 1 } };
    expect(summary(compareEvents(legacy, shadow, options))).toEqual(truth);
    const r = await parquetPair(legacy, shadow, [{ id: 'BIGINT', v: 'VARCHAR' }, { id: 'BIGINT', v: 'VARCHAR' }], options);
    expect(summary(r)).toEqual(truth);
    expect(r.reasons.map((x) => x.code)).toContain('DUPLICATE_KEYS_PAIRED_IN_ORDER');
    expect(r.fields[0].examples).toEqual([{ key: 1, legacy: 'b', shadow: 'B' }]);
  });
  test('ignoreFieldCase pairs userId with userid and fails on a collision', async () => {
    const legacy = [{ id: 1, userId: 'u1', Score: 1 }];
    const shadow = [{ id: 1, userid: 'u1', score: 1, SCORE: 2 }];
    const r = await jsonlPair(legacy, shadow, { key: 'id', ignoreFieldCase: true });
    const m = compareEvents(legacy, shadow, { key: 'id', ignoreFieldCase: true });
    expect(r.fields.find((f) => f.field === 'userId')).toMatchObject({ shadowField: 'userid', mismatches: 0 });
    expect(r.reasons.filter((x) => x.code === 'FIELD_NAME_COLLISION').map((x) => x.received)).toEqual(['SCORE, score']);
    expect(summary(r)).toEqual(summary(m));
  });
});

describe('options are validated before any file is read', () => {
  test('names a bad default rule by its option path', async () => {
    await expect(compareEventFiles('l.parquet', 's.parquet', { key: 'id', defaults: { number: { abs: -1 } } })).rejects.toThrowErrorMatchingInlineSnapshot(`[ShadowOptionError: compareEventFiles: defaults.number.abs must be a finite number >= 0, got -1]`);
  });
  test('refuses an equals function, pointing at the in-memory engine', async () => {
    await expect(compareEventFiles('l.parquet', 's.parquet', { key: 'id', fields: { v: { equals: () => true } } })).rejects.toThrowErrorMatchingInlineSnapshot(`[ShadowOptionError: compareEventFiles: fields.v.equals is a function, which the SQL engine cannot run; use compareEvents on rows loaded in memory]`);
  });
  test('names a bad duplicateKeys value', async () => {
    // @ts-expect-error: a wrong value on purpose
    await expect(compareEventFiles('l.parquet', 's.parquet', { key: 'id', duplicateKeys: 'first' })).rejects.toThrowErrorMatchingInlineSnapshot(`[ShadowOptionError: compareEventFiles: duplicateKeys must be one of 'exclude', 'inOrder', got "first"]`);
  });
});
