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
import { optionSets, pairArb } from './_pairs.js';
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

  // by was refused ("unknown option 'by'; did you mean 'id'?"): mixed event files needed splitting by hand.
  test.each(optionSets.map((o, i) => [i, o] as const))('with by type, JSON Lines and Parquet, option set %i: the grouped report of compareSequences (3 generated pairs, seed 20261208)', async (_, options) => {
    // Every 9th event of a side moves to a type of that side's own; every 13th loses its type.
    const regroup = (rows: readonly Record<string, unknown>[], side: string) =>
      rows.map((r, i) => (i % 9 === 4 ? { ...r, type: `${side} only` } : i % 13 === 6 ? { ...r, type: null } : r));
    await fc.assert(
      fc.asyncProperty(pairArb, async ({ legacy, shadow }) => {
        const o = { ...(options as object), by: 'type', overrides: { click: { maxExamples: 1 } } } as unknown as CompareSequenceFilesOptions & GroupOptions<CompareSequenceFilesOptions>;
        const partitionRows = Math.ceil(legacy.length / 3);
        const lj = jsonl(regroup(legacy, 'legacy'));
        const sj = jsonl(regroup(shadow, 'shadow'));
        for (const [lp, sp] of [[lj, sj], [await parquetOf(lj), await parquetOf(sj)]]) {
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

  test('a missing file, a glob matching nothing, an absent entity column, a CSV file and a function entity fail naming them', async () => {
    const g = good();
    const err = async (p: Promise<unknown>) => {
      const e = await p.catch((x: unknown) => x);
      expect(e).toBeInstanceOf(ShadowOptionError);
      return (e as Error).message.replaceAll(dir, '<dir>');
    };
    expect(await err(compareSequenceFiles(join(dir, 'nope.parquet'), g, { entity: 'entity', orderBy: 'ts' }))).toMatch(/^compareSequenceFiles: cannot read legacy file <dir>\/nope\.parquet: /);
    expect(await err(compareSequenceFiles(g, join(dir, 'none-*.jsonl'), { entity: 'entity', orderBy: 'ts' }))).toMatch(/^compareSequenceFiles: cannot read shadow file <dir>\/none-\*\.jsonl: .*No files found/);
    expect(await err(compareSequenceFiles(g, g, { entity: 'user', orderBy: 'ts' }))).toMatchInlineSnapshot(`"compareSequenceFiles: entity field 'user' is absent from every row of legacy file <dir>/f${n - 1}.jsonl"`);
    expect(await err(compareSequenceFiles('a.csv', g, { entity: 'entity', orderBy: 'ts' }))).toMatchInlineSnapshot(`"compareSequenceFiles: legacy file a.csv is CSV, whose inferred types would differ from loadDataset's; convert it to Parquet or JSON Lines, or use compareSequences on loadDataset rows"`);
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
