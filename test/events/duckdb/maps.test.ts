/**
 * Parquet MAP columns (Spark's map<string, string> properties): loadDataset reads a map as an
 * object, whose keys come in any order and which compareEvents compares key by key (`props.page`
 * is a field of its own, a key the map lacks missing there). compareEventFiles first compared the
 * MAP values themselves (key order a difference), then each map as one field: a rule for one key
 * (`props.amount: { abs }`, `props.ref: 'ignore'`) found no field and failed with
 * DECLARED_FIELD_ABSENT, counting the pairs memory finds equal as mismatches. compareSequenceFiles
 * read maps as arrays of { key, value } in their order. Ground truth injected per row: which rows
 * only reorder their keys, which change a value, which add or drop a key, which hold a NULL map,
 * an empty one or a key holding null.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { compareEvents } from '../../../src/events/compareEvents.js';
import { compareEventFilesWithPlan } from '../../../src/events/duckdb/compareEventFiles.js';
import { compareSequences } from '../../../src/sequences/compareSequences.js';
import { compareSequenceFiles } from '../../../src/sequences/duckdb/compareSequenceFiles.js';
import { loadDataset } from '../../../src/dataset/loadDataset.js';
import type { CompareEventFilesOptions } from '../../../src/events/duckdb/compareEventFiles.js';
import { comparable } from './_differential.js';

const dir = mkdtempSync(join(tmpdir(), 'shadow-maps-'));
const file = (name: string) => join(dir, name);
const N = 200;
// Row i of the shadow: i % 5 == 0 reorders its keys, 1 changes a value, 2 adds a key, 3 drops one, 4 as is.
const changed = Array.from({ length: N }, (_, i) => i).filter((i) => [1, 2, 3].includes(i % 5));

/** Writes one Parquet file of N rows (id, user, seq, props) in the given row order. */
async function write(c: Awaited<ReturnType<Awaited<ReturnType<typeof DuckDBInstance.create>>['connect']>>, name: string, props: string, order = 'i', format = 'parquet') {
  await c.run(`COPY (SELECT i AS id, 'u' || (i // 10) AS user, i AS seq, ${props} AS props FROM range(${N}) t(i) ORDER BY ${order}) TO '${file(name)}' (FORMAT ${format})`);
}

beforeAll(async () => {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  const legacy = `MAP {'page': 'p' || (i % 7), 'ref': 'r' || (i % 3)}`;
  const shadow = `CASE i % 5 WHEN 0 THEN MAP {'ref': 'r' || (i % 3), 'page': 'p' || (i % 7)}
    WHEN 1 THEN MAP {'page': 'p' || (i % 7), 'ref': 'changed'}
    WHEN 2 THEN MAP {'page': 'p' || (i % 7), 'ref': 'r' || (i % 3), 'extra': 'x'}
    WHEN 3 THEN MAP {'page': 'p' || (i % 7)}
    ELSE ${legacy} END`;
  await write(c, 'l.parquet', legacy);
  await write(c, 's.parquet', shadow, 'hash(i)');
  await write(c, 's.jsonl', shadow, 'hash(i)', 'json');
  // Row i % 10: 0 a NULL map in legacy, {} in shadow; 1 'page' holding null in legacy, absent in shadow.
  await write(c, 'nl.parquet', `CASE i % 10 WHEN 0 THEN NULL WHEN 1 THEN MAP {'page': NULL, 'ref': 'r'} ELSE MAP {'page': 'p', 'ref': 'r'} END`);
  await write(c, 'ns.parquet', `CASE i % 10 WHEN 0 THEN MAP {} WHEN 1 THEN MAP {'ref': 'r'} ELSE MAP {'page': 'p', 'ref': 'r'} END`, 'hash(i)');
  // Numbers: amount off by 0.001 where i % 4 = 0, by 0.1 elsewhere; tax the same.
  await write(c, 'al.parquet', `MAP {'amount': i * 1.5, 'tax': i * 0.25}`);
  await write(c, 'as.parquet', `MAP {'amount': i * 1.5 + CASE WHEN i % 4 = 0 THEN 0.001 ELSE 0.1 END, 'tax': i * 0.25}`, 'hash(i)');
  // The map become a struct (a schema migration): ref differs where i % 3 = 0.
  await write(c, 'st.parquet', `{'page': 'p' || (i % 7), 'ref': CASE WHEN i % 3 = 0 THEN 'zz' ELSE 'r' || (i % 3) END}`, 'hash(i)');
  // Maps with no key on any row: NULL on every row; NULL on even rows and {} on odd ones.
  await write(c, 'el.parquet', `NULL::MAP(VARCHAR, VARCHAR)`);
  await write(c, 'ee.parquet', `CASE WHEN i % 2 = 0 THEN NULL ELSE MAP {} END::MAP(VARCHAR, VARCHAR)`);
  // Maps within structs (a NULL struct on i % 6 = 0), and maps of maps.
  const struct = (traits: string) => `CASE WHEN i % 6 = 0 THEN NULL ELSE {'app': 'a' || (i % 3), 'traits': ${traits}} END`;
  await write(c, 'cl.parquet', struct(`CASE WHEN i % 9 = 0 THEN NULL WHEN i % 7 = 0 THEN MAP {} ELSE MAP {'plan': 'p' || (i % 4), 'tier': 't'} END`));
  await write(c, 'cs.parquet', struct(`CASE WHEN i % 9 = 0 THEN MAP {} WHEN i % 7 = 0 THEN NULL WHEN i % 5 = 0 THEN MAP {'plan': 'zz', 'tier': 't'} ELSE MAP {'tier': 't', 'plan': 'p' || (i % 4)} END`), 'hash(i)');
  await write(c, 'mml.parquet', `MAP {'a': MAP {'x': i}}`);
  await write(c, 'mms.parquet', `MAP {'a': MAP {'x': i + (i % 2)}}`, 'hash(i)');
  c.closeSync();
  db.closeSync();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const plans = ['auto', 'pairTable'] as const;
// The injected differences of cl/cs.parquet, counted from the rules that wrote them (rows with a non-NULL struct).
const rowsWhere = (f: (i: number) => boolean) => Array.from({ length: N }, (_, i) => i).filter((i) => i % 6 !== 0 && f(i)).length;
const nullVsEmpty = rowsWhere((i) => i % 9 === 0 || i % 7 === 0);
const changedPlan = rowsWhere((i) => i % 9 !== 0 && i % 7 !== 0 && i % 5 === 0 && `p${i % 4}` !== 'zz');
/** The file report and memory's on loadDataset's rows, after checking that they agree in full (counts, fields, presence, groups, reasons, hints). */
async function both(l: string, s: string, options: CompareEventFilesOptions, plan: (typeof plans)[number]) {
  const files = await compareEventFilesWithPlan(file(l), file(s), options, plan);
  const memory = compareEvents(await loadDataset(file(l)), await loadDataset(file(s)), options);
  expect(comparable(files)).toEqual(comparable(memory));
  return files;
}
const field = (r: Awaited<ReturnType<typeof both>>, name: string) => r.fields.find((f) => f.field === name);

describe('Parquet MAP columns: each key a field, as in memory', () => {
  test.each(plans)('compareEventFiles (%s plan): the changed keys differ, reordered maps do not', async (plan) => {
    const r = await both('l.parquet', 's.parquet', { key: 'id' }, plan);
    expect(r.counts).toMatchObject({ matched: N, equal: N - changed.length });
    // Injected: ref changed on i % 5 = 1 and dropped on 3 (40 + 40), extra added on 2 (40), page never touched.
    expect(field(r, 'props.ref')).toMatchObject({ mismatches: 80, presence: { legacy: N, shadow: N - 40 } });
    expect(field(r, 'props.extra')).toMatchObject({ mismatches: 40, presence: { legacy: 0, shadow: 40 } });
    expect(field(r, 'props.page')).toMatchObject({ mismatches: 0 });
    expect(field(r, 'props')).toBeUndefined();
    expect(JSON.parse(JSON.stringify(field(r, 'props.ref')!.examples.slice(0, 2)))).toEqual([
      { key: 1, legacy: 'r1', shadow: 'changed' },
      { key: 3, legacy: 'r0' },
    ]);
  });

  test.each(plans)('compareEventFiles (%s plan): a rule for one key applies to it', async (plan) => {
    const r = await both('al.parquet', 'as.parquet', { key: 'id', fields: { 'props.amount': { abs: 0.01 } } }, plan);
    // 0.001 off (i % 4 = 0, 50 rows) is within 0.01; 0.1 off is not.
    expect(field(r, 'props.amount')).toMatchObject({ mismatches: 150 });
    expect(field(r, 'props.tax')).toMatchObject({ mismatches: 0 });
    expect(r.reasons.map((x) => x.code)).not.toContain('DECLARED_FIELD_ABSENT');
    const ignored = await both('l.parquet', 's.parquet', { key: 'id', fields: { 'props.ref': 'ignore' } }, plan);
    expect(ignored.ignoredFields).toEqual(['props.ref']);
    expect(ignored.counts.equal).toBe(N - 40); // only the added key is left
    // A rule on the map itself compares it as one value, the JSON object of its entries.
    const whole = await both('l.parquet', 's.parquet', { key: 'id', fields: { props: { unordered: true } } }, plan);
    expect(field(whole, 'props')).toMatchObject({ mismatches: changed.length });
  });

  test.each(plans)('compareEventFiles (%s plan): a NULL map against {}, a key holding null against an absent one', async (plan) => {
    for (const nullEqualsMissing of [false, true]) {
      const r = await both('nl.parquet', 'ns.parquet', { key: 'id', nullEqualsMissing }, plan);
      // null against {} differs whatever nullEqualsMissing (object vs non-object); null against absent only without it.
      expect(field(r, 'props')).toMatchObject({ rule: 'object vs non-object', mismatches: 20 });
      expect(field(r, 'props.page')!.mismatches).toBe(nullEqualsMissing ? 0 : 20);
      expect(field(r, 'props.page')!.presence).toEqual({ legacy: N - 20, shadow: N - 40 });
    }
  });

  test.each(plans)('compareEventFiles (%s plan): a map against JSON Lines objects and against a struct', async (plan) => {
    for (const [l, s] of [['l.parquet', 's.jsonl'], ['s.jsonl', 'l.parquet']]) {
      const r = await both(l, s, { key: 'id' }, plan);
      expect(field(r, 'props.ref')!.mismatches).toBe(80);
    }
    const r = await both('l.parquet', 'st.parquet', { key: 'id' }, plan);
    expect(field(r, 'props.ref')!.mismatches).toBe(67); // i % 3 = 0 for i < 200
    expect(field(r, 'props.page')!.mismatches).toBe(0);
  });

  test.each(plans)('compareEventFiles (%s plan): maps with no key on any row', async (plan) => {
    // NULL everywhere against maps with keys: null against an object on every row, the keys missing on one side.
    const r = await both('el.parquet', 'l.parquet', { key: 'id' }, plan);
    expect(field(r, 'props')).toMatchObject({ rule: 'object vs non-object', mismatches: N });
    expect(field(r, 'props.page')).toMatchObject({ mismatches: N, presence: { legacy: 0, shadow: N } });
    // NULL on even rows, {} on odd ones: the NULLs differ from the maps, the keys are missing on every row.
    const e = await both('ee.parquet', 'l.parquet', { key: 'id' }, plan);
    expect(field(e, 'props')).toMatchObject({ rule: 'object vs non-object', mismatches: N / 2 });
    expect(field(e, 'props.ref')).toMatchObject({ mismatches: N, presence: { legacy: 0, shadow: N } });
    // NULL everywhere on both sides: one field of nulls, equal.
    const n = await both('el.parquet', 'el.parquet', { key: 'id' }, plan);
    expect(field(n, 'props')).toMatchObject({ rule: 'exact', mismatches: 0, presence: { legacy: N, shadow: N } });
  });

  test.each(plans)('compareEventFiles (%s plan): maps within structs and maps of maps, key by key', async (plan) => {
    // props.traits (a struct props of app and traits): plan changed where i % 5 = 0 (and not 7 or 9), NULL against {} where i % 7 or 9 = 0, props NULL where i % 6 = 0.
    for (const nullEqualsMissing of [false, true]) {
      const r = await both('cl.parquet', 'cs.parquet', { key: 'id', nullEqualsMissing }, plan);
      expect(field(r, 'props.traits.plan')!.mismatches).toBe(changedPlan);
      expect(field(r, 'props.traits')).toMatchObject({ rule: 'object vs non-object', mismatches: nullVsEmpty });
      expect(field(r, 'props.traits.tier')!.mismatches).toBe(0);
    }
    const r = await both('mml.parquet', 'mms.parquet', { key: 'id' }, plan);
    expect(r.fields.filter((f) => f.field.startsWith('props')).map((f) => [f.field, f.mismatches])).toEqual([['props.a.x', 100]]);
  });

  test('compareSequenceFiles: the same report as compareSequences on the loaded rows', async () => {
    const options = { entity: 'user', orderBy: 'seq', id: 'id' };
    const memory = compareSequences(await loadDataset(file('l.parquet')), await loadDataset(file('s.parquet')), options);
    const files = await compareSequenceFiles(file('l.parquet'), file('s.parquet'), options);
    expect(files.classes).toEqual(memory.classes);
    expect(files.counts).toEqual(memory.counts);
    // Every entity (10 events each) holds changed rows; none differs by key order alone.
    const changedEvents = memory.classes.reduce((a, k) => a + k.events, 0);
    expect(changedEvents).toBe(changed.length);
  });
});
