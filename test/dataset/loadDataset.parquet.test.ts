/**
 * loadDataset on Parquet files that DuckDB writes from literal rows in this test: the expected
 * rows are those literals, never an output of the loader.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadDataset } from '../../src/dataset/loadDataset.js';
import { ShadowDataError } from '../../src/_internal/options.js';

const dir = mkdtempSync(join(tmpdir(), 'vitest-shadow-pq-'));
const at = (name: string) => join(dir, name);
const ROWS = `SELECT * FROM (VALUES
  (1, 'click', 1.5::DOUBLE, TRUE, 9007199254740993::BIGINT, [1, 2]::INT[], {'city': 'Paris'}),
  (2, NULL, -0.25::DOUBLE, FALSE, 42::BIGINT, []::INT[], {'city': NULL})
) t(id, type, price, ok, big, tags, geo)`;

beforeAll(async () => {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  for (const codec of ['snappy', 'gzip', 'uncompressed', 'zstd']) {
    await c.run(`COPY (${ROWS}) TO '${at(`${codec}.parquet`)}' (FORMAT parquet, COMPRESSION ${codec})`);
  }
  await c.run(`COPY (SELECT range AS id FROM range(1000)) TO '${at('many.parquet')}' (FORMAT parquet, ROW_GROUP_SIZE 100)`);
  c.closeSync();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const expected = [
  { id: 1, type: 'click', price: 1.5, ok: true, big: 9007199254740993n, tags: [1, 2], geo: { city: 'Paris' } },
  { id: 2, type: null, price: -0.25, ok: false, big: 42, tags: [], geo: { city: null } },
];

describe('Parquet', () => {
  test.each(['snappy', 'gzip', 'uncompressed'])('reads a %s file: numbers, strings, nulls, booleans, lists and structs', async (codec) => {
    expect(await loadDataset(at(`${codec}.parquet`))).toEqual(expected);
  });

  test('INT64 values within ±2^53 become numbers; larger ones stay BigInt', async () => {
    const [a, b] = await loadDataset(at('snappy.parquet'));
    expect(typeof a.big).toBe('bigint');
    expect(b.big).toBe(42);
  });

  test('reads every row group, and at most limit rows', async () => {
    const all = await loadDataset(at('many.parquet'));
    expect(all.length).toBe(1000);
    expect(all[999]).toEqual({ id: 999 });
    expect((await loadDataset(at('many.parquet'), { limit: 150 })).map((r) => r.id)).toEqual(Array.from({ length: 150 }, (_, i) => i));
  });

  test('a glob reads the rows of every matching file in sorted order, as DuckDB reads the pattern; limit across files', async () => {
    // snappy, uncompressed and zstd sort after gzip: the files matched are gzip, snappy, uncompressed.
    const glob = at('[gsu]*.parquet');
    expect(await loadDataset(glob)).toEqual([...expected, ...expected, ...expected]);
    expect((await loadDataset(glob, { limit: 3 })).map((r) => r.id)).toEqual([1, 2, 1]);
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    const duck = (await c.runAndReadAll(`SELECT id FROM read_parquet('${glob}')`)).getRowObjectsJS().map((r) => r.id);
    c.closeSync();
    expect(duck).toEqual([1, 2, 1, 2, 1, 2]);
  });

  test('format: parquet reads a file with another extension', async () => {
    const bytes = (await import('node:fs')).readFileSync(at('snappy.parquet'));
    writeFileSync(at('data.bin'), bytes);
    expect(await loadDataset(at('data.bin'), { format: 'parquet' })).toEqual(expected);
  });

  test('fails naming the file when it is not Parquet', async () => {
    writeFileSync(at('fake.parquet'), 'id,price\n1,2\n');
    const e = await loadDataset(at('fake.parquet')).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ShadowDataError);
    expect((e as Error).message.replace(dir, '<dir>')).toMatchInlineSnapshot(`"loadDataset: <dir>/fake.parquet: not a readable Parquet file (parquet file invalid (footer != PAR1))"`);
  });

  test('reads a ZSTD file (a codec hyparquet lacks) through DuckDB, the same rows', async () => {
    expect(await loadDataset(at('zstd.parquet'))).toEqual(expected);
    expect(await loadDataset(at('zstd.parquet'), { limit: 1 })).toEqual(expected.slice(0, 1));
  });

  test('a ZSTD file whose data DuckDB cannot decode fails naming the file, as loadDataset names a bad file', async () => {
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    await c.run(`COPY (SELECT range AS id, md5(range::VARCHAR) AS s FROM range(5000)) TO '${at('big-zstd.parquet')}' (FORMAT parquet, COMPRESSION zstd)`);
    c.closeSync();
    db.closeSync();
    // 64 bytes in the middle of the file's compressed pages overwritten (the footer intact).
    const b = readFileSync(at('big-zstd.parquet'));
    b.fill(0x5a, Math.floor(b.length / 2), Math.floor(b.length / 2) + 64);
    writeFileSync(at('damaged.parquet'), b);
    const e = await loadDataset(at('damaged.parquet')).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ShadowDataError);
    expect((e as Error).message.replaceAll(dir, '<dir>')).toMatch(/^loadDataset: <dir>\/damaged\.parquet: cannot read the Parquet data \(.*ZSTD.*; DuckDB: .*ZSTD Decompression failure\)$/);
  });
});
