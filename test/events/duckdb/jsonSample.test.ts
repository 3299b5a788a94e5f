/**
 * compareEventFiles takes a JSON Lines file's schema from DuckDB's sample of it (the first 20,480
 * rows) and proves, in the pass that reads the file, that no later row breaks it; a row that does
 * sends the comparison to the whole file's schema. Each case puts what the sample cannot see past
 * row 25,000: a new key, a string path that turns numeric, an object path that turns scalar, a
 * malformed line. Expected reports come from compareEvents on the same rows (the in-memory
 * engine walks every row).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { compareEvents } from '../../../src/index.js';
import { compareEventFiles, type CompareEventFilesOptions } from '../../../src/duckdb/index.js';
import { compareEventFilesWithPlan } from '../../../src/events/duckdb/compareEventFiles.js';
import { comparable } from './_differential.js';
import { jsonlFiles } from './_files.js';

const { dir, write } = jsonlFiles('shadow-jsonsample-');

const N = 30_000;
const LATE = 25_000;
async function both(legacy: Record<string, unknown>[], shadow: Record<string, unknown>[], options: Parameters<typeof compareEvents>[2]) {
  return { files: await compareEventFiles(write(legacy), write(shadow), options as CompareEventFilesOptions), memory: compareEvents(legacy, shadow, options) };
}
const base = () => Array.from({ length: N }, (_, i): Record<string, unknown> => ({ id: i, code: `c${i % 9}`, geo: { city: `t${i % 4}` } }));

describe('compareEventFiles: a JSON schema from a sample, proven on every row', () => {
  test('a key first seen past the sample is a field, as in memory', async () => {
    const legacy = base().map((r, i) => (i >= LATE ? { ...r, late: i } : r));
    const shadow = legacy.map((r, i) => (i === LATE + 3 ? { ...r, late: -1 } : r));
    const { files, memory } = await both(legacy, shadow, { key: 'id' });
    expect(files.fields.find((f) => f.field === 'late')).toMatchObject({ mismatches: 1, presence: { legacy: N - LATE, shadow: N - LATE } });
    expect(comparable(files)).toEqual(comparable(memory));
  }, 30_000);

  test('a path of strings in the sample holding numbers past it is compared as numbers, within its tolerance', async () => {
    const legacy = base().map((r, i) => (i >= LATE ? { ...r, code: i } : r));
    // Past the sample the shadow's numbers differ by 1e-6: within abs 1e-3, so equal; one string differs.
    const shadow = legacy.map((r, i) => (i >= LATE ? { ...r, code: i + 1e-6 } : i === 7 ? { ...r, code: 'zz' } : r));
    const { files, memory } = await both(legacy, shadow, { key: 'id', fields: { code: { abs: 1e-3 } } });
    expect(files.fields.find((f) => f.field === 'code')?.mismatches).toBe(1);
    expect(comparable(files)).toEqual(comparable(memory));
  }, 30_000);

  test("an object path holding a scalar past the sample is one field, compared whole, as with the whole file's schema", async () => {
    // In memory such a path is an "object vs non-object" field plus its leaves; on files it is one
    // JSON value (docs/engines.md, what does not carry over). The reference is the file engine
    // reading the whole file's schema.
    const l = write(base().map((r, i) => (i === LATE + 1 ? { ...r, geo: 'unknown' } : r)));
    const s = write(base().map((r, i) => (i === LATE + 1 ? { ...r, geo: 'n/a' } : r)));
    const files = await compareEventFiles(l, s, { key: 'id' });
    expect(files.fields.map((f) => [f.field, f.mismatches])).toEqual([['geo', 1], ['code', 0]]);
    expect(files).toEqual(await compareEventFilesWithPlan(l, s, { key: 'id' }, 'auto', { json: 'full' }));
  }, 30_000);

  test('a malformed line past the sample is named by file and line', async () => {
    const legacy = write(base());
    const lines = base().map((r) => JSON.stringify(r));
    lines[LATE + 10] = '{"id": 25010, "code": "c1",';
    const shadow = join(dir, 'malformed.jsonl');
    writeFileSync(shadow, lines.join('\n') + '\n');
    await expect(compareEventFiles(legacy, shadow, { key: 'id' })).rejects.toThrow(`${shadow}:${LATE + 11}`);
  }, 30_000);
});
