/**
 * Parts of a file report that differed from compareEvents' on loadDataset's rows, found by a
 * whole-report diff of the two engines over generated cases (counts were right in each):
 * - example values and rows without a key lost a leading byte-order mark (DuckDB's string
 *   conversion drops it): `\uFEFF x` showed as ` x`;
 * - the schema's one-side paths: where one JSON file holds an object at a path and the other only
 *   `{}` or null, the object side's members were not listed as only in that file (the path is
 *   compared as one value, and the members were taken out before the schema was read).
 * Ground truth: the values written.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { compareEvents } from '../../../src/events/compareEvents.js';
import { compareEventFilesWithPlan } from '../../../src/events/duckdb/compareEventFiles.js';
import { loadDataset } from '../../../src/dataset/loadDataset.js';
import { writeJsonl } from './_files.js';

const dir = mkdtempSync(join(tmpdir(), 'shadow-report-parity-'));
const file = (name: string) => join(dir, name);
const BOM = '\uFEFF';
const N = 30;

beforeAll(async () => {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  // Rows i % 3 = 0: the legacy's s starts with a byte-order mark; row 4 of the legacy has no id.
  await c.run(`COPY (SELECT CASE WHEN i = 4 THEN NULL ELSE i END AS id, CASE WHEN i % 3 = 0 THEN chr(65279) || ' x' ELSE ' x' END AS s FROM range(${N}) t(i)) TO '${file('l.parquet')}' (FORMAT parquet)`);
  await c.run(`COPY (SELECT i AS id, ' x' AS s FROM range(${N}) t(i) ORDER BY hash(i)) TO '${file('s.parquet')}' (FORMAT parquet)`);
  c.closeSync();
  db.closeSync();
  writeJsonl(file('ol.jsonl'), Array.from({ length: N }, (_, i) => ({ id: i, geo: { city: 'Paris', lat: 40 + i } })));
  writeJsonl(file('os.jsonl'), Array.from({ length: N }, (_, i) => ({ id: i, geo: i % 2 ? {} : null })));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('file reports show what memory shows', () => {
  test.each(['auto', 'pairTable'] as const)('a leading byte-order mark in example values and rows without a key (%s plan)', async (plan) => {
    const options = { key: 'id', maxExamples: 3 };
    const files = await compareEventFilesWithPlan(file('l.parquet'), file('s.parquet'), options, plan);
    const memory = compareEvents(await loadDataset(file('l.parquet')), await loadDataset(file('s.parquet')), options);
    const s = files.fields.find((f) => f.field === 's')!;
    expect(s.mismatches).toBe(10); // i = 0, 3, …, 27
    expect(s.examples).toEqual([0, 3, 6].map((key) => ({ key, legacy: `${BOM} x`, shadow: ' x' })));
    expect(s.examples).toEqual(memory.fields.find((f) => f.field === 's')!.examples);
    expect(files.examples.missingKey).toEqual([{ side: 'legacy', field: 'id', row: { id: null, s: ' x' } }]);
    expect(files.examples.missingKey).toEqual(memory.examples.missingKey);
  });

  test('a keyless row holding the mark keeps it', async () => {
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    await c.run(`COPY (SELECT NULL::INT AS id, chr(65279) || 'y' AS s UNION ALL SELECT 1, 'z') TO '${file('k.parquet')}' (FORMAT parquet)`);
    c.closeSync();
    db.closeSync();
    const files = await compareEventFilesWithPlan(file('k.parquet'), file('s.parquet'), { key: 'id', minMatchRate: 0, maxExtraRate: 1 }, 'auto');
    expect(files.examples.missingKey).toEqual([{ side: 'legacy', field: 'id', row: { id: null, s: `${BOM}y` } }]);
  });

  test.each(['auto', 'pairTable'] as const)('members of an object only one JSON file holds are only in that file (%s plan)', async (plan) => {
    const options = { key: 'id' };
    const files = await compareEventFilesWithPlan(file('ol.jsonl'), file('os.jsonl'), options, plan);
    const memory = compareEvents(await loadDataset(file('ol.jsonl')), await loadDataset(file('os.jsonl')), options);
    expect(files.schema).toEqual({ onlyInLegacy: ['geo.city', 'geo.lat'], onlyInShadow: [] });
    expect(files.schema).toEqual(memory.schema);
    expect(files.reasons.map((r) => `${r.code} ${r.subject}`).sort()).toEqual(memory.reasons.map((r) => `${r.code} ${r.subject}`).sort());
  });
});

/**
 * Strings nested in lists, structs and maps lost their leading byte-order mark on the way back
 * from DuckDB, as top-level ones did: the example of `['\uFEFFa', 'b']` against `['a', 'b']`
 * showed `['a', 'b']` on both sides, a mismatch that looked equal. Ground truth: the values written.
 */
describe('a byte-order mark in nested strings', () => {
  const BOM_A = `${BOM}a`;
  test.each(['auto', 'pairTable'] as const)('JSON Lines lists and Parquet lists, structs, lists of structs and maps keep it in examples (%s plan)', async (plan) => {
    writeJsonl(file('nl.jsonl'), [{ id: 1, t: [BOM_A, 'b'] }, { id: 2, t: ['a'] }]);
    writeJsonl(file('ns.jsonl'), [{ id: 1, t: ['a', 'b'] }, { id: 2, t: ['a'] }]);
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    const bomA = `chr(65279) || 'a'`;
    for (const [name, a] of [['nl', bomA], ['ns', `'a'`]]) {
      await c.run(`COPY (SELECT 1 AS id, [${a}, 'b'] AS t, {'city': ${a}, 'n': 1} AS g, [{'k': ${a}}] AS lg, MAP {${a}: ${a}} AS m
        UNION ALL SELECT 2, ['a'], {'city': 'a', 'n': 1}, [{'k': 'a'}], MAP {'a': 'a'}) TO '${file(`${name}.parquet`)}' (FORMAT parquet)`);
    }
    c.closeSync();
    db.closeSync();
    for (const ext of ['jsonl', 'parquet']) {
      const options = { key: 'id', fields: { m: 'exact' as const } };
      const files = await compareEventFilesWithPlan(file(`nl.${ext}`), file(`ns.${ext}`), options, plan);
      const memory = compareEvents(await loadDataset(file(`nl.${ext}`)), await loadDataset(file(`ns.${ext}`)), options);
      const shown = (r: typeof files) => Object.fromEntries(r.fields.filter((f) => f.examples.length).map((f) => [f.field, f.examples]));
      expect(shown(files).t).toEqual([{ key: 1, legacy: [BOM_A, 'b'], shadow: ['a', 'b'] }]);
      if (ext === 'parquet') {
        expect(shown(files)['g.city']).toEqual([{ key: 1, legacy: BOM_A, shadow: 'a' }]);
        expect(shown(files).lg).toEqual([{ key: 1, legacy: [{ k: BOM_A }], shadow: [{ k: 'a' }] }]);
        expect(shown(files).m).toEqual([{ key: 1, legacy: { [BOM_A]: BOM_A }, shadow: { a: 'a' } }]);
      }
      expect(shown(files)).toEqual(shown(memory));
    }
  });
});

/**
 * compareEvents' key-type hint (the smallest missing key's other form among the extra keys) was
 * read off the first extra keys shown on files: "4" sorts after "011", "013", "07", "09" and "10",
 * so with more than five extra keys the file report had no hint where memory had one. Ground
 * truth: the keys written (4 a number in legacy, "4" a string in shadow).
 */
test.each([
  ['auto', 'exclude'],
  ['pairTable', 'exclude'],
  ['auto', 'inOrder'],
] as const)('the key-type hint looks past the extra keys shown (%s plan, duplicateKeys %s), on JSON Lines and CSV', async (plan, duplicateKeys) => {
  const ids = [4, 5, 7, 9, 10, 11, 13];
  const legacy = Array.from({ length: 20 }, (_, i) => ({ id: i, v: i }));
  const shadow = legacy.map((r) => (ids.includes(r.id) ? { id: String(r.id).padStart(r.id === 4 || r.id === 5 || r.id === 10 ? 1 : r.id < 10 ? 2 : 3, '0'), v: r.v } : r));
  expect(shadow.filter((r) => typeof r.id === 'string').map((r) => r.id)).toEqual(['4', '5', '07', '09', '10', '011', '013']);
  writeJsonl(file('kl.jsonl'), legacy);
  writeJsonl(file('ks.jsonl'), shadow);
  const options = { key: 'id', duplicateKeys } as const;
  const mem = compareEvents(await loadDataset(file('kl.jsonl')), await loadDataset(file('ks.jsonl')), options);
  expect(mem.hints).toContain('keys are numbers in legacy but strings in shadow (e.g. 4 vs "4"): fix the key type in one pipeline or use a key function');
  expect((await compareEventFilesWithPlan(file('kl.jsonl'), file('ks.jsonl'), options, plan)).hints).toEqual(mem.hints);
  // CSV: the shadow's id column is text (07 keeps its zero), the legacy's numbers, so every key is
  // missing and extra; five extra ids sorting before "0" (#a…#e) are the extra keys shown.
  const csv = (rows: { id: unknown; v: number }[]) => ['id,v', ...rows.map((r) => `${r.id},${r.v}`)].join('\n') + '\n';
  writeFileSync(file('kl.csv'), csv(legacy));
  writeFileSync(file('ks.csv'), csv([...shadow, ...['#a', '#b', '#c', '#d', '#e'].map((id) => ({ id, v: 0 }))]));
  const memCsv = compareEvents(await loadDataset(file('kl.csv')), await loadDataset(file('ks.csv')), options);
  expect(memCsv.examples.extra).toEqual(['#a', '#b', '#c', '#d', '#e']);
  expect(memCsv.hints).toContain('keys are numbers in legacy but strings in shadow (e.g. 0 vs "0"): fix the key type in one pipeline or use a key function');
  expect((await compareEventFilesWithPlan(file('kl.csv'), file('ks.csv'), options, plan)).hints).toEqual(memCsv.hints);
});
