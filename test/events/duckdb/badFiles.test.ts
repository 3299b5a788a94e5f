/**
 * Bad JSON Lines files (and globs of CSV files) given to compareEventFiles: the error names the file and what is wrong,
 * the way loadDataset does (DuckDB's own message counts lines its own way, and an empty file
 * used to be reported as a missing key column).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, expect, test } from 'vitest';
import { compareEventFiles } from '../../../src/duckdb/index.js';
import { ShadowDataError } from '../../../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'shadow-bad-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string | Buffer) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const good = file('good.jsonl', '{"id":"a","v":1}\n{"id":"b","v":2}\n{"id":"c","v":3}\n');

test('an empty file is named as empty, never compared and never passed', async () => {
  const empty = file('empty.jsonl', '');
  await expect(compareEventFiles(good, empty, { key: 'id' })).rejects.toThrow(
    new ShadowDataError(`compareEventFiles: shadow file ${empty} has no rows: an empty comparison never passes`),
  );
  await expect(compareEventFiles(empty, good, { key: 'id' })).rejects.toThrow(`legacy file ${empty} has no rows`);
});

test('a bad line in one file of a glob is named by that file and its line (the glob was opened as one path: ENOENT)', async () => {
  const sub = mkdtempSync(join(dir, 'glob-'));
  writeFileSync(join(sub, 'part-1.jsonl'), '{"id":"a","v":1}\n');
  for (const [line, what] of [['{"id":"c", v:3}', 'malformed JSON'], ['[1, 2]', 'each line must be a JSON object'], ['null', 'each line must be a JSON object']]) {
    const part2 = join(sub, 'part-2.jsonl');
    writeFileSync(part2, `{"id":"b","v":2}\n${line}\n{"id":"d","v":4}\n`);
    for (const [l, s] of [[join(sub, 'part-*.jsonl'), good], [good, join(sub, 'part-*.jsonl')]]) {
      const e = await compareEventFiles(l, s, { key: 'id' }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(ShadowDataError);
      expect((e as Error).message).toMatch(`compareEventFiles: ${part2}:2: ${what}`);
    }
  }
});

test('a malformed line is named by file and line number (plain and gzip)', async () => {
  const text = '{"id":"a","v":1}\n{"id":"b","v":2}\n\n{"id":"c", v:3}\n{"id":"d","v":4}\n';
  const bad = file('bad.jsonl', text);
  await expect(compareEventFiles(good, bad, { key: 'id' })).rejects.toThrow(`compareEventFiles: ${bad}:4: malformed JSON`);
  const badGz = file('bad.jsonl.gz', gzipSync(text));
  await expect(compareEventFiles(badGz, good, { key: 'id' })).rejects.toThrow(`compareEventFiles: ${badGz}:4: malformed JSON`);
});

test('a glob of CSV files is one table: a part whose header differs (columns in another order), an empty part, a ragged record in a part are named by file and line', async () => {
  const sub = mkdtempSync(join(dir, 'csv-'));
  const one = join(sub, 'one.csv');
  writeFileSync(one, 'id,v,w\na,1,x\nb,2,y\nc,3,z\n');
  writeFileSync(join(sub, 'part-1.csv'), 'id,v,w\na,1,x\nb,2,y\n');
  const glob = join(sub, 'part-*.csv');
  const err = async (l: string, s: string) => {
    const e = await compareEventFiles(l, s, { key: 'id' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ShadowDataError);
    return (e as Error).message;
  };
  // Read by position, w's values would be compared as v's.
  writeFileSync(join(sub, 'part-2.csv'), 'id,w,v\nc,z,3\n');
  expect(await err(one, glob)).toBe(`compareEventFiles: ${join(sub, 'part-2.csv')}:1: the header id,w,v differs from ${join(sub, 'part-1.csv')}'s id,v,w; the files of a glob are read as one table, column by position`);
  writeFileSync(join(sub, 'part-2.csv'), '');
  expect(await err(glob, one)).toBe(`compareEventFiles: ${join(sub, 'part-2.csv')} (of ${glob}) is empty: no header, no rows`);
  writeFileSync(join(sub, 'part-2.csv'), 'id,v,w\nc,3\n');
  expect(await err(glob, one)).toMatch(`compareEventFiles: ${join(sub, 'part-2.csv')}:2: malformed CSV`);
  writeFileSync(join(sub, 'part-2.csv'), 'id,v,w\nc,3,z\n');
  const r = await compareEventFiles(glob, one, { key: 'id' });
  expect([r.verdict, r.counts.equal]).toEqual(['pass', 3]);
  // Quotes only in a later part (the first has none for the sniffer to find): read as RFC 4180.
  writeFileSync(join(sub, 'part-2.csv'), 'id,v,w\nc,3,"z, quoted"\n');
  writeFileSync(one, 'id,v,w\na,1,x\nb,2,y\nc,3,"z, quoted"\n');
  const q = await compareEventFiles(glob, one, { key: 'id' });
  expect([q.verdict, q.counts.equal]).toEqual(['pass', 3]);
});

/**
 * A JSON file (one array) with a malformed element, or an element that is no object: every file
 * reader names the file and the line or element as loadDataset does. DuckDB's reader named
 * "record/value 3" as an option error, and read an array holding a scalar as one column `json`,
 * so compareEventFiles said the key column was missing and compareQueries blamed the query.
 */
test.each([
  ['a malformed element', '[\n{"id": "a", "entity": "u", "ts": 1},\n{"id": "b", entity: "u", "ts": 2}\n]\n'],
  ['an element that is no object', '[\n{"id": "a", "entity": "u", "ts": 1},\n7\n]\n'],
])('JSON: %s is named by file and line or element by every reader, as loadDataset names it', async (_, text) => {
  const bad = file(`bad-${text.length}.json`, text);
  const ok = file('ok.json', JSON.stringify([{ id: 'a', entity: 'u', ts: 1 }, { id: 'b', entity: 'u', ts: 2 }]));
  const { loadDataset, compareQueries } = await import('../../../src/index.js');
  const { compareSequenceFiles, profileFile } = await import('../../../src/duckdb/index.js');
  const expected = ((await loadDataset(bad).catch((x: unknown) => x)) as Error).message;
  expect(expected).toMatch(/^loadDataset: .*bad-\d+\.json(:3: malformed JSON|: element 1 must be an object)/);
  const runs: [string, () => Promise<unknown>][] = [
    ['compareEventFiles', () => compareEventFiles(bad, ok, { key: 'id' })],
    ['compareSequenceFiles', () => compareSequenceFiles(ok, bad, { entity: 'entity', orderBy: 'ts', id: 'id' })],
    ['profileFile', () => profileFile(bad)],
    ['compareQueries', () => compareQueries(bad, ok, [{ name: 'n', sql: 'SELECT entity, count(*) AS n FROM data GROUP BY entity' }])],
  ];
  for (const [fn, run] of runs) {
    const e = await run().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ShadowDataError);
    expect((e as Error).message).toBe(expected.replace(/^loadDataset:/, `${fn}:`));
  }
});
