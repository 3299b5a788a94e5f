/**
 * scanRows reads the rows each file scan gave from DuckDB's JSON profile of a query: the direct
 * plan takes a CSV or JSON file's row count from its one pass this way (for the duplicate proof)
 * instead of parsing the file once more. Ground truth: the rows written to the files.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, expect, test } from 'vitest';
import { scanRows } from '../../../src/events/duckdb/compareEventFiles.js';

const dir = mkdtempSync(join(tmpdir(), 'shadow-scanrows-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('the rows of each scanned file, a glob as one scan of all its files; an unreadable profile gives nothing', async () => {
  const lines = (from: number, n: number) => Array.from({ length: n }, (_, i) => JSON.stringify({ id: from + i })).join('\n') + '\n';
  writeFileSync(join(dir, 'part-1.jsonl'), lines(0, 700));
  writeFileSync(join(dir, 'part-2.jsonl'), lines(700, 550));
  writeFileSync(join(dir, 'other.csv'), 'id\n' + Array.from({ length: 1234 }, (_, i) => i).join('\n') + '\n');
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  const profile = join(dir, 'profile.json');
  const glob = join(dir, 'part-*.jsonl');
  const csv = join(dir, 'other.csv');
  await c.run(`SET enable_profiling = 'json'`);
  await c.run(`SET profiling_output = '${profile}'`);
  await c.run(`SELECT count(*) FROM read_ndjson_objects('${glob}') l FULL JOIN read_csv('${csv}') s ON (l.json->>'id')::INTEGER = s.id`);
  await c.run('PRAGMA disable_profiling');
  c.closeSync();
  db.closeSync();
  expect(Object.fromEntries(scanRows(profile))).toEqual({ [glob]: [1250], [csv]: [1234] });
  expect(scanRows(join(dir, 'no-such-profile.json')).size).toBe(0);
});
