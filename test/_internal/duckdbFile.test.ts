/**
 * A file whose name holds a glob character is read as that file, not as a pattern: DuckDB's
 * readers take every path as a glob, so `run[1].jsonl` read `run1.jsonl` beside it (a false
 * pass when that file held other values). DuckDB itself is the oracle of what a pattern reads.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, test } from 'vitest';
import { fileLiteral } from '../../src/_internal/duckdbFile.js';
import { compareEventFiles, compareSequenceFiles } from '../../src/duckdb/index.js';
import { compareQueries } from '../../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'vitest-shadow-globchars-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const at = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};
// Each named file holds v 999; the decoy its literal pattern would also (or instead) match holds v 1.
const named = ['run[1].jsonl', 'a*b.jsonl', 'q?.jsonl'];
const decoys = ['run1.jsonl', 'axxb.jsonl', 'qq.jsonl'];
for (const f of named) at(f, '{"id":1,"u":"a","v":999}\n{"id":2,"u":"a","v":7}\n');
for (const f of decoys) at(f, '{"id":1,"u":"a","v":1}\n{"id":2,"u":"a","v":7}\n');
const shadow = at('shadow.jsonl', '{"id":1,"u":"a","v":999}\n{"id":2,"u":"a","v":7}\n');

async function read(literal: string): Promise<string[]> {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  try {
    return (await c.runAndReadAll(`SELECT json::VARCHAR AS j FROM read_ndjson_objects(${literal})`)).getRowObjectsJS().map((r) => String(r.j));
  } finally {
    c.closeSync();
    db.closeSync();
  }
}

describe('fileLiteral', () => {
  test.each(named)('%s: reads that file alone, where the raw path reads the decoy or more', async (f) => {
    const path = join(dir, f);
    expect(await read(fileLiteral(path))).toEqual(['{"id":1,"u":"a","v":999}', '{"id":2,"u":"a","v":7}']);
    // The raw path as a pattern reads something else (what the engines read before).
    expect(await read(`'${path}'`).catch(() => [])).not.toEqual(['{"id":1,"u":"a","v":999}', '{"id":2,"u":"a","v":7}']);
  });

  test('an unclosed bracket and brackets in a folder name are read as written', async () => {
    const path = at('x[[y].jsonl', '{"id":3}\n');
    expect(await read(fileLiteral(path))).toEqual(['{"id":3}']);
  });

  test('a path that is no file stays a glob; a quote is escaped', async () => {
    expect(fileLiteral(join(dir, 'run?.jsonl'))).toBe(`'${join(dir, 'run?.jsonl')}'`);
    expect((await read(fileLiteral(join(dir, 'run?.jsonl')))).length).toBe(2);
    expect(fileLiteral("/no/such/it's[1].csv")).toBe("'/no/such/it''s[1].csv'");
  });
});

describe('the file engines read a named file with glob characters as itself', () => {
  test('compareEventFiles: run[1].jsonl against a shadow with the same values passes (its decoy differs)', async () => {
    const r = await compareEventFiles(join(dir, 'run[1].jsonl'), shadow, { key: 'id' });
    expect(r.verdict).toBe('pass');
    expect(r.counts).toMatchObject({ legacy: 2, shadow: 2, matched: 2, equal: 2 });
  });

  test('compareSequenceFiles: a*b.jsonl against the same sequences', async () => {
    const r = await compareSequenceFiles(join(dir, 'a*b.jsonl'), shadow, { entity: 'u', orderBy: 'id', id: 'id' });
    expect(r.counts).toMatchObject({ legacyEvents: 2, shadowEvents: 2 });
    expect(r.metrics.exactRate).toBe(1);
  });

  test('compareQueries: q?.jsonl sums to the shadow\'s sum', async () => {
    const r = await compareQueries(join(dir, 'q?.jsonl'), shadow, [{ name: 'total', sql: 'SELECT sum(v) AS total FROM data' }]);
    expect(r.verdict).toBe('pass');
  });
});
