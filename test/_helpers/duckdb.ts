/** Test helper: one in-memory DuckDB connection for the tests of a file. */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll } from 'vitest';

/** Opens a connection before the calling file's tests and closes it after them; returns its getter. */
export function duckdbConnection(): () => DuckDBConnection {
  let db: DuckDBInstance | undefined;
  let c: DuckDBConnection | undefined;
  beforeAll(async () => {
    db = await DuckDBInstance.create(':memory:');
    c = await db.connect();
  });
  afterAll(() => {
    c?.closeSync();
    db?.closeSync();
  });
  return () => {
    if (!c) throw new Error('duckdbConnection: used outside the tests of the file that opened it');
    return c;
  };
}
