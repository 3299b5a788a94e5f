/**
 * The DuckDB engines spill past memoryLimit into a directory of their run under the system's
 * temporary directory, removed after, never into `.tmp` in the working directory (DuckDB's
 * default for an in-memory database, where compareSequenceFiles and compareQueries spilled: into
 * the user's project, seen by a watch-mode runner, failing on a read-only checkout). Each run
 * here is made to spill (a memory limit below its data); the test watches the working directory
 * and polls the temporary directory it points the run at (TMPDIR, which os.tmpdir() reads).
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, watch } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { compareEventFiles, compareSequenceFiles } from '../../src/duckdb/index.js';
import { compareQueries } from '../../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'vitest-shadow-spill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const legacy = join(dir, 'legacy.parquet');
const shadow = join(dir, 'shadow.parquet');

beforeAll(async () => {
  // 50,000 events of 20,000 users, each with 640 characters of padding: about 35 MB per side.
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  for (const [file, offset] of [[legacy, 0], [shadow, 1]] as const) {
    await c.run(
      `COPY (SELECT 'e' || range AS id, 'u' || (range % 20000) AS entity, 'click' AS type, range * 10 + ${offset} AS ts, md5(range::VARCHAR) AS label, repeat(md5(range::VARCHAR), 20) AS pad
       FROM range(50000)) TO '${file}' (FORMAT parquet)`,
    );
  }
  c.closeSync();
  db.closeSync();
});

/** Runs `job` with TMPDIR pointed at a fresh directory: the names it saw appear in the working directory, the files of the run's spill directories, and what was left after. */
async function watched(job: () => Promise<unknown>): Promise<{ inCwd: string[]; spilled: string[]; left: string[] }> {
  const tmp = mkdtempSync(join(dir, 'tmp-'));
  const inCwd = new Set<string>();
  const spilled = new Set<string>();
  const watcher = watch(process.cwd(), (_, name) => name && inCwd.add(name));
  const poll = () => {
    for (const run of existsSync(tmp) ? readdirSync(tmp) : []) for (const f of existsSync(join(tmp, run)) ? readdirSync(join(tmp, run)) : []) spilled.add(f);
  };
  const timer = setInterval(poll, 1);
  const before = process.env.TMPDIR;
  process.env.TMPDIR = tmp;
  try {
    await job();
  } finally {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
    clearInterval(timer);
    watcher.close();
  }
  mkdirSync(tmp, { recursive: true });
  return { inCwd: [...inCwd], spilled: [...spilled], left: readdirSync(tmp) };
}

describe('spill files go to a directory of the run under the temporary directory, not to .tmp in the working directory', () => {
  test('compareQueries: a window over every row past a 64 MB limit', async () => {
    const seen = await watched(() => compareQueries(legacy, shadow, [{ name: 'rank', sql: 'SELECT max(r) AS top FROM (SELECT row_number() OVER (ORDER BY pad) AS r FROM data)' }], { memoryLimit: '64MB', threads: 2 }));
    expect(seen.spilled.some((f) => f.startsWith('duckdb_temp_storage'))).toBe(true);
    expect(seen.inCwd).not.toContain('.tmp');
    expect(seen.left).toEqual([]);
  });

  test('compareSequenceFiles: partitions held past a 48 MB limit', async () => {
    const seen = await watched(() => compareSequenceFiles(legacy, shadow, { entity: 'entity', orderBy: 'ts', partitionRows: 10_000, memoryLimit: '48MB', threads: 2 }));
    expect(seen.spilled.some((f) => f.startsWith('duckdb_temp_storage'))).toBe(true);
    expect(seen.inCwd).not.toContain('.tmp');
    expect(seen.left).toEqual([]);
  });

  test('compareEventFiles: the join past a 100 MB limit', async () => {
    const seen = await watched(() => compareEventFiles(legacy, shadow, { key: 'id', fields: { ts: { abs: 1 } }, memoryLimit: '100MB', threads: 2 }));
    expect(seen.spilled.some((f) => f.startsWith('duckdb_temp_storage'))).toBe(true);
    expect(seen.inCwd).not.toContain('.tmp');
    expect(seen.left).toEqual([]);
  });
});
