/**
 * An in-memory DuckDB instance whose spill files go to a directory of its own under the system's
 * temporary directory, removed when it closes.
 *
 * DuckDB's default for an in-memory database is `.tmp` in the working directory: a run past its
 * memory limit wrote there, in the user's project (a watch-mode test runner sees the files come
 * and go; a read-only checkout fails the run; a killed process leaves them behind).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';

/** An open instance, one connection to it, its spill directory, and how to close all three. */
export interface OwnDuckDb {
  db: DuckDBInstance;
  c: DuckDBConnection;
  /** The spill directory (`temp_directory`) of this instance. */
  spill: string;
  /** Closes the connection and the instance and removes the spill directory. */
  close(): void;
}

/**
 * Opens an in-memory instance with `memoryLimit` and `threads` when given, its spill files in a
 * directory of its own under the system's temporary directory.
 *
 * @example
 * const duck = await openDuckDb(await import('@duckdb/node-api'), { memoryLimit: '2GB' });
 * try {
 *   await duck.c.run('SELECT 1');
 * } finally {
 *   duck.close();
 * }
 */
export async function openDuckDb(api: { DuckDBInstance: typeof DuckDBInstance }, options: { memoryLimit?: string; threads?: number } = {}): Promise<OwnDuckDb> {
  const spill = mkdtempSync(join(tmpdir(), 'vitest-shadow-duckdb-'));
  let db: DuckDBInstance | undefined;
  try {
    db = await api.DuckDBInstance.create(':memory:', {
      temp_directory: spill,
      ...(options.memoryLimit ? { memory_limit: options.memoryLimit } : {}),
      ...(options.threads ? { threads: String(options.threads) } : {}),
    });
    const c = await db.connect();
    const opened = db;
    return {
      db: opened,
      c,
      spill,
      close() {
        try {
          c.closeSync();
          opened.closeSync();
        } finally {
          rmSync(spill, { recursive: true, force: true });
        }
      },
    };
  } catch (e) {
    db?.closeSync();
    rmSync(spill, { recursive: true, force: true });
    throw e;
  }
}
