/**
 * compareEventFiles reads a JSON Lines path as native DuckDB values (numbers as DOUBLE, strings,
 * booleans, lists of one of those) instead of JSON text when DuckDB's sample of the file (its
 * first 20,480 rows) shows the path present on every row and of one kind, and proves the same on
 * every row in the pass that reads the file; a row that breaks it (past the sample) reruns the
 * comparison on JSON values. Expected reports come from compareEvents on the same rows (the
 * in-memory engine types every value as JSON.parse does), and from the file engine with the
 * native read turned off.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBConnection } from '@duckdb/node-api';
import { describe, expect, test, vi } from 'vitest';
import { compareEvents } from '../../../src/index.js';
import { compareEventFiles, type CompareEventFilesOptions } from '../../../src/duckdb/index.js';
import { compareEventFilesWithPlan, nativeJsonPaths } from '../../../src/events/duckdb/compareEventFiles.js';
import { comparable } from './_differential.js';
import { jsonlFiles } from './_files.js';

const { dir, write } = jsonlFiles('shadow-jsonnative-');

const N = 30_000;
const LATE = 25_000;
type Row = Record<string, unknown>;
const base = (): Row[] =>
  Array.from({ length: N }, (_, i) => ({
    id: `e${i}`,
    n: i % 7 === 0 ? i : i + 0.25, // integers and fractions: both numbers to JSON.parse
    name: `n${i % 11}`,
    ok: i % 3 === 0,
    tags: i % 2 ? ['a', 'b'] : ['c'],
    nums: [i % 5, 0.5],
    geo: { city: `t${i % 4}`, lat: 40 + (i % 100) / 7 },
    opt: i % 13 === 0 ? null : i / 3,
  }));
const options: Parameters<typeof compareEvents>[2] = { key: 'id', fields: { n: { abs: 0.01 }, 'geo.lat': { abs: 1e-9 }, tags: { unordered: true }, opt: { abs: 0.01 } } };

async function check(legacy: Row[], shadow: Row[], memory = true) {
  const l = write(legacy);
  const s = write(shadow);
  const files = await compareEventFiles(l, s, options as CompareEventFilesOptions);
  if (memory) expect(comparable(files)).toEqual(comparable(compareEvents(legacy, shadow, options)));
  expect(files).toEqual(await compareEventFilesWithPlan(l, s, options as never, 'auto', { typedJson: false }));
  return { files, l, s };
}
const mismatches = (r: Awaited<ReturnType<typeof compareEventFiles>>) => Object.fromEntries(r.fields.filter((f) => f.mismatches > 0).map((f) => [f.field, f.mismatches]));

describe('compareEventFiles: JSON paths of one kind read as native values', () => {
  test('every path of one kind is read natively, and the report is the in-memory one', async () => {
    const legacy = base();
    const shadow = legacy.map((r, i): Row => {
      if (i === 5) return { ...r, n: (r.n as number) + 0.5 }; // beyond abs 0.01
      if (i === 6) return { ...r, n: (r.n as number) + 0.005 }; // within
      if (i === 10) return { ...r, name: 'other' };
      if (i === 11) return { ...r, ok: !(r.ok as boolean) };
      if (i === 12) return { ...r, tags: [...(r.tags as string[])].reverse() }; // unordered: equal
      if (i === 13) return { ...r, tags: ['a', 'z'] };
      if (i === 14) return { ...r, nums: [9, 0.5] };
      if (i === 15) return { ...r, geo: { city: 'x', lat: (r.geo as { lat: number }).lat + 1 } };
      if (i === 16) return { ...r, opt: 1e6 }; // a null in legacy (16 % 13 ≠ 0: a number) → far
      if (i === 26) return { ...r, opt: 5 }; // legacy null (26 = 2·13)
      if (i === 27) return { ...r, n: null };
      return r;
    });
    const { files, l } = await check(legacy, shadow);
    expect(await nativeJsonPaths(l)).toEqual({
      id: 'VARCHAR', n: 'DOUBLE', name: 'VARCHAR', ok: 'BOOLEAN', tags: 'VARCHAR[]', nums: 'DOUBLE[]', 'geo.city': 'VARCHAR', 'geo.lat': 'DOUBLE', opt: 'DOUBLE',
    });
    expect(mismatches(files)).toEqual({ n: 2, name: 1, ok: 1, tags: 1, nums: 1, 'geo.city': 1, 'geo.lat': 1, opt: 2 });
  }, 60_000);

  test('a path of mixed kinds in the sample stays JSON values; the others are still read natively', async () => {
    const legacy = base().map((r, i): Row => ({ ...r, v: i % 2 ? i : `s${i}` }));
    const shadow = legacy.map((r, i): Row => (i === 9 ? { ...r, v: '9' } : i === 30 ? { ...r, n: 0 } : r));
    const { files, l } = await check(legacy, shadow);
    const native = await nativeJsonPaths(l);
    expect(native).not.toHaveProperty('v');
    expect(Object.keys(native)).toHaveLength(9);
    expect(mismatches(files)).toEqual({ v: 1, n: 1 });
  }, 60_000);

  // Past the sample, each case breaks what the sample showed for one path; the pass finds it and
  // the comparison reruns on JSON values: the counts are the in-memory engine's. (An object path
  // holding null is the one case compared otherwise in memory, by design: docs/engines.md; there
  // the reference is the file engine without the native read.)
  const late: [string, (r: Row) => Row, (r: Row) => Row, string, boolean?][] = [
    ['a key missing from one row (legacy) where the shadow has null', ({ n: _n, ...rest }) => rest, (r) => ({ ...r, n: null }), 'n'],
    ['a number written as a string', (r) => r, (r) => ({ ...r, n: String(r.n) }), 'n'],
    ['a list of strings holding a number', (r) => ({ ...r, tags: ['a', 1] }), (r) => ({ ...r, tags: ['a', '1'] }), 'tags'],
    ['a boolean written as a number', (r) => ({ ...r, ok: 1 }), (r) => ({ ...r, ok: true }), 'ok'],
    ['a string path holding a number', (r) => ({ ...r, name: 5 }), (r) => ({ ...r, name: '5' }), 'name'],
    ['a key outside the schema inside an object', (r) => ({ ...r, geo: { ...(r.geo as object), alt: 1 } }), (r) => ({ ...r, geo: { ...(r.geo as object), alt: 2 } }), 'geo'],
    ['an object written as null', (r) => ({ ...r, geo: null }), (r) => r, 'geo', false],
  ];
  for (const [name, breakLegacy, breakShadow, field, memory = true] of late) {
    test(`${name}, past the sample, is compared ${memory ? 'as in memory' : 'as on JSON values'}`, async () => {
      const legacy = base();
      const shadow = base();
      legacy[LATE + 3] = breakLegacy(legacy[LATE + 3]);
      shadow[LATE + 3] = breakShadow(shadow[LATE + 3]);
      const { files, l } = await check(legacy, shadow, memory);
      expect(Object.keys(await nativeJsonPaths(l))).toContain(field === 'geo' ? 'geo.lat' : field);
      expect(Object.keys(mismatches(files)).some((f) => f === field || f.startsWith(`${field}.`))).toBe(true);
    }, 60_000);
  }

  test('four paths broken at four rows past the sample are compared as in memory', async () => {
    // Each break ends a pass; the paths found are read as JSON values in the next, twice, then all.
    const legacy = base().map((r, i): Row => (i === LATE ? { ...r, n: 'x' } : i === LATE + 1000 ? { ...r, name: 1 } : i === LATE + 2000 ? { ...r, ok: 0 } : i === LATE + 3000 ? { ...r, tags: null, nums: [1, 'a'] } : r));
    const { files } = await check(legacy, base());
    expect(mismatches(files)).toEqual({ n: 1, name: 1, ok: 1, tags: 1, nums: 1 });
  }, 60_000);

  test('a JSON array file, indented, compares as in memory, a string path turning numeric past the sample too', async () => {
    const legacy = base();
    const shadow = legacy.map((r, i): Row => (i === 7 ? { ...r, n: 1e6 } : i === LATE + 7 ? { ...r, name: 7 } : r));
    const l = join(dir, 'array-legacy.json');
    const s = join(dir, 'array-shadow.json');
    writeFileSync(l, JSON.stringify(legacy, null, 2));
    writeFileSync(s, JSON.stringify(shadow, null, 2));
    const files = await compareEventFiles(l, s, options as CompareEventFilesOptions);
    expect(comparable(files)).toEqual(comparable(compareEvents(legacy, shadow, options)));
    expect(Object.keys(await nativeJsonPaths(l))).toHaveLength(9);
    expect(mismatches(files)).toEqual({ n: 1, name: 1 });
  }, 60_000);

  test('a file that holds takes one pass; one that breaks past the sample, two', async () => {
    // The passes counted are the direct plan's aggregations (its SELECT opens with count(__lp)).
    const spy = vi.spyOn(DuckDBConnection.prototype, 'runAndReadAll');
    const passes = async (legacy: Row[]) => {
      spy.mockClear();
      await compareEventFiles(write(legacy), write(base()), options as CompareEventFilesOptions);
      return spy.mock.calls.filter(([sql]) => String(sql).startsWith('SELECT count(__lp)')).length;
    };
    const at = (f: (r: Row) => Row) => base().map((r, i) => (i === LATE ? f(r) : r));
    expect({
      holds: await passes(base()),
      newKey: await passes(at((r) => ({ ...r, extra: 1 }))),
      missingNumber: await passes(at(({ n: _n, ...rest }) => rest)),
      stringTurnsNumeric: await passes(at((r) => ({ ...r, name: 1 }))),
    }).toEqual({ holds: 1, newKey: 2, missingNumber: 2, stringTurnsNumeric: 2 });
    spy.mockRestore();
  }, 60_000);

  test('a list of objects beside the native paths compares as in memory, rows nested deeper too', async () => {
    const withItems = (rows: Row[]) => rows.map((r, i): Row => ({ ...r, items: i % 3 ? [{ sku: `s${i % 5}`, qty: i % 4 }] : [] }));
    const legacy = withItems(base()).map((r, i): Row => (i === 40 ? { ...r, items: [{ sku: 'deep', qty: { a: [1] } }] } : r));
    const shadow = withItems(base()).map((r, i): Row => (i === 41 ? { ...r, items: [{ sku: 's9', qty: 1 }] } : i === 40 ? { ...r, items: [{ sku: 'deep', qty: { a: [2] } }] } : r));
    const { files, l } = await check(legacy, shadow);
    expect(Object.keys(await nativeJsonPaths(l))).toHaveLength(9);
    expect(mismatches(files)).toEqual({ items: 2 });
  }, 60_000);

  // A row is proven by one match of its JSON text against the template of the reader's schema
  // (keys in the reader's order, values of each path's kind); a row written otherwise is proven by
  // the checks that parse it. Both kinds of rows, in one file, compare as in memory.
  test('rows written with spaces, keys in another order, escapes and non-ASCII text compare as in memory', async () => {
    const spaced = (v: unknown): string =>
      Array.isArray(v) ? `[${v.map(spaced).join(', ')}]`
        : v !== null && typeof v === 'object' ? `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${spaced(x)}`).join(', ')}}`
          : JSON.stringify(v);
    const legacy = base().map((r, i): Row => (i % 5 === 0 ? { ...r, name: `q"\\\u00e9 ${i % 11}` } : i % 5 === 1 ? { ...r, name: `Zürich ✓ ${i % 11}` } : r));
    const shadow = legacy.map((r, i): Row => (i === 20 ? { ...r, name: 'x' } : i === 21 ? { ...r, n: (r.n as number) + 1 } : i === 22 ? { ...r, tags: ['q'] } : r));
    const lines = (rows: Row[]) => rows.map((r, i) => (i % 4 === 0 ? spaced(r) : i % 4 === 1 ? JSON.stringify(Object.fromEntries(Object.entries(r).reverse())) : i % 4 === 2 ? ` ${JSON.stringify(r)}\t` : JSON.stringify(r)));
    const l = join(dir, 'written-legacy.jsonl');
    const s = join(dir, 'written-shadow.jsonl');
    writeFileSync(l, lines(legacy).join('\n') + '\n');
    writeFileSync(s, lines(shadow).join('\r\n') + '\r\n');
    const files = await compareEventFiles(l, s, options as CompareEventFilesOptions);
    expect(comparable(files)).toEqual(comparable(compareEvents(legacy, shadow, options)));
    expect(files).toEqual(await compareEventFilesWithPlan(l, s, options as never, 'auto', { typedJson: false }));
    expect(Object.keys(await nativeJsonPaths(l))).toHaveLength(9);
    expect(mismatches(files)).toEqual({ name: 1, n: 1, tags: 1 });
  }, 60_000);
});
