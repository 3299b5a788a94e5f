import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { beforeAll, describe, expect, test } from 'vitest';
import { profileFile } from '../../src/profiles/duckdb/profileFile.js';
import { profile } from '../../src/profiles/profile.js';
import { compareProfile } from '../../src/profiles/compareProfile.js';
import { events } from './_data.js';
import { loadDataset } from '../../src/dataset/loadDataset.js';

const rows = events(20_000, 11).map((e, i) => ({ ...e, country: i % 37 === 0 ? null : e.country, flag: i % 3 === 0 }));
let parquet = '';
let csv = '';

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'profile-file-'));
  const jsonl = join(dir, 'events.jsonl');
  writeFileSync(jsonl, rows.map((r) => JSON.stringify(r)).join('\n'));
  parquet = join(dir, 'events.parquet');
  csv = join(dir, 'events.csv');
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  await c.run(`COPY (SELECT * FROM read_json_auto('${jsonl}')) TO '${parquet}' (FORMAT parquet)`);
  await c.run(`COPY (SELECT * FROM read_json_auto('${jsonl}')) TO '${csv}' (FORMAT csv, HEADER)`);
  c.closeSync();
  db.closeSync();
});

describe('profileFile (DuckDB)', () => {
  test.each(['parquet', 'csv'])('%s: the same profile as in memory (exact parts equal, moments to rounding, quantiles within the sketch bound)', async (kind) => {
    const f = await profileFile(kind === 'parquet' ? parquet : csv);
    const m = profile(rows);
    expect(f.rows).toBe(m.rows);
    expect(Object.keys(f.columns)).toEqual(Object.keys(m.columns));
    for (const c of Object.keys(m.columns)) {
      const a = f.columns[c];
      const b = m.columns[c];
      expect([c, a.present, a.nulls, a.types, a.distinct, a.type]).toEqual([c, b.present, b.nulls, b.types, b.distinct, b.type]);
      expect(a.categories).toEqual(b.categories);
      if (b.numeric) {
        expect([a.numeric!.min, a.numeric!.max, a.numeric!.n]).toEqual([b.numeric.min, b.numeric.max, b.numeric.n]);
        expect(Math.abs(a.numeric!.mean - b.numeric.mean)).toBeLessThanOrEqual(1e-12 * Math.abs(b.numeric.mean));
        // Chan merges in GROUP BY order vs Welford in row order: epoch-ms timestamps (mean 1.7e12) differ by ~1e-9 relative
        expect(Math.abs(a.numeric!.variance / b.numeric.variance - 1)).toBeLessThanOrEqual(1e-8);
        for (const [q, v] of Object.entries(b.numeric.quantiles)) expect(Math.abs(a.numeric!.quantiles[q] - v)).toBeLessThanOrEqual(2 * 0.01 * Math.abs(v));
      }
    }
    expect(compareProfile(f, m).verdict).toBe('pass');
  });

  test('a mostly-distinct column is streamed in file order: its whole column profile equals the in-memory one exactly', async () => {
    const f = await profileFile(parquet, { columns: ['id', 'ts', 'type'] });
    const m = profile(rows, { columns: ['id', 'ts', 'type'] });
    // id and ts (all distinct) are read value by value, as profile() adds them: Welford in the same order.
    expect(f.columns.id).toEqual(m.columns.id);
    expect(f.columns.ts).toEqual(m.columns.ts);
    // type (4 values) goes through its value histogram: counts exact, moments not applicable.
    expect(f.columns.type.categories).toEqual(m.columns.type.categories);
  });

  test('NaN, Infinity and -Infinity are counted apart as in memory, streamed or through a value histogram', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'profile-file-nonfinite-'));
    const file = join(dir, 'nonfinite.parquet');
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    // x: mostly distinct (streamed); y: three values (value histogram).
    await c.run(`COPY (SELECT CASE i % 10 WHEN 0 THEN 'nan'::DOUBLE WHEN 1 THEN 'inf'::DOUBLE WHEN 2 THEN '-inf'::DOUBLE ELSE i::DOUBLE END AS x,
      CASE i % 5 WHEN 0 THEN 'nan'::DOUBLE WHEN 1 THEN '-inf'::DOUBLE ELSE 1.5 END AS y FROM range(5000) t(i) ORDER BY i) TO '${file}' (FORMAT parquet)`);
    c.closeSync();
    db.closeSync();
    const mem = Array.from({ length: 5000 }, (_, i) => ({ x: [NaN, Infinity, -Infinity][i % 10] ?? i, y: [NaN, -Infinity][i % 5] ?? 1.5 }));
    const f = await profileFile(file);
    const m = profile(mem);
    expect(f.columns.x.state.nonFiniteKinds).toEqual({ nan: 500, infinity: 500, negativeInfinity: 500 });
    expect(f.columns.y.state.nonFiniteKinds).toEqual({ nan: 1000, infinity: 0, negativeInfinity: 1000 });
    expect([m.columns.x.state.nonFiniteKinds, m.columns.y.state.nonFiniteKinds]).toEqual([f.columns.x.state.nonFiniteKinds, f.columns.y.state.nonFiniteKinds]);
    // A stored profile whose kinds do not add up to its total is refused, naming the column.
    const damaged = structuredClone(f);
    damaged.columns.y.state.nonFiniteKinds!.nan = 999;
    expect(() => compareProfile(damaged, m)).toThrow(/column 'y': state\.nonFiniteKinds .* does not add up to state\.nonFinite \(2000\)/);
  });

  test('TIMESTAMP (µs), TIMESTAMPTZ and DATE columns are epoch ms, as profile() counts the Dates loadDataset reads', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'profile-file-times-'));
    const file = join(dir, 'times.parquet');
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    await c.run(`COPY (SELECT make_timestamp(1704067200000000 + i * 1000123) AS ts, make_timestamptz(1704067200000000 + i * 7) AS tz, (DATE '2024-01-01' + (i % 40)::INTEGER) AS day
      FROM range(3000) t(i)) TO '${file}' (FORMAT parquet)`);
    c.closeSync();
    db.closeSync();
    const f = await profileFile(file);
    const m = profile(await loadDataset(file));
    for (const col of ['ts', 'tz', 'day']) {
      const [a, b] = [f.columns[col], m.columns[col]];
      expect([col, a.type, a.types, a.distinct, a.numeric!.n, a.numeric!.min, a.numeric!.max]).toEqual([col, 'number', b.types, b.distinct, b.numeric!.n, b.numeric!.min, b.numeric!.max]);
      expect(Math.abs(a.numeric!.mean - b.numeric!.mean)).toBeLessThanOrEqual(1e-12 * Math.abs(b.numeric!.mean));
    }
    // Ground truth from the generating expression: the first and last instants, to the µs.
    expect([f.columns.ts.numeric!.min, f.columns.ts.numeric!.max]).toEqual([1704067200000, (1704067200000000 + 2999 * 1000123) / 1000]);
    expect(f.columns.day.distinct.estimate).toBe(40);
    expect(compareProfile(f, m).verdict).toBe('pass');
  });

  test('a DECIMAL(38, 30) column: min, max and distinct values as profile() gives on the rows loadDataset reads (the double nearest each)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'profile-file-decimal-'));
    const file = join(dir, 'decimal.parquet');
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    await c.run(`COPY (SELECT ((hash(i) % 100)::VARCHAR || '.' || lpad((hash(i * 7) % 10000)::VARCHAR, 4, '0'))::DECIMAL(38, 30) AS x FROM range(5000) t(i)) TO '${file}' (FORMAT parquet)`);
    c.closeSync();
    db.closeSync();
    const f = await profileFile(file);
    const m = profile(await loadDataset(file));
    expect([f.columns.x.numeric!.min, f.columns.x.numeric!.max, f.columns.x.distinct]).toEqual([m.columns.x.numeric!.min, m.columns.x.numeric!.max, m.columns.x.distinct]);
    // The values themselves: the exact distinct set (hashes of the doubles) equals the in-memory one.
    expect(f.columns.x.state.distinct).toEqual(m.columns.x.state.distinct);
    expect(f.columns.x.state.moments.n).toBe(5000);
    expect(Math.abs(f.columns.x.numeric!.mean - m.columns.x.numeric!.mean)).toBeLessThanOrEqual(1e-12 * Math.abs(m.columns.x.numeric!.mean));
  });

  test('a missing column and an unreadable file are named', async () => {
    await expect(profileFile(parquet, { columns: ['nope'] })).rejects.toThrow(/column 'nope' is not in/);
    await expect(profileFile(join(tmpdir(), 'absent-file.parquet'))).rejects.toThrow(/absent-file.parquet cannot be read/);
  });

  test('CSV cells are typed as loadDataset types them: 007, " 12", yes stay text; TRUE/false booleans; 1.5 a number', async () => {
    const f = join(mkdtempSync(join(tmpdir(), 'vitest-shadow-pfcsv-')), 'cells.csv');
    writeFileSync(f, 'code,flag,n,b,x\n007,yes, 12,TRUE,1.5\n12,no,3,false,3\n');
    const types = (p: Awaited<ReturnType<typeof profileFile>>) => Object.fromEntries(['code', 'flag', 'n', 'b', 'x'].map((c) => [c, p.columns[c].type]));
    const expected = { code: 'string', flag: 'string', n: 'string', b: 'boolean', x: 'number' };
    expect(types(await profileFile(f))).toEqual(expected);
    expect(types(profile(await loadDataset(f)))).toEqual(expected);
  });
});

/**
 * Nested columns (a struct, a list, a map; a JSON object and array): in memory a value that is an
 * object or an array is only counted (type `object`), and a struct's members are profiled by
 * dotted path (`columns: ['geo.city']`), missing where the struct is null. profileFile read them
 * as their VARCHAR text (a `string` column of text categories, `distinct` counted), so a stored
 * in-memory profile against a file's differed in type on every nested column, and a dotted path
 * was refused. Ground truth: the rows written.
 */
describe('profileFile: nested columns as in memory', () => {
  const N = 3_000;
  /** Row i: geo NULL at i % 10 = 0, its city NULL at i % 7 = 0; tags empty at i % 5 = 0, NULL at i % 11 = 0; props NULL at i % 13 = 0. */
  const nestedRows = Array.from({ length: N }, (_, i) => ({
    id: i,
    geo: i % 10 === 0 ? null : { city: i % 7 === 0 ? null : `c${i % 23}`, lat: 40 + (i % 17) / 4 },
    tags: i % 11 === 0 ? null : i % 5 === 0 ? [] : [`t${i % 3}`, `t${i % 4}`],
  }));
  let nestedParquet = '';
  let nestedJsonl = '';
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'profile-file-nested-'));
    nestedJsonl = join(dir, 'nested.jsonl');
    writeFileSync(nestedJsonl, nestedRows.map((r) => JSON.stringify(r)).join('\n') + '\n');
    nestedParquet = join(dir, 'nested.parquet');
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    await c.run(`COPY (SELECT *, CASE WHEN id % 13 = 0 THEN NULL ELSE MAP {'k' || (id % 3): id} END AS props
      FROM read_json('${nestedJsonl}', columns = {id: 'INTEGER', geo: 'STRUCT(city VARCHAR, lat DOUBLE)', tags: 'VARCHAR[]'})) TO '${nestedParquet}' (FORMAT parquet)`);
    c.closeSync();
    db.closeSync();
  });

  test.each(['parquet', 'jsonl'])('%s: a struct, a list and a map are counted objects; members by dotted path', async (kind) => {
    const file = kind === 'parquet' ? nestedParquet : nestedJsonl;
    const loaded = await loadDataset(file);
    const f = await profileFile(file);
    const m = profile(loaded);
    for (const c of kind === 'parquet' ? ['geo', 'tags', 'props'] : ['geo', 'tags']) {
      expect([c, f.columns[c].type, f.columns[c].types, f.columns[c].present, f.columns[c].nulls, f.columns[c].distinct]).toEqual([c, m.columns[c].type, m.columns[c].types, m.columns[c].present, m.columns[c].nulls, m.columns[c].distinct]);
    }
    // Injected: geo null on the 300 rows of i % 10 = 0; tags null on the 273 rows of i % 11 = 0.
    expect([f.columns.geo.type, f.columns.geo.nulls, f.columns.geo.types.object]).toEqual(['object', 300, N - 300]);
    expect([f.columns.tags.nulls, f.columns.tags.types.object]).toEqual([273, N - 273]);
    // Dotted members: missing where geo is null (2,700 rows present), city null where i % 7 = 0 among them.
    const cols = ['geo.city', 'geo.lat'];
    const fd = await profileFile(file, { columns: cols });
    const md = profile(loaded, { columns: cols });
    const cityNulls = nestedRows.filter((r) => r.geo !== null && r.geo.city === null).length;
    expect([fd.columns['geo.city'].present, fd.columns['geo.city'].nulls]).toEqual([N - 300, cityNulls]);
    for (const c of cols) {
      expect([c, fd.columns[c].present, fd.columns[c].nulls, fd.columns[c].type, fd.columns[c].distinct, fd.columns[c].categories]).toEqual([c, md.columns[c].present, md.columns[c].nulls, md.columns[c].type, md.columns[c].distinct, md.columns[c].categories]);
    }
    expect([fd.columns['geo.lat'].numeric!.min, fd.columns['geo.lat'].numeric!.max]).toEqual([md.columns['geo.lat'].numeric!.min, md.columns['geo.lat'].numeric!.max]);
    expect(compareProfile(f, m).verdict).toBe('pass');
    expect(compareProfile(fd, md).verdict).toBe('pass');
  });
});

/**
 * A string that starts with a byte-order mark (U+FEFF): loadDataset keeps it, DuckDB's string
 * conversion drops it, so profileFile counted `\uFEFFx` as `x` (one category where the in-memory
 * profile has two, and a distinct count one short). Ground truth: the strings written.
 */
test('profileFile keeps a leading byte-order mark, streamed and histogrammed', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'profile-file-bom-'));
  const file = join(dir, 'bom.parquet');
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  // few: 'x' on 600 rows, '\uFEFFx' on 400 (a histogram); ids: 'e{i}', with the mark on every 4th (streamed, mostly distinct).
  await c.run(`COPY (SELECT CASE WHEN i % 5 < 2 THEN chr(65279) || 'x' ELSE 'x' END AS few, CASE WHEN i % 4 = 0 THEN chr(65279) ELSE '' END || 'e' || i AS ids FROM range(1000) t(i)) TO '${file}' (FORMAT parquet)`);
  c.closeSync();
  db.closeSync();
  const f = await profileFile(file);
  const m = profile(await loadDataset(file));
  expect(f.columns.few.categories).toEqual(m.columns.few.categories);
  expect(Object.fromEntries(f.columns.few.categories!.top.map((x: { value: string; count: number }) => [x.value, x.count]))).toEqual({ x: 600, '\uFEFFx': 400 });
  expect([f.columns.few.distinct, f.columns.ids.distinct]).toEqual([m.columns.few.distinct, m.columns.ids.distinct]);
  expect(f.columns.ids.distinct.estimate).toBe(1000);
});

/**
 * JSON files: profileFile read them with DuckDB's reader, which has one type per column and no
 * "missing": a key absent from a row counted as a null (present), and a column of mixed kinds was
 * read as JSON text (every value a string: `1` and `"1"` one category apart, no numeric part).
 * compareProfile of a stored in-memory profile against the file's failed on identical rows. The
 * rows are now parsed as loadDataset parses them into profile()'s accumulators. Ground truth: the
 * rows written and their counts by hand.
 */
describe('profileFile: JSON as profile() counts it', () => {
  // 8 rows: k absent on rows 2, 5; null on row 4; mixed: numbers on 0-3, strings on 4-6, an object on 7.
  const jsonRows = Array.from({ length: 8 }, (_, i) => ({
    id: i,
    ...(i === 2 || i === 5 ? {} : { k: i === 4 ? null : `v${i % 3}` }),
    mixed: i < 4 ? i * 1.5 : i < 7 ? String(i) : { a: i },
  }));
  const dir = mkdtempSync(join(tmpdir(), 'vitest-shadow-pfjson-'));
  const jsonl = join(dir, 'rows.jsonl');
  const json = join(dir, 'rows.json');
  writeFileSync(jsonl, jsonRows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  writeFileSync(json, JSON.stringify(jsonRows));

  test.each([['JSON Lines', jsonl], ['JSON', json]])('%s: the profile of the same rows in memory, and compareProfile passes', async (_, file) => {
    const f = await profileFile(file);
    const m = profile(jsonRows);
    expect(f).toEqual(m);
    expect([f.columns.k.present, f.columns.k.missing, f.columns.k.nulls]).toEqual([6, 2, 1]);
    expect(f.columns.mixed.types).toEqual({ number: 4, string: 3, boolean: 0, object: 1 });
    expect(f.columns.mixed.numeric?.n).toBe(4);
    expect(compareProfile(f, m).verdict).toBe('pass');
  });

  // A glob read as DuckDB's reader read it before JSON files were parsed here: all its files, in
  // sorted order; a pattern matching nothing is named.
  test.each([['JSON Lines', 'jsonl'], ['JSON', 'json']])('%s: a glob profiles the rows of all its files, as profile() of them all', async (_, ext) => {
    const sub = mkdtempSync(join(dir, 'glob-'));
    const parts = [jsonRows.slice(0, 3), jsonRows.slice(3)];
    parts.forEach((rows, i) => writeFileSync(join(sub, `part-${i + 1}.${ext}`), ext === 'json' ? JSON.stringify(rows) : rows.map((r) => JSON.stringify(r)).join('\n') + '\n'));
    expect(await profileFile(join(sub, `part-*.${ext}`))).toEqual(profile(jsonRows));
    await expect(profileFile(join(sub, `none-*.${ext}`))).rejects.toThrow(/^profileFile: cannot read .*none-\*\.(jsonl|json): no file matches this pattern$/);
  });

  test('a bad line names the file and line; a column no row holds is named', async () => {
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, '{"a": 1}\n{"a": \n');
    await expect(profileFile(bad)).rejects.toThrow(/bad\.jsonl:2: malformed JSON/);
    await expect(profileFile(jsonl, { columns: ['id', 'nope'] })).rejects.toThrow(/column 'nope' is not in .*rows\.jsonl/);
    await expect(profileFile(join(dir, 'absent.jsonl'))).rejects.toThrow(/cannot read .*absent\.jsonl/);
  });
});
