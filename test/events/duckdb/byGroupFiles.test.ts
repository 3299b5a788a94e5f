/**
 * compareEventFiles with `by` (one comparison per event type within one dataset) gives the
 * GroupedReport compareEvents gives with `by` on the same rows: generated cases regrouped so that
 * groups exist on one side only and rows lack the type (see checkGroupedCase), on JSON Lines and
 * Parquet files and on globs of part files.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import { compareEventFiles, type CompareEventFilesOptions } from '../../../src/duckdb/index.js';
import { compareEvents } from '../../../src/index.js';
import { loadDataset } from '../../../src/dataset/loadDataset.js';
import type { GroupOptions } from '../../../src/groups/types.js';
import { checkGroupedCase, checkGroupedCsvCase, comparable, comparableGrouped, diffCase } from './_differential.js';
import { compareEventFilesByGroup } from '../../../src/events/duckdb/compareEventFiles.js';
import { writeJsonl, writeParquet } from './_files.js';

const dir = mkdtempSync(join(tmpdir(), 'shadow-by-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('compareEventFiles with by equals compareEvents with by (seeded, bounded)', () => {
  for (const [format, seed] of [['parquet', 4040], ['jsonl', 5050]] as const) {
    test(`on ${format} files`, async () => {
      await fc.assert(fc.asyncProperty(diffCase(format, 16), (c) => checkGroupedCase(format, c, dir)), { seed, numRuns: 6, endOnFailure: true });
    }, 240_000);
    test(`on globs of ${format} part files`, async () => {
      await fc.assert(fc.asyncProperty(diffCase(format, 16), (c) => checkGroupedCase(format, c, dir, 2)), { seed: seed + 1, numRuns: 3, endOnFailure: true });
    }, 240_000);
  }
  test('on CSV files, and globs of CSV part files (each column typed over the whole side, as loadDataset types it)', async () => {
    await fc.assert(fc.asyncProperty(diffCase('jsonl', 16), (c) => checkGroupedCsvCase(c, dir)), { seed: 6060, numRuns: 6, endOnFailure: true });
    await fc.assert(fc.asyncProperty(diffCase('jsonl', 16), (c) => checkGroupedCsvCase(c, dir, 2)), { seed: 6061, numRuns: 3, endOnFailure: true });
  }, 240_000);
});

describe('compareEventFiles with by: what a file holds decides the groups, as in memory', () => {
  const files = (name: string) => join(dir, name);
  const both = async (l: string, s: string, options: CompareEventFilesOptions & GroupOptions<CompareEventFilesOptions>) => {
    const onFiles = await compareEventFiles(l, s, options);
    const inMemory = compareEvents(await loadDataset(l), await loadDataset(s), options as never);
    expect(comparableGrouped(onFiles)).toEqual(comparableGrouped(inMemory));
    return onFiles;
  };

  test('Parquet: numbers, booleans and a struct member as by; a side without the column is the group (none)', async () => {
    const rows = [1, 2, 3, 4, 5, 6].map((i) => ({ id: `e${i}`, kind: i % 3 === 0 ? null : i % 2 ? 1.5 : 2, flag: i % 2 === 0, geo: i === 4 ? null : { city: i < 3 ? 'Oslo' : 'Rome' }, v: i }));
    const schema = { id: 'VARCHAR', kind: 'DOUBLE', flag: 'BOOLEAN', geo: 'STRUCT(city VARCHAR)', v: 'BIGINT' };
    const l = files('num-l.parquet');
    const s = files('num-s.parquet');
    await writeParquet(l, rows, schema);
    await writeParquet(s, rows.map((r) => ({ ...r, v: r.v === 5 ? 50 : r.v })), schema);
    const byKind = await both(l, s, { key: 'id', by: 'kind' });
    expect(byKind.groups.map((g) => [g.group, g.rows.legacy, g.verdict])).toEqual([['(none)', 2, 'pass'], ['1.5', 2, 'fail'], ['2', 2, 'pass']]);
    const byFlag = await both(l, s, { key: 'id', by: 'flag' });
    expect(byFlag.groups.map((g) => g.group)).toEqual(['false', 'true']);
    const byCity = await both(l, s, { key: 'id', by: 'geo.city', fields: { v: { abs: 100 } } });
    expect(byCity.groups.map((g) => [g.group, g.rows.legacy])).toEqual([['(none)', 1], ['Oslo', 2], ['Rome', 3]]);
    expect(byCity.verdict).toBe('pass');
    const noColumn = await both(l, s, { key: 'id', by: 'type' });
    expect(noColumn.groups.map((g) => [g.group, g.rows])).toEqual([['(none)', { legacy: 6, shadow: 6 }]]);
  });

  test('JSON Lines: a group whose rows all lack the key is rows without a key; a rule no row of a group holds is skipped there', async () => {
    const l = files('key-l.jsonl');
    const s = files('key-s.jsonl');
    writeJsonl(l, [{ id: 1, type: 'a', v: 1, w: 1 }, { id: 2, type: 'a', v: 2 }, { type: 'b', v: 3 }, { type: 'b', v: 4 }]);
    writeJsonl(s, [{ id: 1, type: 'a', v: 1, w: 1 }, { id: 2, type: 'a', v: 2 }, { type: 'b', v: 3 }]);
    const r = await both(l, s, { key: 'id', by: 'type', fields: { w: { abs: 0.5 } }, maxMissingKeyRows: 5 });
    expect(r.groups.map((g) => [g.group, g.report.counts.legacyMissingKey, g.report.counts.shadowMissingKey, g.skippedFieldRules])).toEqual([['a', 0, 0, []], ['b', 2, 1, ['w']]]);
    // defineShadowSuite's form (keepRules, only): only the groups asked for, and a rule the group lacks is kept, as compareEvents on the group's rows keeps it.
    const kept = await compareEventFilesByGroup(l, s, { key: 'id', by: 'type', fields: { w: { abs: 0.5 } }, maxMissingKeyRows: 5 }, 'auto', { keepRules: true, only: ['b'] });
    expect(kept.groups.map((g) => g.group)).toEqual(['b']);
    const bRows = async (f: string) => (await loadDataset(f)).filter((r) => r.type === 'b');
    expect(comparable(kept.groups[0].report)).toEqual(comparable(compareEvents(await bRows(l), await bRows(s), { key: 'id', fields: { w: { abs: 0.5 } }, maxMissingKeyRows: 5, label: 'b' })));
    expect(kept.groups[0].report.reasons.map((x) => x.code)).toContain('DECLARED_FIELD_ABSENT');
    // A rule no group holds fails once, suggesting a field of the legacy rows, as in memory.
    const absent = await both(l, s, { key: 'id', by: 'type', fields: { vv: 'exact' } });
    expect(absent.reasons.find((x) => x.code === 'DECLARED_FIELD_ABSENT')?.message).toBe("fields.vv has a rule but no event of any group has the field; did you mean 'v'?");
  });

  test('JSON Lines and JSON arrays: a group is named by its value as JSON.parse reads it (1.0 and 1 are one group, a missing key and null are (none))', async () => {
    const lines = ['{"id":1,"k":1.0,"v":-0}', '{"id":2,"k":1,"v":0.5}', '{"id":3,"k":"1","v":1}', '{"id":4,"k":null,"v":2}', '{"id":5,"v":3}', '{"id":6,"k":{"a": 1},"v":4}', '{"id":7,"k":true,"v":5}'];
    const l = files('names-l.jsonl');
    const s = files('names-s.jsonl');
    writeFileSync(l, lines.join('\n') + '\n');
    writeFileSync(s, lines.map((x) => x.replace('"v":0.5', '"v":0.25')).join('\r\n'));
    const r = await both(l, s, { key: 'id', by: 'k' });
    expect(r.groups.map((g) => [g.group, g.rows.legacy, g.verdict])).toEqual([['(none)', 2, 'pass'], ['1', 3, 'fail'], ['true', 1, 'pass'], ['{"a":1}', 1, 'pass']]);
    const la = files('names-l.json');
    const sa = files('names-s.json');
    writeFileSync(la, `[\n${lines.join(',\n  ')}\n]`);
    writeFileSync(sa, `[${lines.map((x) => x.replace('"v":0.5', '"v":0.25')).join(',')}]`);
    const ra = await both(la, sa, { key: 'id', by: 'k' });
    expect(comparableGrouped(ra)).toEqual(comparableGrouped(r));
  });

  test('CSV: a column keeps the type it has over the whole side in every group; a group is named by its cell as the column types it', async () => {
    // v is text over the legacy file (x in group b), so in group a `1.0` and `1` differ, as in
    // memory; group a's file alone would read both as the number 1. k is a number column: `1.0`
    // and `1` are one group 1, an empty cell the group (none).
    const l = files('typed-l.csv');
    const s = files('typed-s.csv');
    writeFileSync(l, 'id,type,v,k\n1,a,1.0,1.0\n2,a,2,1\n3,b,x,\n4,,5,2\n5,c,"q,r",2.0\n');
    writeFileSync(s, 'id,type,v,k\n1,a,1,1\n2,a,2,1\n3,b,x,\n4,,5,2\n6,d,7,3\n');
    const opts = { key: 'id', maxMissingRate: 1, maxExtraRate: 1, minMatchRate: 0 };
    const byType = await both(l, s, { ...opts, by: 'type' });
    expect(byType.groups.map((g) => [g.group, g.report.fields.find((f) => f.field === 'v')?.mismatches])).toEqual([['(none)', 0], ['a', 1], ['b', 0], ['c', 0], ['d', 0]]);
    const byK = await both(l, s, { ...opts, by: 'k' });
    expect(byK.groups.map((g) => [g.group, g.rows.legacy, g.rows.shadow])).toEqual([['(none)', 1, 1], ['1', 2, 2], ['2', 2, 1], ['3', 0, 1]]);
    // A text column names its groups by the text: 1.0 and 1 are two groups there.
    expect((await both(l, s, { ...opts, by: 'v' })).groups.map((g) => g.group)).toEqual(['1', '1.0', '2', '5', '7', 'q,r', 'x']);
  });

  test('a group not asked for (the suite\'s eventTypes) is counted, not written', async () => {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const { splitJsonFiles, splitParquetFiles } = await import('../../../src/events/duckdb/_internal/groupFiles.js');
    const { splitCsvSide } = await import('../../../src/events/duckdb/compareEventFiles.js');
    const out = files('kept');
    mkdirSync(out, { recursive: true });
    const rows = [{ id: 1, type: 'a' }, { id: 2, type: 'b' }, { id: 3, type: 'b' }];
    await writeParquet(files('kept.parquet'), rows, { id: 'BIGINT', type: 'VARCHAR' });
    writeJsonl(files('kept.jsonl'), rows);
    writeFileSync(files('kept.json'), JSON.stringify(rows));
    writeFileSync(files('kept.csv'), 'id,type\n1,a\n2,b\n3,b\n');
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    try {
      const keep = (g: string) => g === 'a';
      const splits = [
        await splitParquetFiles(c, 'f', files('kept.parquet'), 'type', ['id'], out, 'p', keep),
        await splitJsonFiles(c, 'f', files('kept.jsonl'), 'jsonl', 'type', ['id'], out, 'j', keep),
        await splitJsonFiles(c, 'f', files('kept.json'), 'json', 'type', ['id'], out, 'a', keep),
        await splitCsvSide(c, files('kept.csv'), 'type', ['id'], out, 'c', keep),
      ];
      for (const split of splits) {
        expect([split.rows, split.parts.get('a')!.rows, split.parts.get('b')]).toEqual([3, 1, { file: '', rows: 2 }]);
        expect(existsSync(split.parts.get('a')!.file)).toBe(true);
      }
      expect(readdirSync(out)).toHaveLength(4);
    } finally {
      c.closeSync();
      db.closeSync();
    }
  });

  test('a group only one side has is compared against no rows, as compareEvents compares an empty side', async () => {
    const l = files('one-l.parquet');
    const s = files('one-s.parquet');
    const schema = { id: 'BIGINT', type: 'VARCHAR', v: 'DOUBLE', geo: 'STRUCT(city VARCHAR)' };
    await writeParquet(l, [{ id: 1, type: 'a', v: 1, geo: { city: 'x' } }, { id: 2, type: 'gone', v: 2, geo: null }, { id: 2, type: 'gone', v: 3, geo: { city: 'y' } }], schema);
    await writeParquet(s, [{ id: 1, type: 'a', v: 1, geo: { city: 'x' } }, { id: 3, type: 'new', v: 2, geo: null }], schema);
    const r = await both(l, s, { key: 'id', by: 'type', maxDuplicateKeys: 1 });
    const gone = r.groups.find((g) => g.group === 'gone')!.report;
    expect(gone.reasons.map((x) => x.code)).toContain('EMPTY_SHADOW');
    expect(gone.counts).toMatchObject({ legacy: 2, shadow: 0, legacyDuplicateKeys: 1, missing: 0 });
    expect(r.groups.find((g) => g.group === 'new')!.report.reasons.map((x) => x.code)).toContain('EMPTY_LEGACY');
  });

  test('bad input: a function, a by column of another type, a bad line, an empty side, an override naming its group', async () => {
    const l = files('bad-l.jsonl');
    writeJsonl(l, [{ id: 1, type: 'a' }]);
    await expect(compareEventFiles(l, l, { key: 'id', by: (r: Record<string, unknown>) => r.type } as never)).rejects.toThrow(/by is a function, which the file engine cannot run/);
    const ts = files('bad-ts.parquet');
    await writeParquet(ts, [{ id: 1, at: new Date(0) }], { id: 'BIGINT', at: 'TIMESTAMP' });
    await expect(compareEventFiles(ts, ts, { key: 'id', by: 'at' })).rejects.toThrow(/by 'at' is a TIMESTAMP column of .*bad-ts\.parquet; on files by needs a string, boolean or number column/);
    mkdirSync(files('glob'), { recursive: true });
    writeJsonl(files('glob/p-1.jsonl'), [{ id: 1, type: 'a' }]);
    writeFileSync(files('glob/p-2.jsonl'), '{"id": 2, "type": "a"}\n{"id": 3,\n');
    await expect(compareEventFiles(files('glob/p-*.jsonl'), l, { key: 'id', by: 'type' })).rejects.toThrow(/p-2\.jsonl:2: malformed JSON/);
    writeFileSync(files('glob/p-2.jsonl'), '{"id": 2, "type": "a"}\n[{"id": 3}]\n');
    await expect(compareEventFiles(files('glob/p-*.jsonl'), l, { key: 'id', by: 'type' })).rejects.toThrow(/p-2\.jsonl:2: each line must be a JSON object \(one event\), got an array/);
    const empty = files('empty.jsonl');
    writeFileSync(empty, '');
    await expect(compareEventFiles(l, empty, { key: 'id', by: 'type' })).rejects.toThrow(/shadow file .*empty\.jsonl has no rows: an empty comparison never passes/);
    await expect(compareEventFiles(l, l, { key: 'id', by: 'type', overrides: { a: { minMatchRate: 2 } } })).rejects.toThrow(/with overrides\.a: .*minMatchRate/);
    await expect(compareEventFiles(l, l, { key: 'id', by: 'type', bogus: 1 } as never)).rejects.toThrow(/bogus/);
    // A key no row of a JSON side holds is an error, as without by (a group lacking it is rows without a key, above).
    await expect(compareEventFiles(l, l, { key: 'ID', by: 'type' })).rejects.toThrow(/key column 'ID' is not in the legacy file .*bad-l\.jsonl; did you mean 'id'\?/);
    // An error of a group's comparison names the side's path and the group, not the group's file.
    const noKey = files('no-key.parquet');
    await writeParquet(noKey, [{ eventId: 1, type: 'a' }], { eventId: 'BIGINT', type: 'VARCHAR' });
    await expect(compareEventFiles(noKey, noKey, { key: 'id', by: 'type' })).rejects.toThrow(/key column 'id' is not in the legacy file .*no-key\.parquet \(type = a\)$/);
  });

  test('bad input on CSV: a malformed record, by naming an object, a missing key column, an empty file', async () => {
    const good = files('good.csv');
    writeFileSync(good, 'id,type,v\n1,a,1\n2,b,2\n');
    const ragged = files('ragged.csv');
    writeFileSync(ragged, 'id,type,v\n1,a,1\n2,b,2,9\n');
    await expect(compareEventFiles(ragged, good, { key: 'id', by: 'type' })).rejects.toThrow(/ragged\.csv:3: /);
    const nested = files('nested.csv');
    writeFileSync(nested, 'id,geo.city,geo.lat\n1,Oslo,59.9\n');
    await expect(compareEventFiles(nested, nested, { key: 'id', by: 'geo' })).rejects.toThrow(/by 'geo' names an object of .*nested\.csv \(its columns geo\.city, geo\.lat\); on files by needs one column/);
    // A dotted column is one column: by names it as memory's path does.
    expect((await both(nested, nested, { key: 'id', by: 'geo.city' })).groups.map((g) => g.group)).toEqual(['Oslo']);
    await expect(compareEventFiles(good, good, { key: 'ID', by: 'type' })).rejects.toThrow(/key column 'ID' is not in the legacy file .*good\.csv; did you mean 'id'\?/);
    const empty = files('empty.csv');
    writeFileSync(empty, '');
    await expect(compareEventFiles(good, empty, { key: 'id', by: 'type' })).rejects.toThrow(/empty\.csv is empty \(no header, no rows\)/);
    const header = files('header.csv');
    writeFileSync(header, 'id,type,v\n');
    await expect(compareEventFiles(header, good, { key: 'id', by: 'type' })).rejects.toThrow(/legacy file .*header\.csv has no rows: an empty comparison never passes/);
  });
});
