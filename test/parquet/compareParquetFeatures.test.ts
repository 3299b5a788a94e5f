/**
 * compareParquetFeatures on files DuckDB writes here with known feature changes (codec, bloom
 * filters, a column's type, a dropped column, row-group size), and on footers edited here
 * (statistics removed, a sort order declared): each injected change is reported exactly once.
 */
import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
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
    // DuckDB writes integers and text with the converted types INT_64 and UTF8 (its documented
    // mapping), read as their logical equivalents; timestamps with a logical type.
    expect(r.legacy.columns.slice(0, 3).map((c) => [c.path, c.physicalType, c.logicalType])).toEqual([
      ['id', 'INT64', 'INTEGER(bitWidth=64, isSigned=true)'],
      ['user_id', 'BYTE_ARRAY', 'STRING'],
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
        ✗ column ts has logical type TIMESTAMP(isAdjustedToUTC=false, unit=MICROS) in legacy, STRING in shadow
        ✗ column price (DECIMAL(21,1)) is absent from shadow
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

  test('reads the footer only: a 3 GiB file (sparse, its footer at the end) compares as the small file it ends like', async () => {
    // Reading the whole file would fail here (Node reads at most 2 GiB into one buffer) and did.
    const tail = readFileSync(at('same.parquet'));
    const big = at('big.parquet');
    const size = 3 * 2 ** 30;
    writeFileSync(big, '');
    truncateSync(big, size - tail.byteLength);
    appendFileSync(big, tail);
    expect(statSync(big).size).toBe(size);
    const r = await compareParquetFeatures(at('legacy.parquet'), big);
    expect(r.verdict).toBe('pass');
    expect(r.differences).toEqual([]);
    expect(r.shadow.rows).toBe(50000);
    rmSync(big);
  });

  test('the same types under another writer\'s annotations are no difference; another type is', async () => {
    const base = meta('legacy.parquet');
    const edit = (f: (e: Record<string, unknown>) => void): FileMetaData => {
      const m = structuredClone(base);
      for (const e of m.schema.slice(1) as unknown as Record<string, unknown>[]) f(e);
      return m;
    };
    // As pyarrow writes them: logical types; an INT64 without annotation is a signed 64-bit integer.
    const logical = edit((e) => {
      if (e.converted_type === 'UTF8') e.logical_type = { type: 'STRING' };
      if (e.converted_type) delete e.converted_type;
    });
    const bare = edit((e) => {
      if (e.converted_type === 'INT_64') delete e.converted_type;
    });
    expect((await compareParquetFeatures(base, logical)).differences).toEqual([]);
    expect((await compareParquetFeatures(bare, base)).differences).toEqual([]);
    const unsigned = edit((e) => {
      if (e.converted_type === 'INT_64') e.converted_type = 'UINT_64';
    });
    expect(codes(await compareParquetFeatures(base, unsigned))).toEqual(['fail LOGICAL_TYPE_DIFFERS id']);
  });

  test('a struct and flat columns named like its members differ; so does a struct\'s own repetition', async () => {
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    await c.run(`COPY (SELECT range AS id, {'lat': range * 0.5, 'lon': range * 0.25} AS geo FROM range(100)) TO '${at('struct.parquet')}' (FORMAT parquet)`);
    await c.run(`COPY (SELECT range AS id, range * 0.5 AS "geo.lat", range * 0.25 AS "geo.lon" FROM range(100)) TO '${at('flat.parquet')}' (FORMAT parquet)`);
    c.closeSync();
    const r = await compareParquetFeatures(at('struct.parquet'), at('flat.parquet'));
    expect(codes(r)).toEqual(['fail COLUMN_MISSING geo.lat', 'fail COLUMN_MISSING geo.lon', 'info COLUMN_EXTRA "geo.lat"', 'info COLUMN_EXTRA "geo.lon"']);
    // The struct REQUIRED in legacy, OPTIONAL (so NULL allowed) in shadow; its leaves alike.
    const s = meta('struct.parquet');
    const required = structuredClone(s);
    required.schema.find((e) => e.name === 'geo')!.repetition_type = 'REQUIRED';
    expect(codes(await compareParquetFeatures(required, s))).toEqual(['warn REPETITION_DIFFERS geo']);
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
    expect(await msg(compareParquetFeatures(at('nope.parquet'), at('same.parquet')), ShadowOptionError)).toMatch(/^compareParquetFeatures: cannot read legacy file <dir>\/nope\.parquet: ENOENT[^;]*$/);
    // A glob, which the row engines read whole, is named as one, with the way out.
    expect(await msg(compareParquetFeatures(at('legacy.parquet'), at('part-*.parquet')), ShadowOptionError)).toMatch(
      /^compareParquetFeatures: cannot read shadow file <dir>\/part-\*\.parquet: ENOENT.*; it looks like a glob pattern: compareParquetFeatures compares two files' footers .*give one file of each side, or compare the part files pair by pair$/,
    );
    expect(await msg(compareParquetFeatures(at('legacy.parquet'), at('fake.parquet')), ShadowDataError)).toMatchInlineSnapshot(`"compareParquetFeatures: <dir>/fake.parquet: not a readable Parquet file (parquet file invalid (footer != PAR1))"`);
    expect(await msg(compareParquetFeatures(at('legacy.parquet'), at('same.parquet'), { severity: { BLOOM_FILTER_MISING: 'fail' } as never }), ShadowOptionError)).toMatchInlineSnapshot(`"compareParquetFeatures: unknown option 'severity.BLOOM_FILTER_MISING'; did you mean 'BLOOM_FILTER_MISSING'?"`);
    expect(await msg(compareParquetFeatures(at('legacy.parquet'), at('same.parquet'), { severity: { COLUMN_MISSING: 'error' as never } }), ShadowOptionError)).toMatchInlineSnapshot(`"compareParquetFeatures: severity.COLUMN_MISSING must be one of 'info', 'warn', 'fail', got "error""`);
  });
});
