/**
 * A consumer query's key: the result columns its GROUP BY names (by expression, alias or
 * position; under GROUP BY ALL, the entries that compute nothing), read off DuckDB's own parse of
 * the query. The expected columns are written from each query's text.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { groupKeyColumns } from '../../src/queries/_internal/groupKey.js';
import type { DuckDBConnection } from '@duckdb/node-api';

let db: DuckDBInstance;
let c: DuckDBConnection;
beforeAll(async () => {
  db = await DuckDBInstance.create(':memory:');
  c = await db.connect();
});
afterAll(() => {
  c.closeSync();
  db.closeSync();
});
const parse = async (sql: string) => JSON.parse(String((await c.runAndReadAll(`SELECT json_serialize_sql('${sql.replaceAll("'", "''")}') AS j`)).getRowObjectsJS()[0].j)) as unknown;

describe('groupKeyColumns', () => {
  test.each([
    ['SELECT user_id, sum(v) AS s FROM data GROUP BY user_id', ['user_id', 's'], ['user_id']],
    ['SELECT user_id AS uid, sum(v) AS s FROM data GROUP BY user_id', ['uid', 's'], ['uid']],
    ['SELECT ts::DATE AS day, region, count(*) AS n FROM data GROUP BY 1, 2', ['day', 'region', 'n'], ['day', 'region']],
    ['SELECT ts::DATE AS day, count(*) AS n FROM data GROUP BY ts::DATE', ['day', 'n'], ['day']],
    ['SELECT ts::DATE AS day, count(*) AS n FROM data GROUP BY day', ['day', 'n'], ['day']],
    ['SELECT region, ts::DATE AS day, count(*) AS n FROM data GROUP BY ALL', ['region', 'day', 'n'], ['region', 'day']],
    ['SELECT count(*) AS n, region FROM data GROUP BY region ORDER BY n', ['n', 'region'], ['region']],
  ])('%s', async (sql, columns, key) => {
    expect(groupKeyColumns(await parse(sql), columns)).toEqual(key);
  });

  test.each([
    ['no GROUP BY', 'SELECT region, price FROM data', ['region', 'price']],
    ['a group not in the select list', 'SELECT sum(v) AS s FROM data GROUP BY region', ['s']],
    ['ROLLUP', 'SELECT region, day, sum(v) AS s FROM data GROUP BY ROLLUP (region, day)', ['region', 'day', 's']],
    ['a star', 'SELECT * FROM data', ['a', 'b']],
    ['a set operation', 'SELECT region FROM data UNION SELECT region FROM data', ['region']],
  ])('undefined for %s (the caller falls back)', async (_, sql, columns) => {
    expect(groupKeyColumns(await parse(sql), columns)).toBeUndefined();
  });
});
