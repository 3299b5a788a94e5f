/**
 * compareParquetFeatures on files DuckDB writes here with known feature changes (codec, bloom
 * filters, a column's type, a dropped column, row-group size), and on footers edited here
 * (statistics removed, a sort order declared): each injected change is reported exactly once.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { parquetMetadata, type FileMetaData } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { compareParquetFeatures } from '../../src/parquet/compareParquetFeatures.js';
import { renderReport } from '../../src/report/renderReport.js';
import { ShadowDataError, ShadowOptionError } from '../../src/_internal/options.js';

const dir = mkdtempSync(join(tmpdir(), 'vitest-shadow-pqf-'));
const at = (n: string) => join(dir, n);
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const ROWS = `SELECT range AS id, 'u' || (range % 50) AS user_id, TIMESTAMP '2026-11-01' + INTERVAL (range) SECOND AS ts, range * 0.5 AS price FROM range(50000)`;

beforeAll(async () => {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  await c.run(`COPY (${ROWS}) TO '${at('legacy.parquet')}' (FORMAT parquet, ROW_GROUP_SIZE 10240)`);
  await c.run(`COPY (${ROWS}) TO '${at('same.parquet')}' (FORMAT parquet, ROW_GROUP_SIZE 10240)`);
  // Shadow: ZSTD, no bloom filters, ts as text, price dropped, row groups 4x larger.
  await c.run(`COPY (SELECT id, user_id, strftime(ts, '%Y-%m-%d %H:%M:%S') AS ts FROM (${ROWS})) TO '${at('shadow.parquet')}' (FORMAT parquet, COMPRESSION zstd, WRITE_BLOOM_FILTER false, ROW_GROUP_SIZE 40960)`);
  c.closeSync();
});

const meta = (file: string): FileMetaData => {
  const b = readFileSync(at(file));
  return parquetMetadata(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer);
};
const codes = (r: { differences: { code: string; column: string; severity: string }[] }) => r.differences.map((d) => `${d.severity} ${d.code} ${d.column}`);

describe('compareParquetFeatures', () => {
  test('passes with no difference when both files are written alike', async () => {
    const r = await compareParquetFeatures(at('legacy.parquet'), at('same.parquet'));
    expect(r.verdict).toBe('pass');
    expect(r.differences).toEqual([]);
    // DuckDB writes integers, text and timestamps with these Parquet types (its documented mapping).
    expect(r.legacy.columns.slice(0, 3).map((c) => [c.path, c.physicalType, c.logicalType])).toEqual([
      ['id', 'INT64', 'INT_64'],
      ['user_id', 'BYTE_ARRAY', 'UTF8'],
      ['ts', 'INT64', 'TIMESTAMP(isAdjustedToUTC=false, unit=MICROS)'],
    ]);
    expect(r.legacy.rowGroups).toBe(5);
  });

  test('fails naming each injected change once: a dropped column, a type change, lost bloom filters; codec and row groups reported', async () => {
    const r = await compareParquetFeatures(at('legacy.parquet'), at('shadow.parquet'));
    expect(r.verdict).toBe('fail');
    expect(codes(r)).toMatchInlineSnapshot(`
      [
        "info COMPRESSION_DIFFERS id",
        "info COMPRESSION_DIFFERS user_id",
        "fail BLOOM_FILTER_MISSING user_id",
        "fail PHYSICAL_TYPE_DIFFERS ts",
        "fail LOGICAL_TYPE_DIFFERS ts",
        "info COMPRESSION_DIFFERS ts",
        "fail COLUMN_MISSING price",
        "warn ROW_GROUP_SIZE_DIFFERS (file)",
      ]
    `);
    expect(renderReport(r)).toMatchInlineSnapshot(`
      "parquet-features check: fail
        ✗ column user_id has bloom filters in legacy (5 of 5 row groups), none in shadow; point lookups on it stop skipping row groups
        ✗ column ts is INT64 in legacy, BYTE_ARRAY in shadow
        ✗ column ts has logical type TIMESTAMP(isAdjustedToUTC=false, unit=MICROS) in legacy, UTF8 in shadow
        ✗ column price (DECIMAL(scale=1, precision=21)) is absent from shadow
        · column id is compressed SNAPPY in legacy, ZSTD in shadow
        · column user_id is compressed SNAPPY in legacy, ZSTD in shadow
        · column ts is compressed SNAPPY in legacy, ZSTD in shadow
        · warning: row groups hold 10,000 rows on average in legacy, 25,000 in shadow (ratio 2.5, at most 2 allowed)"
    `);
  });

  test('statistics missing from one shadow row group and a declared sort order are reported', async () => {
    const s = meta('same.parquet');
    delete s.row_groups[1].columns[0].meta_data!.statistics;
    const l = meta('legacy.parquet');
    for (const rg of l.row_groups) rg.sorting_columns = [{ column_idx: 0, descending: false, nulls_first: true }];
    const r = await compareParquetFeatures(l, s);
    expect(codes(r)).toEqual(['fail STATISTICS_MISSING id', 'warn SORT_ORDER_DIFFERS (file)']);
    expect(r.differences.map((d) => [d.legacy, d.shadow])).toEqual([['5/5', '4/5'], [['id asc nulls first'], []]]);
  });

  test('severity is configurable per code', async () => {
    const r = await compareParquetFeatures(at('legacy.parquet'), at('shadow.parquet'), {
      severity: { COLUMN_MISSING: 'info', PHYSICAL_TYPE_DIFFERS: 'info', LOGICAL_TYPE_DIFFERS: 'info', BLOOM_FILTER_MISSING: 'warn' },
    });
    expect(r.verdict).toBe('pass');
    const strict = await compareParquetFeatures(at('legacy.parquet'), at('same.parquet'), { severity: { COMPRESSION_DIFFERS: 'fail' } });
    expect(strict.verdict).toBe('pass');
  });
});

describe('bad input', () => {
  test('a missing file, a file that is not Parquet, a bad severity fail naming them', async () => {
    writeFileSync(at('fake.parquet'), 'id\n1\n');
    const msg = async (p: Promise<unknown>, type: unknown) => {
      const e = await p.catch((x: unknown) => x);
      expect(e).toBeInstanceOf(type);
      return (e as Error).message.replaceAll(dir, '<dir>');
    };
    expect(await msg(compareParquetFeatures(at('nope.parquet'), at('same.parquet')), ShadowOptionError)).toMatch(/^compareParquetFeatures: cannot read legacy file <dir>\/nope\.parquet: ENOENT/);
    expect(await msg(compareParquetFeatures(at('legacy.parquet'), at('fake.parquet')), ShadowDataError)).toMatchInlineSnapshot(`"compareParquetFeatures: <dir>/fake.parquet: not a readable Parquet file (parquet file is too short)"`);
    expect(await msg(compareParquetFeatures(at('legacy.parquet'), at('same.parquet'), { severity: { BLOOM_FILTER_MISING: 'fail' } as never }), ShadowOptionError)).toMatchInlineSnapshot(`"compareParquetFeatures: unknown option 'severity.BLOOM_FILTER_MISING'; did you mean 'BLOOM_FILTER_MISSING'?"`);
    expect(await msg(compareParquetFeatures(at('legacy.parquet'), at('same.parquet'), { severity: { COLUMN_MISSING: 'error' as never } }), ShadowOptionError)).toMatchInlineSnapshot(`"compareParquetFeatures: severity.COLUMN_MISSING must be one of 'info', 'warn', 'fail', got "error""`);
  });
});
