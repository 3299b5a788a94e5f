/**
 * The file engine against the in-memory one: on generated legacy/shadow outputs (src/arbitraries:
 * eventStream with shadowPair faults), written as JSON Lines and Parquet, compareSequenceFiles
 * gives exactly the report of compareSequences on the same files loaded with loadDataset, with
 * the entities split over several partitions (partitionRows far below the row count).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { eventStream } from '../../../src/arbitraries/eventStream.js';
import { shadowPair } from '../../../src/arbitraries/shadowPair.js';
import { csvText, optionSets, pairArb } from './_pairs.js';
import { loadDataset } from '../../../src/dataset/loadDataset.js';
import { compareSequences, type CompareSequencesOptions, type SequenceReport } from '../../../src/sequences/compareSequences.js';
import type { GroupOptions, GroupedReport } from '../../../src/groups/types.js';
import { compareSequenceFiles, type CompareSequenceFilesOptions } from '../../../src/sequences/duckdb/compareSequenceFiles.js';
import { ShadowDataError, ShadowOptionError } from '../../../src/_internal/options.js';

const dir = mkdtempSync(join(tmpdir(), 'vitest-shadow-seqfiles-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const jsonl = (rows: readonly object[]) => {
  const path = join(dir, `f${n++}.jsonl`);
  writeFileSync(path, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return path;
};

/** The rows as a CSV file (the union of their keys as the header, an absent or null value an empty cell), or as a glob of `parts` part files. */
const csv = (rows: readonly Record<string, unknown>[], parts = 0) => {
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const text = (rs: readonly Record<string, unknown>[]) => csvText(rs, cols);
  if (parts === 0) {
    const path = join(dir, `f${n++}.csv`);
    writeFileSync(path, text(rows));
    return path;
  }
  const sub = mkdtempSync(join(dir, 'csv-parts-'));
  const size = Math.ceil(rows.length / parts);
  for (let i = 0; i < parts; i++) writeFileSync(join(sub, `part-${i}.csv`), text(rows.slice(i * size, (i + 1) * size)));
  return join(sub, 'part-*.csv');
};

let db: DuckDBInstance;
beforeAll(async () => {
  db = await DuckDBInstance.create(':memory:');
});
/** The same rows as Parquet, typed by DuckDB's JSON reader (ts BIGINT, value DOUBLE, strings VARCHAR). */
async function parquetOf(jsonlPath: string): Promise<string> {
  const path = jsonlPath.replace(/\.jsonl$/, '.parquet');
  const c = await db.connect();
  await c.run(`COPY (SELECT * FROM read_json('${jsonlPath}', columns = {id: 'VARCHAR', entity: 'VARCHAR', type: 'VARCHAR', ts: 'BIGINT', value: 'DOUBLE', label: 'VARCHAR'})) TO '${path}' (FORMAT parquet)`);
  c.closeSync();
  return path;
}

describe('compareSequenceFiles equals compareSequences on the loaded files', () => {
  test.each(optionSets.map((o, i) => [i, o] as const))('JSON Lines, option set %i, 4 partitions (3 generated pairs, seed 20261206; 30 in the slow run)', async (_, options) => {
    await fc.assert(
      fc.asyncProperty(pairArb, async ({ legacy, shadow }) => {
        const [lp, sp] = [jsonl(legacy), jsonl(shadow)];
        const expected = compareSequences(await loadDataset(lp), await loadDataset(sp), options);
        const partitionRows = Math.ceil(Math.max(legacy.length, shadow.length) / 4);
        const got = await compareSequenceFiles(lp, sp, { ...(options as object), partitionRows } as CompareSequenceFilesOptions);
        expect(got).toEqual(expected);
      }),
      { seed: 20261206, numRuns: 3 },
    );
  });

  test('Parquet, 3 partitions (4 generated pairs, seed 20261207)', async () => {
    await fc.assert(
      fc.asyncProperty(pairArb, async ({ legacy, shadow }) => {
        const [lp, sp] = [await parquetOf(jsonl(legacy)), await parquetOf(jsonl(shadow))];
        const options = optionSets[0];
        const expected = compareSequences(await loadDataset(lp), await loadDataset(sp), options);
        const got = await compareSequenceFiles(lp, sp, { ...(options as object), partitionRows: Math.ceil(legacy.length / 3) } as CompareSequenceFilesOptions);
        expect(got).toEqual(expected);
        expect(got.counts.entities).toBeGreaterThan(0);
      }),
      { seed: 20261207, numRuns: 4 },
    );
  });

  // CSV was refused ("whose inferred types would differ from loadDataset's"): a nightly CSV output had to be converted first.
  test.each(optionSets.map((o, i) => [i, o] as const))('CSV files and globs of CSV parts, option set %i, 3 partitions: the report of compareSequences on loadDataset\'s rows (3 generated pairs, seed 20261209)', async (_, options) => {
    await fc.assert(
      fc.asyncProperty(pairArb, async ({ legacy, shadow }) => {
        const partitionRows = Math.ceil(Math.max(legacy.length, shadow.length) / 3);
        for (const parts of [0, 2]) {
          const [lp, sp] = [csv(legacy, parts), csv(shadow, parts)];
          const expected = compareSequences(await loadDataset(lp), await loadDataset(sp), options);
          const got = await compareSequenceFiles(lp, sp, { ...(options as object), partitionRows } as CompareSequenceFilesOptions);
          expect(got).toEqual(expected);
        }
      }),
      { seed: 20261209, numRuns: 3 },
    );
  });

  test('CSV: a column is typed over the whole file as loadDataset types it, with by too; a dotted header is a nested field', async () => {
    // entity is a number column in a.csv (1.0 and 1 are one entity) and text in b.csv (one n/a):
    // there u1.0 and 1 are two. geo.city is the field geo.city of a nested object, as loadDataset reads it.
    const a = join(dir, 'typed-a.csv');
    const b = join(dir, 'typed-b.csv');
    writeFileSync(a, 'id,entity,ts,geo.city,V,v\ne1,1.0,1,Oslo,1,x\ne2,1,2,Rome,2,y\ne3,2,3,Oslo,3,z\n');
    writeFileSync(b, 'id,entity,ts,geo.city\ne1,1.0,1,Oslo\ne2,1,2,Rome\ne3,2,3,Lyon\ne4,n/a,4,Oslo\n');
    const options = { entity: 'entity', orderBy: 'ts', id: 'id' } as const;
    for (const [l, s] of [[a, a], [b, b], [a, b]]) {
      const expected = compareSequences(await loadDataset(l), await loadDataset(s), options);
      expect(await compareSequenceFiles(l, s, { ...options, partitionRows: 2 })).toEqual(expected);
    }
    expect((await compareSequenceFiles(a, a, { ...options, partitionRows: 2 })).counts.entities).toBe(2);
    expect((await compareSequenceFiles(b, b, { ...options, partitionRows: 2 })).counts.entities).toBe(4);
    // Two headers differing only in case are two fields, as loadDataset reads them (DuckDB renames the second): a report naming v, not v_1.
    expect((await loadDataset(a))[0]).toEqual({ id: 'e1', entity: 1, ts: 1, geo: { city: 'Oslo' }, V: 1, v: 'x' });
    const a2 = join(dir, 'typed-a2.csv');
    writeFileSync(a2, 'id,entity,ts,geo.city,V,v\ne1,1.0,1,Oslo,1,q\ne2,1,2,Rome,2,y\ne3,2,3,Oslo,3,z\n');
    const cased = await compareSequenceFiles(a, a2, { ...options, partitionRows: 2 });
    expect(cased).toEqual(compareSequences(await loadDataset(a), await loadDataset(a2), options));
    expect(JSON.stringify(cased)).toMatch(/"v"/);
    // by on the dotted column: in b.csv Lyon's group holds the text entity n/a's side of the file's types (entity text in every group).
    const byCity = { ...options, by: 'geo.city' } as const;
    for (const [l, s] of [[a, b], [b, b]]) {
      const expected = compareSequences(await loadDataset(l), await loadDataset(s), byCity as never) as unknown as GroupedReport<SequenceReport>;
      expect(await compareSequenceFiles(l, s, { ...byCity, partitionRows: 2 })).toEqual(expected);
    }
    const grouped = await compareSequenceFiles(b, b, { ...byCity, partitionRows: 2 });
    expect(grouped.groups.map((g) => [g.group, g.report.counts.entities])).toEqual([['Lyon', 1], ['Oslo', 2], ['Rome', 1]]);
  });

  // by was refused ("unknown option 'by'; did you mean 'id'?"): mixed event files needed splitting by hand.
  test.each(optionSets.map((o, i) => [i, o] as const))('with by type, JSON Lines, Parquet and CSV, option set %i: the grouped report of compareSequences (3 generated pairs, seed 20261208)', async (_, options) => {
    // Every 9th event of a side moves to a type of that side's own; every 13th loses its type.
    const regroup = (rows: readonly Record<string, unknown>[], side: string) =>
      rows.map((r, i) => (i % 9 === 4 ? { ...r, type: `${side} only` } : i % 13 === 6 ? { ...r, type: null } : r));
    await fc.assert(
      fc.asyncProperty(pairArb, async ({ legacy, shadow }) => {
        const o = { ...(options as object), by: 'type', overrides: { click: { maxExamples: 1 } } } as unknown as CompareSequenceFilesOptions & GroupOptions<CompareSequenceFilesOptions>;
        const partitionRows = Math.ceil(legacy.length / 3);
        const lj = jsonl(regroup(legacy, 'legacy'));
        const sj = jsonl(regroup(shadow, 'shadow'));
        // CSV: each group's columns typed over the whole side, as loadDataset types them (by on CSV was refused).
        const csvPair = [csv(regroup(legacy, 'legacy')), csv(regroup(shadow, 'shadow'))];
        for (const [lp, sp] of [[lj, sj], [await parquetOf(lj), await parquetOf(sj)], csvPair]) {
          const expected = compareSequences(await loadDataset(lp), await loadDataset(sp), o as never) as unknown as GroupedReport<SequenceReport>;
          const got = await compareSequenceFiles(lp, sp, { ...o, partitionRows });
          expect(got).toEqual(expected);
          expect(got.groups.map((g) => g.group)).toEqual(expect.arrayContaining(['legacy only', 'shadow only', '(none)']));
        }
      }),
      { seed: 20261208, numRuns: 3 },
    );
  });

  test('a differing report stays equal when entities and examples spread over many partitions', async () => {
    const [{ legacy, shadow }] = fc.sample(
      shadowPair({ base: eventStream({ minLength: 400, maxLength: 400, entities: 60 }), perturbations: [{ kind: 'swapNeighbours', magnitude: 0.2 }, { kind: 'drop', magnitude: 0.05 }] }),
      { seed: 5, numRuns: 1 },
    );
    const [lp, sp] = [jsonl(legacy), jsonl(shadow)];
    const options: CompareSequencesOptions = { entity: 'entity', orderBy: 'ts', id: 'id', maxExamples: 3 };
    const expected = compareSequences(await loadDataset(lp), await loadDataset(sp), options);
    expect(expected.verdict).toBe('fail');
    expect(expected.examples.length).toBeGreaterThan(0);
    const got = await compareSequenceFiles(lp, sp, { ...options, entity: 'entity', partitionRows: 40 });
    expect(got).toEqual(expected);
  });
});

describe('bad input', () => {
  const good = () => jsonl([{ entity: 'u1', ts: 1, id: 'a' }]);

  test('a missing file, a glob matching nothing, an absent entity column, a malformed CSV record and a function entity fail naming them', async () => {
    const g = good();
    const err = async (p: Promise<unknown>) => {
      const e = await p.catch((x: unknown) => x);
      expect(e).toBeInstanceOf(ShadowOptionError);
      return (e as Error).message.replaceAll(dir, '<dir>');
    };
    expect(await err(compareSequenceFiles(join(dir, 'nope.parquet'), g, { entity: 'entity', orderBy: 'ts' }))).toMatch(/^compareSequenceFiles: cannot read legacy file <dir>\/nope\.parquet: /);
    expect(await err(compareSequenceFiles(g, join(dir, 'none-*.jsonl'), { entity: 'entity', orderBy: 'ts' }))).toMatch(/^compareSequenceFiles: cannot read shadow file <dir>\/none-\*\.jsonl: .*No files found/);
    expect(await err(compareSequenceFiles(g, g, { entity: 'user', orderBy: 'ts' }))).toMatchInlineSnapshot(`"compareSequenceFiles: entity field 'user' is absent from every row of legacy file <dir>/f${n - 1}.jsonl"`);
    const ragged = join(dir, 'ragged.csv');
    writeFileSync(ragged, 'entity,ts,id\nu,1,a\nu,2,b,x\n');
    const e = await compareSequenceFiles(ragged, g, { entity: 'entity', orderBy: 'ts' }).catch((x: unknown) => x as Error);
    expect(e).toBeInstanceOf(ShadowDataError);
    expect((e as Error).message.replaceAll(dir, '<dir>')).toMatch(/^compareSequenceFiles: <dir>\/ragged\.csv:3: /);
    const c = csv([{ entity: 'u', ts: 1, id: 'a' }]);
    expect(await err(compareSequenceFiles(c, g, { entity: 'user', orderBy: 'ts' }))).toMatch(/^compareSequenceFiles: entity column 'user' is absent from legacy file <dir>\/f\d+\.csv; columns are entity, ts, id$/);
    expect(await err(compareSequenceFiles(c, c, { entity: 'entity', orderBy: 'time' }))).toMatch(/^compareSequenceFiles: orderBy column 'time' is absent from legacy file <dir>\/f\d+\.csv; columns are entity, ts, id$/);
    const nested = join(dir, 'nested.csv');
    writeFileSync(nested, 'entity,ts,geo.city,geo.lat\nu,1,Oslo,59.9\n');
    await expect(compareSequenceFiles(nested, nested, { entity: 'entity', orderBy: 'ts', by: 'geo' } as never)).rejects.toThrow(/by 'geo' names an object of .*nested\.csv \(its columns geo\.city, geo\.lat\); on files by needs one column/);
    const empty = join(dir, 'empty.csv');
    writeFileSync(empty, '');
    await expect(compareSequenceFiles(empty, c, { entity: 'entity', orderBy: 'ts' })).rejects.toThrow(/legacy file .*empty\.csv is empty \(no header, no rows\): an empty comparison never passes/);
    expect(await err(compareSequenceFiles(g, g, { entity: ((r: { entity: string }) => r.entity) as never, orderBy: 'ts' }))).toMatchInlineSnapshot(`"compareSequenceFiles: entity must be a column path or an array of paths (the SQL engine partitions on it), got a function; a function needs compareSequences on loaded rows"`);
    expect(await err(compareSequenceFiles(g, g, { entity: 'entity', orderBy: 'ts', partitionRows: 0 }))).toMatchInlineSnapshot(`"compareSequenceFiles: partitionRows must be an integer >= 1, got 0"`);
  });

  test('an absent Parquet entity column names the file and lists its columns', async () => {
    const p = await parquetOf(jsonl([{ id: 'a', entity: 'u', type: 't', ts: 1, value: 1, label: 'x' }]));
    const e = await compareSequenceFiles(p, p, { entity: 'user', orderBy: 'ts' }).catch((x: unknown) => x as Error);
    expect((e as Error).message.replaceAll(dir, '<dir>')).toMatch(/^compareSequenceFiles: entity column 'user' is absent from legacy file <dir>\/f\d+\.parquet; columns are id, entity, type, ts, value, label$/);
  });

  test('an orderBy column absent from a file names the file and the column', async () => {
    const g = good();
    const e = await compareSequenceFiles(g, g, { entity: 'entity', orderBy: 'time' }).catch((x: unknown) => x as Error);
    expect(e).toBeInstanceOf(ShadowOptionError);
    expect((e as Error).message.replaceAll(dir, '<dir>')).toMatch(/^compareSequenceFiles: orderBy field 'time' is absent from every row of legacy file <dir>\/f\d+\.jsonl$/);
    const p = await parquetOf(jsonl([{ id: 'a', entity: 'u', type: 't', ts: 1, value: 1, label: 'x' }]));
    const e2 = await compareSequenceFiles(p, p, { entity: 'entity', orderBy: ['ts', 'seq'] }).catch((x: unknown) => x as Error);
    expect((e2 as Error).message.replaceAll(dir, '<dir>')).toMatch(/^compareSequenceFiles: orderBy column 'seq' is absent from legacy file <dir>\/f\d+\.parquet; columns are id, entity, type, ts, value, label$/);
  });

  // The bad line sits at line 3 (of 4) in each file; DuckDB's reader named line 4, or a row of a partition.
  const bad = {
    'malformed JSON': '{"entity": "u", ts: 3, "id": "c"}',
    'a truncated line': '{"entity": "u", "ts": 3',
    'an array line': '["u", 3]',
    'a null line': 'null',
  };
  test.each(Object.entries(bad))('%s names the file and its line, as loadDataset does, on 1 and on 2 partitions, in a glob', async (_, line) => {
    const text = [{ entity: 'u', ts: 1, id: 'a' }, { entity: 'v', ts: 2, id: 'b' }].map((r) => JSON.stringify(r)).concat(line, JSON.stringify({ entity: 'u', ts: 4, id: 'd' })).join('\n') + '\n';
    const sub = mkdtempSync(join(dir, 'bad-'));
    const file = join(sub, 'part-2.jsonl');
    writeFileSync(file, text);
    writeFileSync(join(sub, 'part-1.jsonl'), JSON.stringify({ entity: 'w', ts: 0, id: 'z' }) + '\n');
    const expected = await loadDataset(file).catch((x: unknown) => x as Error);
    expect((expected as Error).message).toMatch(/:3: /);
    const g = good();
    for (const [legacy, shadow, partitionRows] of [[file, g, 1_000_000], [g, file, 2], [join(sub, '*.jsonl'), g, 1_000_000]] as const) {
      const e = await compareSequenceFiles(legacy, shadow, { entity: 'entity', orderBy: 'ts', id: 'id', partitionRows }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(ShadowDataError);
      expect((e as Error).message).toBe((expected as Error).message.replace(/^loadDataset:/, 'compareSequenceFiles:'));
    }
  });

  test('empty files never pass', async () => {
    const empty = join(dir, 'empty.jsonl');
    writeFileSync(empty, '');
    const r = await compareSequenceFiles(empty, empty, { entity: 'entity', orderBy: 'ts' });
    expect(r.verdict).toBe('fail');
    expect(r.reasons.map((x) => x.code)).toEqual(['EMPTY_LEGACY', 'EMPTY_SHADOW']);
  });
});
