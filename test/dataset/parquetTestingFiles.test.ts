/**
 * Two files of apache/parquet-testing (test/data/parquet-testing/README.md) that loadDataset read
 * otherwise than DuckDB, the file engines' reader: a footer whose row count is wrong (0, where its
 * row group holds 6 rows), which loadDataset read as no rows at all, and a FIXED_LEN_BYTE_ARRAY
 * without annotation, which loadDataset gave as bytes where DuckDB's read-backs and
 * compareEventFiles read the UTF-8 text it holds. Expected values come from DuckDB's own reading
 * of the files (its decode() decides which bytes are UTF-8 text).
 */
import { fileURLToPath } from 'node:url';
import { DuckDBBlobValue, DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, test } from 'vitest';
import { loadDataset } from '../../src/dataset/loadDataset.js';

const data = (name: string) => fileURLToPath(new URL(`../data/parquet-testing/${name}`, import.meta.url));

async function duck<T>(sql: string): Promise<T[]> {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  try {
    return (await c.runAndReadAll(sql)).getRows() as T[];
  } finally {
    c.closeSync();
    db.closeSync();
  }
}

describe('apache/parquet-testing files loadDataset read otherwise than DuckDB', () => {
  test('a footer whose row count is wrong: the rows of its row groups are read', async () => {
    const file = data('repeated_no_annotation.parquet');
    const rows = await loadDataset(file);
    const expected = await duck<[number, string | null]>(`SELECT id, to_json(phoneNumbers)::VARCHAR FROM read_parquet('${file}') ORDER BY id`);
    expect(expected).toHaveLength(6);
    expect(rows.map((r) => r.id)).toEqual(expected.map(([id]) => id));
    // The nested values as DuckDB reads them (its JSON text holds the 64-bit numbers as numbers).
    expect(rows.map((r) => (r.phoneNumbers === null ? null : JSON.parse(JSON.stringify(r.phoneNumbers))))).toEqual(expected.map(([, j]) => (j === null ? null : JSON.parse(j))));
  });

  test('a FIXED_LEN_BYTE_ARRAY without annotation: its UTF-8 text where it holds some, else its bytes', async () => {
    const file = data('fixed_length_byte_array.parquet');
    const rows = await loadDataset(file);
    const expected = await duck<[string | null, DuckDBBlobValue | null]>(`SELECT try(decode(flba_field)), flba_field FROM read_parquet('${file}')`);
    expect(rows).toHaveLength(expected.length);
    let texts = 0;
    let bytes = 0;
    rows.forEach((r, i) => {
      const [text, blob] = expected[i];
      if (blob === null) expect(r.flba_field).toBeNull();
      else if (text !== null) {
        texts++;
        expect(r.flba_field).toBe(text);
      } else {
        bytes++;
        expect(r.flba_field).toEqual(new Uint8Array(blob.bytes));
      }
    });
    // Both kinds occur: 460 values of text, 435 of bytes (and 105 NULL).
    expect([texts, bytes]).toEqual([460, 435]);
  });
});
