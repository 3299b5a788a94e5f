/**
 * A Parquet BYTE_ARRAY without a string annotation (DuckDB's BLOB; old Impala and Hive writers'
 * strings): hyparquet, loadDataset's reader, gives its UTF-8 text, and a FIXED_LEN_BYTE_ARRAY
 * without annotation its bytes. The DuckDB read-backs gave a Node Buffer for both, so loadDataset
 * of the same file compressed with ZSTD (read through DuckDB) held Buffers where the SNAPPY file
 * held strings, and compareSequenceFiles (whose partitions are read back) found every such value
 * different from the same text in JSON Lines, where compareSequences on loadDataset's rows found
 * them equal. Ground truth: the bytes written.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadDataset } from '../../src/dataset/loadDataset.js';
import { compareSequences } from '../../src/sequences/compareSequences.js';
import { compareSequenceFiles } from '../../src/sequences/duckdb/compareSequenceFiles.js';

const dir = mkdtempSync(join(tmpdir(), 'shadow-parquet-binary-'));
const file = (name: string) => join(dir, name);
const N = 40;
/** Row i: text `v${i}` (`héllo` on row 3), bytes not valid UTF-8 on row 5, NULL on row 7. */
const text = (i: number) => (i === 3 ? 'héllo' : `v${i}`);

beforeAll(async () => {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  const rows = `SELECT i::INT AS id, 'u' || (i % 4) AS entity, i AS ts,
      CASE WHEN i = 7 THEN NULL WHEN i = 5 THEN '\\xFF\\xFE'::BLOB ELSE encode(CASE WHEN i = 3 THEN 'héllo' ELSE 'v' || i END) END AS b
    FROM range(${N}) t(i)`;
  for (const codec of ['snappy', 'zstd']) await c.run(`COPY (${rows}) TO '${file(`${codec}.parquet`)}' (FORMAT parquet, COMPRESSION ${codec})`);
  c.closeSync();
  db.closeSync();
  // The same events from a JSON writer, the binary column as its text (row 5 left out: no text).
  writeFileSync(file('s.jsonl'), Array.from({ length: N }, (_, i) => JSON.stringify({ id: i, entity: `u${i % 4}`, ts: i, ...(i === 5 || i === 7 ? {} : { b: text(i) }) })).join('\n') + '\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a Parquet binary column without a string annotation', () => {
  test('loadDataset reads its text, whether hyparquet (SNAPPY) or DuckDB (ZSTD) decodes the file', async () => {
    const snappy = await loadDataset(file('snappy.parquet'));
    const zstd = await loadDataset(file('zstd.parquet'));
    expect(snappy[3].b).toBe('héllo');
    expect(snappy[10].b).toBe('v10');
    expect(snappy[7].b).toBeNull();
    for (const rows of [snappy, zstd]) {
      for (let i = 0; i < N; i++) if (i !== 5 && i !== 7) expect(rows[i].b).toBe(text(i));
    }
    // Bytes that are no UTF-8 text: both readers keep them as bytes (a plain Uint8Array).
    for (const rows of [snappy, zstd]) {
      expect(rows[5].b).toEqual(new Uint8Array([0xff, 0xfe]));
      expect(Object.getPrototypeOf(rows[5].b)).toBe(Uint8Array.prototype);
    }
  });

  test('different bytes that are no UTF-8 text differ in memory as on files (hyparquet decoded both to the same replacement characters)', async () => {
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    // Every third row: \xFF\x01 against \xFE\x01 (14 of 40), the rest the same bytes on both sides.
    for (const [name, first] of [['bl', 'FF'], ['bs', 'FE']]) {
      await c.run(`COPY (SELECT i::INT AS id, CASE WHEN i % 3 = 0 THEN '\\x${first}\\x01'::BLOB ELSE '\\xFF\\x02'::BLOB END AS b FROM range(${N}) t(i)) TO '${file(`${name}.parquet`)}' (FORMAT parquet)`);
    }
    c.closeSync();
    db.closeSync();
    const { compareEvents } = await import('../../src/events/compareEvents.js');
    const { compareEventFiles } = await import('../../src/events/duckdb/compareEventFiles.js');
    const memory = compareEvents(await loadDataset(file('bl.parquet')), await loadDataset(file('bs.parquet')), { key: 'id' });
    const files = await compareEventFiles(file('bl.parquet'), file('bs.parquet'), { key: 'id' });
    expect(memory.fields.find((f) => f.field === 'b')?.mismatches).toBe(14);
    expect(files.fields.find((f) => f.field === 'b')?.mismatches).toBe(14);
    expect(memory.verdict).toBe('fail');
  });

  test('compareSequenceFiles against JSON Lines gives compareSequences\' report on the loaded files', async () => {
    const options = { entity: 'entity', orderBy: 'ts', id: 'id' } as const;
    const expected = compareSequences(await loadDataset(file('snappy.parquet')), await loadDataset(file('s.jsonl')), options);
    // Rows 5 (bytes against no value) and 7 (NULL against no value) differ in their entity's events; every other value is equal.
    expect(expected.counts).toMatchObject({ entities: 4 });
    const got = await compareSequenceFiles(file('snappy.parquet'), file('s.jsonl'), { ...options, partitionRows: 10 });
    expect(got).toEqual(expected);
  });
});

/**
 * A string that starts with a byte-order mark (U+FEFF, the first value of a text read naively
 * from a UTF-8 file with a BOM): hyparquet's default decoder and DuckDB's string conversion both
 * dropped it, so `\uFEFFx` read as `x`: compareEvents on loadDataset's rows found the two equal,
 * where compareEventFiles (which compares in SQL) found them different. Ground truth: the
 * strings written.
 */
describe('a string starting with a byte-order mark', () => {
  const BOM = '\uFEFF';
  beforeAll(async () => {
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    const rows = `SELECT i::INT AS id, 'u' || (i % 2) AS entity, i AS ts, CASE WHEN i % 3 = 0 THEN chr(65279) || 'x' ELSE 'x' END AS s, [chr(65279) || 'y'] AS l FROM range(12) t(i)`;
    for (const codec of ['snappy', 'zstd']) await c.run(`COPY (${rows}) TO '${file(`bom-${codec}.parquet`)}' (FORMAT parquet, COMPRESSION ${codec})`);
    // Without the list: the DuckDB read-backs keep the mark on top-level strings only (docs/loadDataset.md).
    await c.run(`COPY (SELECT * EXCLUDE (l) FROM (${rows})) TO '${file('bom-flat.parquet')}' (FORMAT parquet)`);
    c.closeSync();
    db.closeSync();
    writeFileSync(file('bom.jsonl'), Array.from({ length: 12 }, (_, i) => JSON.stringify({ id: i, entity: `u${i % 2}`, ts: i, s: 'x' })).join('\n') + '\n');
  });

  test('loadDataset keeps it, through hyparquet (SNAPPY) and through DuckDB (ZSTD, top-level strings)', async () => {
    const snappy = await loadDataset(file('bom-snappy.parquet'));
    const zstd = await loadDataset(file('bom-zstd.parquet'));
    for (const rows of [snappy, zstd]) expect(rows.map((r) => r.s)).toEqual(Array.from({ length: 12 }, (_, i) => (i % 3 === 0 ? `${BOM}x` : 'x')));
    expect(snappy[0].l).toEqual([`${BOM}y`]);
  });

  test('compareEvents on the loaded rows and compareSequenceFiles see it as a difference', async () => {
    const { compareEvents } = await import('../../src/events/compareEvents.js');
    const { compareEventFiles } = await import('../../src/events/duckdb/compareEventFiles.js');
    const memory = compareEvents(await loadDataset(file('bom-snappy.parquet')), await loadDataset(file('bom.jsonl')), { key: 'id' });
    const files = await compareEventFiles(file('bom-snappy.parquet'), file('bom.jsonl'), { key: 'id' });
    // Rows 0, 3, 6, 9: `\uFEFFx` against `x`.
    expect(memory.fields.find((f) => f.field === 's')?.mismatches).toBe(4);
    expect(files.fields.find((f) => f.field === 's')?.mismatches).toBe(4);
    const options = { entity: 'entity', orderBy: 'ts', id: 'id' } as const;
    const expected = compareSequences(await loadDataset(file('bom-flat.parquet')), await loadDataset(file('bom.jsonl')), options);
    expect(expected.classes.find((k) => k.class === 'changed')?.events).toBe(4);
    expect(await compareSequenceFiles(file('bom-flat.parquet'), file('bom.jsonl'), { ...options, partitionRows: 4 })).toEqual(expected);
  });
});
