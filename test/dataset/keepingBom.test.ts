/**
 * varcharKeepingBom: rows read back from DuckDB keep a leading byte-order mark in every string,
 * top-level or nested in lists, fixed-size arrays, structs, lists of structs and maps (DuckDB's
 * string conversion drops it). Ground truth: the strings written, built in JavaScript.
 */
import * as duck from '@duckdb/node-api';
import { DuckDBInstance } from '@duckdb/node-api';
import { expect, test } from 'vitest';
import { duckdbRowConverter, varcharKeepingBom } from '../../src/dataset/_internal/duckdbRowConverter.js';

const BOM = '\uFEFF';

test('a leading byte-order mark survives at every depth; NULLs stay NULL, other types as they are', async () => {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  try {
    const b = `chr(65279) || 'x'`;
    await c.run(`CREATE TABLE t AS SELECT * FROM (VALUES
      (1, ${b}, [${b}, 'y'], [${b}, 'z']::VARCHAR[2], {'s': ${b}, 'n': 1.5, 'in': {'deep': [${b}]}}, [{'k': ${b}}], MAP {${b}: [${b}]}, [[${b}]], 7),
      (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
      (3, 'p', [NULL, 'q'], ['r', NULL]::VARCHAR[2], {'s': NULL, 'n': NULL, 'in': NULL}, [NULL], MAP {'a': NULL}, [NULL, []], 8)
    ) v(id, s, l, a, st, ls, m, ll, n)`);
    const described = (await c.runAndReadAll('DESCRIBE t')).getRowObjectsJS();
    const rows = (await c.runAndReadAll(`SELECT ${varcharKeepingBom(described)} FROM t ORDER BY id`)).convertRowObjects(duckdbRowConverter(duck));
    const x = `${BOM}x`;
    expect(rows).toEqual([
      { id: 1, s: x, l: [x, 'y'], a: [x, 'z'], st: { s: x, n: 1.5, in: { deep: [x] } }, ls: [{ k: x }], m: { [x]: [x] }, ll: [[x]], n: 7 },
      { id: 2, s: null, l: null, a: null, st: null, ls: null, m: null, ll: null, n: null },
      { id: 3, s: 'p', l: [null, 'q'], a: ['r', null], st: { s: null, n: null, in: null }, ls: [null], m: { a: null }, ll: [null, []], n: 8 },
    ]);
    // Without it DuckDB's conversion drops the mark (what the test guards against).
    const plain = (await c.runAndReadAll('SELECT l FROM t WHERE id = 1')).getRowObjectsJS();
    expect(plain).toEqual([{ l: ['x', 'y'] }]);
  } finally {
    c.closeSync();
    db.closeSync();
  }
});
