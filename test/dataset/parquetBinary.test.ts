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
    // Bytes that are no UTF-8 text: DuckDB's read keeps them as bytes (a plain Uint8Array).
    expect(zstd[5].b).toEqual(new Uint8Array([0xff, 0xfe]));
    expect(Object.getPrototypeOf(zstd[5].b)).toBe(Uint8Array.prototype);
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
