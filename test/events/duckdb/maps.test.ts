/**
 * Parquet MAP columns (Spark's map<string, string> properties): loadDataset reads a map as an
 * object, whose keys come in any order. compareEventFiles compared the MAP values themselves, in
 * which {a: 1, b: 2} and {b: 2, a: 1} differ, and compareSequenceFiles read them as arrays of
 * { key, value } in their order: both failed pairs that memory finds equal. Ground truth injected
 * per row: which rows only reorder their keys, which change a value, which add or drop a key.
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

const dir = mkdtempSync(join(tmpdir(), 'shadow-maps-'));
const file = (name: string) => join(dir, name);
const N = 200;
// Row i of the shadow: i % 5 == 0 reorders its keys, 1 changes a value, 2 adds a key, 3 drops one, 4 as is.
const changed = Array.from({ length: N }, (_, i) => i).filter((i) => [1, 2, 3].includes(i % 5));

beforeAll(async () => {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  const legacy = `MAP {'page': 'p' || (i % 7), 'ref': 'r' || (i % 3)}`;
  const shadow = `CASE i % 5 WHEN 0 THEN MAP {'ref': 'r' || (i % 3), 'page': 'p' || (i % 7)}
    WHEN 1 THEN MAP {'page': 'p' || (i % 7), 'ref': 'changed'}
    WHEN 2 THEN MAP {'page': 'p' || (i % 7), 'ref': 'r' || (i % 3), 'extra': 'x'}
    WHEN 3 THEN MAP {'page': 'p' || (i % 7)}
    ELSE ${legacy} END`;
  for (const [name, props, order] of [['l', legacy, 'i'], ['s', shadow, 'hash(i)']] as const) {
    await c.run(`COPY (SELECT i AS id, 'u' || (i // 10) AS user, i AS seq, ${props} AS props FROM range(${N}) t(i) ORDER BY ${order}) TO '${file(`${name}.parquet`)}' (FORMAT parquet)`);
  }
  c.closeSync();
  db.closeSync();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Parquet MAP columns: key order is no difference', () => {
  test.each(['auto', 'pairTable'] as const)('compareEventFiles (%s plan): the changed rows differ, the reordered ones do not, as in memory', async (plan) => {
    const r = await compareEventFilesWithPlan(file('l.parquet'), file('s.parquet'), { key: 'id' }, plan);
    const memory = compareEvents(await loadDataset(file('l.parquet')), await loadDataset(file('s.parquet')), { key: 'id' });
    expect(r.counts).toEqual(memory.counts);
    expect(r.counts).toMatchObject({ matched: N, equal: N - changed.length });
    // Here the map is one field (memory: one per key); its examples show the maps as objects.
    const props = r.fields.find((f) => f.field === 'props')!;
    expect(props.mismatches).toBe(changed.length);
    expect(JSON.parse(JSON.stringify(props.examples.slice(0, 3)))).toEqual([
      { key: 1, legacy: { page: 'p1', ref: 'r1' }, shadow: { page: 'p1', ref: 'changed' } },
      { key: 2, legacy: { page: 'p2', ref: 'r2' }, shadow: { page: 'p2', ref: 'r2', extra: 'x' } },
      { key: 3, legacy: { page: 'p3', ref: 'r0' }, shadow: { page: 'p3' } },
    ]);
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
