import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, test } from 'vitest';
import { compareEventSources } from '../../src/suite/compareEventSources.js';
import { ShadowDataError, ShadowOptionError } from '../../src/errors.js';
import { clone, makeEvents, pickIndices } from '../_helpers/events.js';
import type { EventReport } from '../../src/events/compareEvents.js';
import type { GroupedReport } from '../../src/groups/types.js';

const dir = mkdtempSync(join(tmpdir(), 'sources-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const jsonl = (rows: object[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

// 600 events; 7 shadow prices changed and 4 shadow events dropped, at seeded positions
const legacy = makeEvents(600, 21).map(({ geo, tags, ...e }) => e);
const shadow = clone(legacy);
const changed = pickIndices(600, 7, 5);
for (const i of changed) shadow[i].price += 1;
const dropped = new Set(pickIndices(600, 4, 6, new Set(changed)));
const shadowKept = shadow.filter((_, i) => !dropped.has(i));
writeFileSync(join(dir, 'legacy.jsonl'), jsonl(legacy));
writeFileSync(join(dir, 'shadow.jsonl.gz'), gzipSync(jsonl(shadowKept)));
writeFileSync(join(dir, 'shadow.jsonl'), jsonl(shadowKept));
writeFileSync(join(dir, 'legacy-a.jsonl'), jsonl(legacy.slice(0, 300)));
writeFileSync(join(dir, 'legacy-b.jsonl'), jsonl(legacy.slice(300)));

describe('compareEventSources', () => {
  test('in memory: counts back the injected faults from files (gzip, a glob of two parts)', async () => {
    const { report, run } = await compareEventSources(join(dir, 'legacy-*.jsonl'), join(dir, 'shadow.jsonl.gz'), { key: 'id' });
    expect(run.engine).toBe('memory');
    expect(run.files.legacy).toHaveLength(2);
    expect(report.counts).toMatchObject({ legacy: 600, shadow: 596, missing: 4, equal: 600 - 4 - 7 });
    expect(report.fields.find((f) => f.field === 'price')?.mismatches).toBe(7);
  });

  test('in DuckDB, asked or above the size limit: the same counts', async () => {
    const mem = (await compareEventSources(join(dir, 'legacy.jsonl'), join(dir, 'shadow.jsonl'), { key: 'id', engine: 'memory' })).report;
    const { report, run } = await compareEventSources(join(dir, 'legacy.jsonl'), join(dir, 'shadow.jsonl'), { key: 'id', duckdbAboveBytes: 0 });
    expect(run.engine).toBe('duckdb');
    expect(report.counts).toMatchObject({ legacy: 600, shadow: 596, missing: 4, equal: 589 });
    expect(report.verdict).toBe(mem.verdict);
    expect(report.rates).toEqual(mem.rates);
  }, 60_000);

  // A glob of part files ran in memory only (one file per side for DuckDB): the nightly data of
  // one event type, written as parts, was loaded whole into the JS heap.
  test('a glob of JSON Lines or CSV parts runs in DuckDB, read whole by compareEventFiles, with the report of memory', async () => {
    const mem = (await compareEventSources(join(dir, 'legacy-*.jsonl'), join(dir, 'shadow.jsonl'), { key: 'id', engine: 'memory' })).report;
    const { report, run } = await compareEventSources(join(dir, 'legacy-*.jsonl'), join(dir, 'shadow.jsonl'), { key: 'id', engine: 'duckdb' });
    expect(run.engine).toBe('duckdb');
    expect(run.files.legacy).toEqual([join(dir, 'legacy-a.jsonl'), join(dir, 'legacy-b.jsonl')]);
    expect(report.counts).toEqual(mem.counts);
    expect(report.fields.map((f) => [f.field, f.mismatches])).toEqual(mem.fields.map((f) => [f.field, f.mismatches]));
    expect((await compareEventSources(join(dir, 'legacy-*.jsonl'), join(dir, 'shadow.jsonl'), { key: 'id', duckdbAboveBytes: 0 })).run.engine).toBe('duckdb');
    // A list of files is no glob DuckDB reads whole: memory, or refused when DuckDB is asked for.
    await expect(compareEventSources([join(dir, 'legacy-a.jsonl'), join(dir, 'legacy-b.jsonl')], join(dir, 'shadow.jsonl'), { key: 'id', engine: 'duckdb' })).rejects.toThrow(/engine 'duckdb' needs one file per side \(or one glob of files\)/);
    // CSV parts: the glob is one table in both engines, as loadDataset reads it: v is text over the
    // parts (x in part 2), so part 1's 1.0 is text against the shadow's number 1. Memory typed each
    // part on its own (1.0 a number, equal to 1), and the glob stayed in memory.
    writeFileSync(join(dir, 'parts-1.csv'), 'id,v\n1,1.0\n');
    writeFileSync(join(dir, 'parts-2.csv'), 'id,v\n2,x\n');
    writeFileSync(join(dir, 'parts-s.csv'), 'id,v\n1,1\n');
    const view = (r: EventReport) => [r.counts, r.fields.map((f) => [f.field, f.mismatches, f.columnTypes]), r.reasons.map((x) => x.code)];
    const options = { key: 'id', maxMissingRate: 1 };
    const csvMem = await compareEventSources(join(dir, 'parts-[12].csv'), join(dir, 'parts-s.csv'), { ...options, engine: 'memory' });
    const csvDuck = await compareEventSources(join(dir, 'parts-[12].csv'), join(dir, 'parts-s.csv'), { ...options, duckdbAboveBytes: 0 });
    expect([csvMem.run.engine, csvDuck.run.engine]).toEqual(['memory', 'duckdb']);
    expect(view(csvDuck.report)).toEqual(view(csvMem.report));
    expect(csvMem.report.fields.find((f) => f.field === 'v')).toMatchObject({ mismatches: 1, columnTypes: { legacy: 'string', shadow: 'number' } });
  }, 60_000);

  // by with files past the size limit went to compareEventFiles, which refused it: the comparison threw.
  test('by: in DuckDB past the size limit (CSV too), the grouped report of memory; as a function, in memory', async () => {
    const options = { key: 'id', by: 'type', overrides: { search: { minMatchRate: 0.5 } } };
    const mem = (await compareEventSources(join(dir, 'legacy.jsonl'), join(dir, 'shadow.jsonl'), { ...options, engine: 'memory' })).report as unknown as GroupedReport<EventReport>;
    const { report, run } = await compareEventSources(join(dir, 'legacy.jsonl'), join(dir, 'shadow.jsonl'), { ...options, duckdbAboveBytes: 0 });
    const grouped = report as unknown as GroupedReport<EventReport>;
    expect(run.engine).toBe('duckdb');
    expect(grouped.groups.map((g) => [g.group, g.verdict, g.rows, g.report.counts])).toEqual(mem.groups.map((g) => [g.group, g.verdict, g.rows, g.report.counts]));
    expect(grouped.groups.length).toBeGreaterThan(1);
    expect(grouped.verdict).toBe(mem.verdict);
    // CSV: each group's columns typed over the whole file, as memory types them (v is text in by-s.csv, so 1.0 and 1 differ in group a).
    writeFileSync(join(dir, 'by-l.csv'), 'id,type,v\n1,a,1.0\n2,b,2\n');
    writeFileSync(join(dir, 'by-s.csv'), 'id,type,v\n1,a,1\n2,b,x\n');
    const csv = await compareEventSources(join(dir, 'by-l.csv'), join(dir, 'by-s.csv'), { ...options, duckdbAboveBytes: 0 });
    expect(csv.run.engine).toBe('duckdb');
    const csvMem = (await compareEventSources(join(dir, 'by-l.csv'), join(dir, 'by-s.csv'), { ...options, engine: 'memory' })).report as unknown as GroupedReport<EventReport>;
    const csvGroups = (csv.report as unknown as GroupedReport<EventReport>).groups;
    expect(csvGroups.map((g) => [g.group, g.verdict, g.report.fields.map((f) => [f.field, f.mismatches, f.columnTypes])])).toEqual(csvMem.groups.map((g) => [g.group, g.verdict, g.report.fields.map((f) => [f.field, f.mismatches, f.columnTypes])]));
    expect(csvGroups.map((g) => [g.group, g.report.fields.find((f) => f.field === 'v')!.mismatches])).toEqual([['a', 1], ['b', 1]]);
    expect((await compareEventSources(join(dir, 'legacy.jsonl'), join(dir, 'shadow.jsonl'), { key: 'id', by: (r: { type: string }) => r.type, duckdbAboveBytes: 0 } as never)).run.engine).toBe('memory');
  }, 60_000);

  test('a missing file or an empty glob is a data error naming it; a bad engine an option error', async () => {
    await expect(compareEventSources(join(dir, 'nope.jsonl'), join(dir, 'shadow.jsonl'), { key: 'id' })).rejects.toThrow(ShadowDataError);
    await expect(compareEventSources(join(dir, 'legacy.jsonl'), join(dir, 'x-*.csv'), { key: 'id' })).rejects.toThrow(/shadow glob '.*x-\*\.csv' matched no file$/);
    await expect(compareEventSources(join(dir, 'legacy.jsonl'), join(dir, 'shadow.jsonl'), { key: 'id', engine: 'spark' as never })).rejects.toThrow(ShadowOptionError);
    await expect(compareEventSources(join(dir, 'legacy.jsonl'), join(dir, 'shadow.jsonl'), { key: (r) => r.id, engine: 'duckdb' })).rejects.toThrow(/engine 'duckdb' needs/);
  });
});

describe('.toApproximatelyMatch given file paths', () => {
  test('passes when the files match', async () => {
    await expect(join(dir, 'legacy-*.jsonl')).toApproximatelyMatch(join(dir, 'legacy.jsonl'), { key: 'id' });
  });

  test('fails with the rendered report when they differ', async () => {
    await expect(expect(join(dir, 'shadow.jsonl.gz')).toApproximatelyMatch(join(dir, 'legacy.jsonl'), { key: 'id' })).rejects.toThrow(
      '589 of 600 legacy events (98.17%) match within tolerance, 100.00% required',
    );
  });
});
