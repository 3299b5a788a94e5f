/**
 * Each Parquet column type against the same values written by a JSON writer (DuckDB's JSON
 * Lines), and against itself: compareEventFiles must count what compareEvents counts on the rows
 * loadDataset reads (the in-memory engine is the other implementation). Every row has one value
 * changed in the shadow for ids divisible by 10 (the injected ground truth), so each count is
 * checked both ways: 45 equal pairs where the types agree, 0 where memory sees a type change.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { compareEvents } from '../../../src/events/compareEvents.js';
import { compareEventFiles } from '../../../src/events/duckdb/compareEventFiles.js';
import { profileFile } from '../../../src/profiles/duckdb/profileFile.js';
import { loadDataset } from '../../../src/dataset/loadDataset.js';

const dir = mkdtempSync(join(tmpdir(), 'shadow-parquet-types-'));
const file = (name: string) => join(dir, name);
const N = 50;
const changed = Array.from({ length: N }, (_, i) => i).filter((i) => i % 10 === 0).length;

// [name, SQL of row i's value, equal pairs against the JSON writer's text in memory]
const TYPES: [string, string, number][] = [
  ['uuid', "('00000000-0000-4000-8000-' || lpad(i::VARCHAR, 12, '0'))::UUID", N - changed],
  ['time', "TIME '01:02:03.456789' + INTERVAL (i) SECOND", 0], // µs since midnight against its text
  ['blob', "('ab' || i)::BLOB", N - changed],
  ['map', "MAP {'k': 'v' || i, 'j': 'w'}", N - changed],
  ['dec38', "((i % 100)::VARCHAR || '.' || lpad((i * 7919 % 10000)::VARCHAR, 4, '0'))::DECIMAL(38, 30)", N - changed],
  ['decList', '[(i / 3)::DECIMAL(38, 18)]', N - changed],
  ['ts', "TIMESTAMP '2024-01-01 00:00:00.000100' + INTERVAL (i) SECOND", 0], // a PreciseDate against its text
];

beforeAll(async () => {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  for (const [name, expr] of TYPES) {
    // The shadow: row i's value is row (i + 1)'s where i % 10 == 0.
    const legacy = `SELECT i AS id, ${expr} AS v FROM range(${N}) t(i)`;
    const shadow = `SELECT i AS id, ${expr.replaceAll(/\bi\b/g, '(CASE WHEN i % 10 = 0 THEN i + 1 ELSE i END)')} AS v FROM range(${N}) t(i) ORDER BY hash(i)`;
    await c.run(`COPY (${legacy}) TO '${file(`${name}.parquet`)}' (FORMAT parquet)`);
    await c.run(`COPY (${shadow}) TO '${file(`${name}-s.parquet`)}' (FORMAT parquet)`);
    await c.run(`COPY (${shadow}) TO '${file(`${name}-s.jsonl`)}' (FORMAT json)`);
  }
  c.closeSync();
  db.closeSync();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('compareEventFiles counts what compareEvents counts on the rows loadDataset reads, per Parquet type', () => {
  test.each(TYPES)('%s', async (name, _expr, equalAgainstJson) => {
    for (const [shadow, expected] of [[`${name}-s.parquet`, N - changed], [`${name}-s.jsonl`, equalAgainstJson]] as const) {
      const memory = compareEvents(await loadDataset(file(`${name}.parquet`)), await loadDataset(file(shadow)), { key: 'id' });
      const files = await compareEventFiles(file(`${name}.parquet`), file(shadow), { key: 'id' });
      expect([shadow, files.counts.matched, files.counts.equal]).toEqual([shadow, memory.counts.matched, memory.counts.equal]);
      expect([shadow, memory.counts.matched, memory.counts.equal]).toEqual([shadow, N, expected]);
    }
  });

  test('profileFile reads a list of wide decimals (it cast the list to DOUBLE and failed)', async () => {
    const p = await profileFile(file('decList.parquet'));
    expect([p.rows, p.columns.v.present]).toEqual([N, N]);
  });
});
