/**
 * compareEventFiles finds a JSON file's field paths from the schema DuckDB's JSON reader infers,
 * which matches keys case-insensitively ("Score" and "score" become one column). Keys that differ
 * only by case must still be separate fields, as compareEvents sees them in memory: the engine
 * proves per file that no object has a key outside the inferred names, else reruns on
 * json_group_structure's paths. Expected reports come from compareEvents on the same rows.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { compareEvents } from '../../../src/index.js';
import { compareEventFiles, type CompareEventFilesOptions } from '../../../src/duckdb/index.js';
import { comparable } from './_differential.js';

const dir = mkdtempSync(join(tmpdir(), 'shadow-jsonpaths-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
async function both(legacy: Record<string, unknown>[], shadow: Record<string, unknown>[], options: Parameters<typeof compareEvents>[2]) {
  const l = join(dir, `l${n}.jsonl`);
  const s = join(dir, `s${n++}.jsonl`);
  writeFileSync(l, legacy.map((r) => JSON.stringify(r)).join('\n') + '\n');
  writeFileSync(s, shadow.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return { files: await compareEventFiles(l, s, options as CompareEventFilesOptions), memory: compareEvents(legacy, shadow, options) };
}

describe('compareEventFiles: JSON keys that differ only by case', () => {
  test('"score" on some rows and "Score" on others are two fields, as in memory', async () => {
    const legacy = Array.from({ length: 20 }, (_, i) => (i < 15 ? { id: i, score: i } : { id: i, Score: i }));
    const shadow = legacy.map((r) => ({ ...r }));
    (shadow[16] as { Score: number }).Score = 99; // one mismatch on Score only
    const { files, memory } = await both(legacy, shadow, { key: 'id' });
    expect(files.fields.map((f) => `${f.field}: ${f.mismatches}`).sort()).toEqual(['Score: 1', 'score: 0']);
    expect(comparable(files)).toEqual(comparable(memory));
  });

  test('a nested key spelled two ways (geo.city, geo.City) gives two fields', async () => {
    const legacy = Array.from({ length: 10 }, (_, i) => ({ id: `e${i}`, geo: i % 2 ? { city: 'Oslo' } : { City: 'Lyon' } }));
    const shadow = legacy.map((r, i) => (i === 3 ? { ...r, geo: { city: 'Bergen' } } : r));
    const { files, memory } = await both(legacy, shadow, { key: 'id' });
    expect(files.fields.map((f) => `${f.field}: ${f.mismatches}`).sort()).toEqual(['geo.City: 0', 'geo.city: 1']);
    expect(comparable(files)).toEqual(comparable(memory));
  });

  test('rows with their keys in another order are in the schema; a case variant among as many keys is still found', async () => {
    // Most rows in one key order (proven by one list equality), some in another (proven by
    // list_has_all), and rows holding "Score" beside "score": as many keys as the reader's
    // names (id, score, v and its renamed Score_1), so only their names tell them apart.
    const legacy = Array.from({ length: 30 }, (_, i) => (i < 20 ? { id: i, score: i, v: i } : i < 25 ? { v: i, id: i, score: i } : { id: i, score: i, Score: -i, v: i }));
    const shadow = legacy.map((r, i) => (i === 27 ? { ...r, Score: 99 } : i === 22 ? { v: 0, id: i, score: i } : { ...r }));
    const { files, memory } = await both(legacy, shadow, { key: 'id' });
    expect(files.fields.map((f) => `${f.field}: ${f.mismatches}`).sort()).toEqual(['Score: 1', 'score: 0', 'v: 1']);
    expect(comparable(files)).toEqual(comparable(memory));
  });

  test('a row whose key is spelled "ID" has no key "id", as in memory', async () => {
    const legacy = [...Array.from({ length: 8 }, (_, i) => ({ id: i, v: i })), { ID: 8, v: 8 }];
    const shadow = Array.from({ length: 9 }, (_, i) => ({ id: i, v: i }));
    const { files, memory } = await both(legacy, shadow, { key: 'id', maxMissingKeyRows: 1 });
    expect(files.counts).toMatchObject({ legacyMissingKey: 1, matched: 8, extra: 1 });
    expect(comparable(files)).toEqual(comparable(memory));
  });
});
