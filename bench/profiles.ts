/**
 * Profile benchmarks: profiling 1,000,000 events × 7 columns in memory (target ≤ 1 s on 2 cores)
 * and the DuckDB path on the same events in Parquet beside it; compareProfile on two stored
 * profiles of that size.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { profile } from '../src/profiles/profile.js';
import { compareProfile } from '../src/profiles/compareProfile.js';
import { profileFile } from '../src/profiles/duckdb/profileFile.js';
import { createRng } from '../src/stats/_internal/prng.js';
import type { BenchCase } from './_lib.js';

/** 1M events, 7 columns: an id, a user (5,000), a type (4), a log-normal price, a quantity, a timestamp, a flag. */
export function profileEvents(n: number, seed = 1) {
  const r = createRng(seed);
  const types = ['click', 'view', 'buy', 'cart'];
  return Array.from({ length: n }, (_, i) => ({
    id: i,
    user: `u${r.nextInt(5000)}`,
    type: types[r.nextInt(4)],
    price: Math.round(Math.exp(r.nextNormal()) * 100) / 100,
    qty: 1 + r.nextInt(9),
    ts: 1_700_000_000_000 + i * 37,
    flag: r.nextFloat() < 0.3,
  }));
}

async function parquetOf(rows: object[]): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'shadow-bench-profile-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const jsonl = join(dir, 'events.jsonl');
  writeFileSync(jsonl, rows.map((r) => JSON.stringify(r)).join('\n'));
  const file = join(dir, 'events.parquet');
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  await c.run(`COPY (SELECT * FROM read_json_auto('${jsonl}')) TO '${file}' (FORMAT parquet)`);
  c.closeSync();
  db.closeSync();
  rmSync(jsonl);
  return file;
}

export const profilesCases: BenchCase[] = [
  {
    name: 'profiles: profile 1M events × 7 columns (in memory)',
    work: { count: 1_000_000, unit: 'events' },
    setup: () => profileEvents(1_000_000),
    run: (rows) => profile(rows),
    describe: (p) => `${p.rows} rows, id distinct ≈ ${p.columns.id.distinct.estimate} (HLL), price p99 ${p.columns.price.numeric.quantiles['0.99']}`,
  },
  {
    name: 'profiles: profileFile 1M events × 7 columns (DuckDB on Parquet)',
    work: { count: 1_000_000, unit: 'events' },
    setup: () => parquetOf(profileEvents(1_000_000)),
    run: (file) => profileFile(file),
    describe: (p) => `${p.rows} rows, ${Object.keys(p.columns).length} columns`,
  },
  {
    name: 'profiles: compareProfile of two stored 1M-event profiles',
    setup: () => [profile(profileEvents(1_000_000, 1)), profile(profileEvents(1_000_000, 2))],
    run: ([a, b]) => compareProfile(a, b),
    describe: (r) => `${r.verdict}, ${r.tests} noise-aware checks`,
  },
];
