/**
 * loadDataset on 1,000,000 events written by DuckDB (seeded) as CSV, JSON Lines and Parquet:
 * eventId, userId, type, ts (ISO string), price, geo.city, geo.lat: 7 columns, the shape of the
 * events bench. Figures before the fast CSV path (csv-parse, PR baseline): 1M CSV rows 20.5 s.
 * The last case times pandas.read_csv on the same CSV (bench/pandas_read_csv.py) when python3 with
 * pandas is present, so the two figures come from one run on one machine.
 */
import { execFileSync } from 'node:child_process';
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

interface Loaded {
  rows: Record<string, unknown>[];
  cpuMs: number;
  rssMb: number;
}

const describe = ({ rows, cpuMs, rssMb }: Loaded) =>
  `${rows.length.toLocaleString('en-US')} rows, ${cpuMs.toFixed(0)} ms CPU (last run), process RSS ${rssMb.toFixed(0)} MB; row 0: ${JSON.stringify(rows[0])}`;

/** A python3 that imports pandas (pyenv's python3 may lack it where Debian's python3-pandas is installed), or null. */
function pythonWithPandas(): string | null {
  for (const py of ['python3', '/usr/bin/python3']) {
    try {
      execFileSync(py, ['-c', 'import pandas'], { stdio: 'ignore' });
      return py;
    } catch {
      // next candidate
    }
  }
  return null;
}

interface PandasResult {
  pandas: string;
  seconds: number;
  cpuSeconds: number;
  runs: number[];
  rows: number;
  dtypes: Record<string, string>;
  maxRssMb: number;
}

export const loadDatasetCases: BenchCase[] = [
  ...(['csv', 'jsonl', 'parquet'] as const).map((format) => ({
    name: `loadDataset: 1M events from ${format.toUpperCase()}`,
    runs: 3,
    work: { count: N, unit: 'rows' },
    setup: async () => (await makeFiles())[format],
    run: async (path: string): Promise<Loaded> => {
      const c0 = process.cpuUsage();
      const rows = await loadDataset(path);
      const cpu = process.cpuUsage(c0);
      return { rows, cpuMs: (cpu.user + cpu.system) / 1000, rssMb: process.memoryUsage().rss / 1024 / 1024 };
    },
    describe,
  })),
  {
    // pandas beside us on the same file (python3 with pandas, when present; Debian: python3-pandas):
    // issue 15 asks loadDataset to read CSV at least as fast as pandas.read_csv.
    name: 'loadDataset: pandas.read_csv on the same 1M-event CSV',
    runs: 1,
    work: { count: N, unit: 'rows' },
    setup: async () => ({ path: (await makeFiles()).csv, python: pythonWithPandas() }),
    run: ({ path, python }: { path: string; python: string | null }): PandasResult | null => {
      if (!python) return null;
      const script = new URL('./pandas_read_csv.py', import.meta.url).pathname;
      return JSON.parse(execFileSync(python, [script, path, '3'], { encoding: 'utf8' })) as PandasResult;
    },
    describe: (r: PandasResult | null) =>
      r === null
        ? 'python3 with pandas not available: no pandas figure (apt-get install python3-pandas)'
        : `pandas ${r.pandas} read_csv: ${(1000 * r.seconds).toFixed(0)} ms wall median of 3 (${r.runs.map((t) => (1000 * t).toFixed(0)).join(', ')}), ${(1000 * r.cpuSeconds).toFixed(0)} ms CPU; ${r.rows.toLocaleString('en-US')} rows; peak RSS ${r.maxRssMb.toFixed(0)} MB (interpreter included); the time above is the whole python process`,
  },
];
