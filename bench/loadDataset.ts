/**
 * loadDataset on 1,000,000 events written by DuckDB (seeded) as CSV, JSON Lines and Parquet:
 * eventId, userId, type, ts (ISO string), price, geo.city, geo.lat: 7 columns, the shape of the
 * events bench. Figures before the fast CSV path (csv-parse, PR baseline): 1M CSV rows 20.5 s.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { loadDataset } from '../src/dataset/loadDataset.js';
import type { BenchCase } from './_lib.js';

const N = 1_000_000;
let files: Promise<Record<'csv' | 'jsonl' | 'parquet', string>> | undefined;

function makeFiles(): Promise<Record<'csv' | 'jsonl' | 'parquet', string>> {
  files ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shadow-bench-load-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    await c.run(`SELECT setseed(0.42)`);
    await c.run(`CREATE TABLE l AS SELECT 'e' || i AS eventId, 'u' || (random() * 50000)::INT AS userId,
        ['click','save','search'][1 + (random() * 2.999)::INT] AS type,
        strftime(TIMESTAMP '2023-11-14 22:13:20' + INTERVAL (i * 37) MILLISECOND, '%Y-%m-%dT%H:%M:%S.%gZ') AS ts,
        round(random() * 100, 2) AS price,
        ['Paris','Lyon','Berlin','Madrid','Oslo'][1 + (random() * 4.999)::INT] AS city, round(40 + random() * 20, 6) AS lat
      FROM range(${N}) t(i)`);
    const out = { csv: join(dir, 'events.csv'), jsonl: join(dir, 'events.jsonl'), parquet: join(dir, 'events.parquet') };
    await c.run(`COPY (SELECT eventId, userId, type, ts, price, city AS "geo.city", lat AS "geo.lat" FROM l) TO '${out.csv}' (HEADER)`);
    await c.run(`COPY (SELECT eventId, userId, type, ts, price, {'city': city, 'lat': lat} AS geo FROM l) TO '${out.jsonl}' (FORMAT json)`);
    await c.run(`COPY (SELECT eventId, userId, type, ts, price, {'city': city, 'lat': lat} AS geo FROM l) TO '${out.parquet}' (FORMAT parquet)`);
    c.closeSync();
    db.closeSync();
    return out;
  })();
  return files;
}

const describe = (rows: Record<string, unknown>[]) => `${rows.length.toLocaleString('en-US')} rows; row 0: ${JSON.stringify(rows[0])}`;

export const loadDatasetCases: BenchCase[] = (['csv', 'jsonl', 'parquet'] as const).map((format) => ({
  name: `loadDataset: 1M events from ${format.toUpperCase()}`,
  runs: 3,
  work: { count: N, unit: 'rows' },
  setup: async () => (await makeFiles())[format],
  run: (path: string) => loadDataset(path),
  describe,
}));
