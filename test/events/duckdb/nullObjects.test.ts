/**
 * An object path that holds `null` on some rows (JSON Lines), or a struct NULL where its parent is
 * not (a nested Parquet struct, or a Parquet struct against JSON): in memory the path is a field
 * of its own ('object vs non-object'), so `null` against `{}`, against an object whose members are
 * all null (under nullEqualsMissing), or against a missing key (unless nullEqualsMissing) differs.
 * compareEventFiles compared only the members, which cannot tell those apart: such pairs passed on
 * files and failed in memory. Ground truth is injected per row; both plans and compareEvents on
 * loadDataset's rows give the same report. The nulls of the JSON cases lie past DuckDB's sample of
 * the file (its first 20,480 rows), where only the per-row proof can find them.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { compareEvents } from '../../../src/events/compareEvents.js';
import { compareEventFilesWithPlan, type CompareEventFilesOptions } from '../../../src/events/duckdb/compareEventFiles.js';
import { loadDataset } from '../../../src/dataset/loadDataset.js';
import { comparable } from './_differential.js';

const dir = mkdtempSync(join(tmpdir(), 'shadow-nullobjects-'));
const file = (name: string) => join(dir, name);
const N = 30_000;
const jsonl = (name: string, geo: (i: number) => unknown) =>
  writeFileSync(file(name), Array.from({ length: N }, (_, i) => JSON.stringify({ id: i, ...(geo(i) === undefined ? {} : { geo: geo(i) }), x: i })).join('\n') + '\n');

beforeAll(async () => {
  // Legacy: an object on every row but every 5,000th from row 7 (null; 7 is in the sample).
  const legacyGeo = (i: number) => (i % 5000 === 7 ? null : { c: 'a' });
  jsonl('l.jsonl', legacyGeo);
  // Shadow: {} where legacy has null at row 25,007; null where legacy has an object at 29,999;
  // { c: null } for { c: 'a' } at row 100.
  jsonl('s.jsonl', (i) => (i === 25_007 ? {} : i === 29_999 ? null : i === 100 ? { c: null } : legacyGeo(i)));
  // Only past the sample: legacy null at 26,000 against shadow { c: null }; shadow without the key at 27,000 against legacy null.
  jsonl('l2.jsonl', (i) => (i === 26_000 || i === 27_000 ? null : { c: 'a' }));
  jsonl('s2.jsonl', (i) => (i === 26_000 ? { c: null } : i === 27_000 ? undefined : { c: 'a' }));
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  // A struct nested in a struct: NULL at rows i % 3 = 0 (legacy), its members NULL at i % 4 = 0 (shadow).
  await c.run(`COPY (SELECT i::INT AS id, {'g': CASE WHEN i % 3 = 0 THEN NULL ELSE {'c': 'a'} END, 'd': 1} AS a FROM range(60) t(i)) TO '${file('l.parquet')}' (FORMAT parquet)`);
  await c.run(`COPY (SELECT i::INT AS id, {'g': CASE WHEN i % 4 = 0 THEN {'c': NULL} ELSE {'c': 'a'} END, 'd': 1} AS a FROM range(60) t(i)) TO '${file('s.parquet')}' (FORMAT parquet)`);
  // A top-level struct NULL at i % 3 = 0 (Parquet) against a JSON object of nulls at i % 4 = 0.
  await c.run(`COPY (SELECT i::INT AS id, CASE WHEN i % 3 = 0 THEN NULL ELSE {'c': 'a'} END AS geo FROM range(60) t(i)) TO '${file('top.parquet')}' (FORMAT parquet)`);
  writeFileSync(file('top.jsonl'), Array.from({ length: 60 }, (_, i) => JSON.stringify({ id: i, geo: i % 4 === 0 ? { c: null } : { c: 'a' } })).join('\n') + '\n');
  c.closeSync();
  db.closeSync();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function both(l: string, s: string, options: CompareEventFilesOptions, plan: 'auto' | 'pairTable') {
  const files = await compareEventFilesWithPlan(file(l), file(s), options, plan);
  const memory = compareEvents(await loadDataset(file(l)), await loadDataset(file(s)), options);
  expect(comparable(files)).toEqual(comparable(memory));
  return files;
}
const field = (r: Awaited<ReturnType<typeof both>>, name: string) => r.fields.find((f) => f.field === name);

describe('compareEventFiles: an object path holding null is a field of its own', () => {
  test.each(['auto', 'pairTable'] as const)('%s plan: null against {} and an object against null past the sample differ', async (plan) => {
    const r = await both('l.jsonl', 's.jsonl', { key: 'id' }, plan);
    // Injected: geo differs at 25,007 (null vs {}) and 29,999 ({c} vs null); geo.c at 29,999 ('a' vs missing) and 100 ('a' vs null).
    expect(field(r, 'geo')).toMatchObject({ rule: 'object vs non-object', mismatches: 2, presence: { legacy: N, shadow: N } });
    expect(field(r, 'geo.c')?.mismatches).toBe(2);
    expect(r.counts.equal).toBe(N - 3);
    expect(r.groups.map((g) => `${g.fields.join('+')}: ${g.count}`).sort()).toEqual(['geo+geo.c: 1', 'geo.c: 1', 'geo: 1']);
    // The examples show the values as memory holds them: the object and the null.
    const ex = field(r, 'geo')!.examples.map((e) => [e.key, e.legacy, e.shadow]);
    expect(ex).toEqual([[25_007, null, {}], [29_999, { c: 'a' }, null]]);
  });

  test.each(['auto', 'pairTable'] as const)('%s plan: past the sample, null against nulls (nullEqualsMissing) and against a missing key', async (plan) => {
    const strict = await both('l2.jsonl', 's2.jsonl', { key: 'id' }, plan);
    // Row 26,000: null vs {c: null}; row 27,000: null vs missing (differs unless nullEqualsMissing).
    expect(field(strict, 'geo')?.mismatches).toBe(2);
    expect(strict.verdict).toBe('fail');
    const loose = await both('l2.jsonl', 's2.jsonl', { key: 'id', nullEqualsMissing: true }, plan);
    expect(field(loose, 'geo')?.mismatches).toBe(1);
    expect(field(loose, 'geo.c')?.mismatches).toBe(0);
    expect(loose.verdict).toBe('fail');
  });

  test.each(['auto', 'pairTable'] as const)('%s plan: a NULL struct nested in a struct (Parquet) against a struct of NULLs', async (plan) => {
    const r = await both('l.parquet', 's.parquet', { key: 'id', nullEqualsMissing: true }, plan);
    // Rows 0..59: legacy a.g NULL at i % 3 = 0 (20 rows); shadow {c: NULL} at i % 4 = 0. They differ
    // on a.g wherever legacy is NULL and shadow an object, {c: NULL} included (the 20 rows of
    // i % 3 = 0); on a.g.c where one side is 'a' and the other missing or null: i % 3 = 0 but not
    // i % 4 = 0 (15 rows) and i % 4 = 0 but not i % 3 = 0 (10 rows); at i % 12 = 0 missing and null agree.
    expect(field(r, 'a.g')?.mismatches).toBe(20);
    expect(field(r, 'a.g.c')?.mismatches).toBe(25);
  });

  test.each(['auto', 'pairTable'] as const)('%s plan: a declared rule below an object path one side holds only as {} or null reads that path', async (plan) => {
    // Shadow's geo is {} or null on every row (the reader types it JSON, one value); legacy's an object on row 3.
    writeFileSync(file('d-l.jsonl'), [{ id: 1, geo: null }, { id: 2, geo: null }, { id: 3, geo: { city: 'Paris', lat: 40 } }].map((r) => JSON.stringify(r)).join('\n') + '\n');
    writeFileSync(file('d-s.jsonl'), [{ id: 1, geo: null }, { id: 2, geo: {} }, { id: 3, geo: {} }].map((r) => JSON.stringify(r)).join('\n') + '\n');
    const options = { key: 'id', compare: 'declared', fields: { 'geo.lat': { abs: 0.01 } } } as const;
    const r = await compareEventFilesWithPlan(file('d-l.jsonl'), file('d-s.jsonl'), options, plan);
    const memory = compareEvents(await loadDataset(file('d-l.jsonl')), await loadDataset(file('d-s.jsonl')), options);
    // Row 3: 40 against missing. Before, the path was missing on both sides: no mismatch, and the rule reported as a typo.
    expect(field(r, 'geo.lat')).toMatchObject({ mismatches: 1, presence: { legacy: 1, shadow: 0 } });
    expect(r.reasons.map((x) => x.code)).not.toContain('DECLARED_FIELD_ABSENT');
    expect(r.counts).toEqual(memory.counts);
    expect(field(r, 'geo.lat')).toEqual(memory.fields.find((f) => f.field === 'geo.lat'));
  });

  test.each(['auto', 'pairTable'] as const)('%s plan: a Parquet struct NULL against a JSON object of nulls (nullEqualsMissing)', async (plan) => {
    const r = await both('top.parquet', 'top.jsonl', { key: 'id', nullEqualsMissing: true }, plan);
    // NULL (i % 3 = 0: 20 rows) against an object ({c: 'a'} or {c: null}): every one differs.
    expect(field(r, 'geo')?.mismatches).toBe(20);
    expect(r.verdict).toBe('fail');
  });
});
