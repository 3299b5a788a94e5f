/**
 * Files loadDataset refuses, or reads its own way, refused or read alike by compareEventFiles:
 * each error names the file and line as loadDataset names it (the expected messages are
 * loadDataset's own), and a dotted CSV header is the nested path loadDataset makes of it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { compareEventFiles } from '../../../src/duckdb/index.js';
import { compareEvents } from '../../../src/events/compareEvents.js';
import { loadDataset } from '../../../src/dataset/loadDataset.js';

const dir = mkdtempSync(join(tmpdir(), 'shadow-badrecords-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const at = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};
const good = at('good.jsonl', '{"id":1,"v":1}\n{"id":2,"v":2}\n');
/** loadDataset's message for a file, with its function name swapped for compareEventFiles'. */
const loaderSays = async (file: string) => String(await loadDataset(file).then(() => 'loaded', (e: Error) => e.message)).replace(/^loadDataset:/, 'compareEventFiles:');

describe('compareEventFiles: records loadDataset refuses are refused alike', () => {
  test.each([
    ['an array line inside the sample', '{"id":1,"v":1}\n[1,2]\n{"id":2,"v":2}\n'],
    ['a null line', '{"id":1,"v":1}\nnull\n{"id":2,"v":2}\n'],
    ['an array line past the sample (line 22,001)', Array.from({ length: 25_000 }, (_, i) => (i === 22_000 ? '[1]' : `{"id":${i},"v":${i % 5}}`)).join('\n') + '\n'],
  ])('%s: the line is named as loadDataset names it', async (name, text) => {
    const bad = at(`${name.replaceAll(/\W+/g, '-')}.jsonl`, text);
    const says = await loaderSays(bad);
    expect(says).toMatch(/:\d+: each line must be a JSON object \(one event\)/);
    await expect(compareEventFiles(bad, good, { key: 'id' })).rejects.toThrow(says);
  });

  test.each([
    ['in the sample', '{"id":1,"v":1}\n{"id":2,"v":2,"v":9}\n', 2, 'v'],
    ['past the sample (line 22,001)', Array.from({ length: 25_000 }, (_, i) => (i === 22_000 ? `{"id":${i},"v":1,"v":2}` : `{"id":${i},"v":${i % 5}}`)).join('\n') + '\n', 22_001, 'v'],
  ])('an object naming a key twice %s is refused, naming line and key (DuckDB keeps the first value, JSON.parse the last)', async (_, text, line, key) => {
    const bad = at(`twice-${line}.jsonl`, text);
    await expect(compareEventFiles(bad, good, { key: 'id', maxMissingRate: 1, maxExtraRate: 1, minMatchRate: 0 })).rejects.toThrow(
      `compareEventFiles: ${bad}:${line}: an object names the key '${key}' twice; DuckDB's reader keeps its first value, JSON.parse (loadDataset) its last`,
    );
  });

  test('an object naming a key twice inside a nested object is refused', async () => {
    const bad = at('twice-nested.jsonl', '{"id":1,"g":{"x":1}}\n{"id":2,"g":{"x":1,"x":2}}\n');
    await expect(compareEventFiles(bad, at('nested-ok.jsonl', '{"id":1,"g":{"x":1}}\n{"id":2,"g":{"x":2}}\n'), { key: 'id' })).rejects.toThrow(/names a key twice \(in a nested object\)/);
  });

  test('a CSV header naming a column twice, and an empty CSV file', async () => {
    const dup = at('dup.csv', 'id,a,a\n1,2,3\n');
    const says = await loaderSays(dup);
    expect(says).toBe(`compareEventFiles: ${dup}:1: duplicate column 'a' in the header`);
    await expect(compareEventFiles(dup, at('ok.csv', 'id,a\n1,2\n'), { key: 'id' })).rejects.toThrow(says);
    await expect(compareEventFiles(at('ok2.csv', 'id,a\n1,2\n'), at('empty.csv', ''), { key: 'id' })).rejects.toThrow(/shadow file .*empty\.csv is empty \(no header, no rows\): an empty comparison never passes/);
  });

  // Ragged records: DuckDB's sniffer takes a ragged sample for another dialect (one column named
  // `id,v`, so "key column 'id' is not in the file"), and past the sample its reader fails in
  // words of its own, offering reader options this API does not have.
  const rows = (bad: string, at: number) => ['id,v', ...Array.from({ length: 25_000 }, (_, i) => (i === at ? bad : `${i},${i % 7}`))].join('\n') + '\n';
  const goodCsv = at('good.csv', rows('0,0', 0));
  test.each([
    ['a record one cell too long in the sample', rows('5,1,9', 5)],
    ['a record one cell too long past the sample (line 22,002)', rows('22000,1,9', 22_000)],
    ['a record one cell short past the sample', rows('22000', 22_000)],
    ['a quoted cell never closed past the sample', rows('22000,"1', 22_000)],
  ])('%s: the file and line are named as loadDataset names them', async (name, text) => {
    const bad = at(`${name.replaceAll(/\W+/g, '-')}.csv`, text);
    const says = await loaderSays(bad);
    expect(says).toMatch(/:\d+: malformed CSV: /);
    await expect(compareEventFiles(bad, goodCsv, { key: 'id' })).rejects.toThrow(says);
    await expect(compareEventFiles(goodCsv, bad, { key: 'id' })).rejects.toThrow(says);
  });

  test('a dotted CSV header is the path loadDataset nests it as: the same report', async () => {
    const l = at('dot-l.csv', 'id,geo.city,geo.lat\n1,Paris,48.8\n2,Oslo,59.9\n');
    const s = at('dot-s.csv', 'id,geo.city,geo.lat\n1,Paris,48.8\n2,Bergen,59.9\n');
    const r = await compareEventFiles(l, s, { key: 'id', fields: { 'geo.lat': { abs: 0.01 } } });
    const memory = compareEvents(await loadDataset(l), await loadDataset(s), { key: 'id', fields: { 'geo.lat': { abs: 0.01 } } });
    expect(r.counts).toEqual(memory.counts);
    expect(r.fields.map((f) => [f.field, f.mismatches])).toEqual(memory.fields.map((f) => [f.field, f.mismatches]));
    expect(r.fields.find((f) => f.field === 'geo.city')!.mismatches).toBe(1);
  });
});
