/**
 * jsonLinesHead: the sample DuckDB's JSON reader infers its schema over, as a file of its own.
 * The oracle is DuckDB: the schema it infers over the whole file must be the one it infers over
 * the head, with a key first seen on the sample's last record and one first seen just past it;
 * the bytes are checked against the file's own lines.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { READER_SAMPLE, jsonLinesHead } from '../../../src/events/duckdb/_internal/jsonLinesHead.js';
import { duckdbConnection } from '../../_helpers/duckdb.js';
import { jsonlFiles } from './_files.js';

const { dir, write } = jsonlFiles('shadow-jsonhead-');
const conn = duckdbConnection();

const schemaOf = async (file: string) =>
  (await conn().runAndReadAll(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_json('${file}', format = 'newline_delimited', records = true))`)).getRows();

describe('jsonLinesHead', () => {
  test("DuckDB infers the same schema over the head as over the whole file: a key on the sample's last record is in it, one just past it is not", async () => {
    const rows = Array.from({ length: READER_SAMPLE + 500 }, (_, i): Record<string, unknown> => ({ id: i, v: i / 2 }));
    rows[READER_SAMPLE - 1].last = 'in';
    rows[READER_SAMPLE].past = 'out';
    rows[READER_SAMPLE + 1].v = 'a string';
    const file = write(rows);
    const head = jsonLinesHead(file, dir, 'h1.jsonl');
    expect(head).toBeDefined();
    const [whole, sample] = [await schemaOf(file), await schemaOf(head!)];
    expect(sample).toEqual(whole);
    expect(sample.map((r) => r[0])).toEqual(['id', 'v', 'last']);
  });

  test('the head is the first records, byte for byte, blank lines and CRLF ends kept and not counted', () => {
    const lines = Array.from({ length: 40 }, (_, i) => `{"id":${i}}`);
    const text = lines.map((l, i) => (i % 7 === 3 ? `${l}\r\n  \r\n\n` : `${l}\n`)).join('');
    const file = join(dir, 'blank.jsonl');
    writeFileSync(file, text);
    const head = jsonLinesHead(file, dir, 'h2.jsonl', 10);
    const got = readFileSync(head!, 'utf8');
    // Up to and with the line ending the 10th record: record 9 (index 9) is not one followed by blanks.
    expect(got).toBe(text.slice(0, text.indexOf('{"id":9}\n') + '{"id":9}\n'.length));
    expect(got.split('\n').filter((l) => l.trim()).length).toBe(10);
  });

  test('a record longer than the read buffer (1 MB) is carried whole', () => {
    const long = { id: 1, blob: 'x'.repeat(3 << 20) };
    const file = write([{ id: 0 }, long, { id: 2 }, { id: 3 }]);
    const head = jsonLinesHead(file, dir, 'h3.jsonl', 3);
    expect(readFileSync(head!, 'utf8')).toBe([{ id: 0 }, long, { id: 2 }].map((r) => `${JSON.stringify(r)}\n`).join(''));
  });

  test('undefined where the file is its own sample or cannot be cut: too few records, a last record without its newline, compressed, a glob, missing, too large', () => {
    const few = write([{ id: 0 }, { id: 1 }]);
    expect(jsonLinesHead(few, dir, 'h4.jsonl', 2)).toBeDefined();
    expect(jsonLinesHead(few, dir, 'h4.jsonl', 3)).toBeUndefined();
    const open = join(dir, 'open.jsonl');
    writeFileSync(open, '{"id":0}\n{"id":1}');
    expect(jsonLinesHead(open, dir, 'h5.jsonl', 2)).toBeUndefined();
    // Gzip of varied rows: its bytes hold newlines (0x0a) that are not line ends.
    const gz = join(dir, 'z.jsonl');
    const zipped = gzipSync(Array.from({ length: 2000 }, (_, i) => `{"id":${i},"h":"${((i * 2654435761) >>> 0).toString(36)}"}\n`).join(''));
    expect(zipped.includes(0x0a)).toBe(true);
    writeFileSync(gz, zipped);
    expect(jsonLinesHead(gz, dir, 'h6.jsonl', 1)).toBeUndefined();
    expect(jsonLinesHead(join(dir, '*.jsonl'), dir, 'h7.jsonl', 1)).toBeUndefined();
    expect(jsonLinesHead(join(dir, 'nope.jsonl'), dir, 'h8.jsonl', 1)).toBeUndefined();
    const big = write(Array.from({ length: 100 }, (_, i) => ({ id: i, pad: 'p'.repeat(100) })));
    expect(jsonLinesHead(big, dir, 'h9.jsonl', 50, 1000)).toBeUndefined();
    expect(jsonLinesHead(big, dir, 'h9.jsonl', 50, 1 << 20)).toBeDefined();
  });
});
