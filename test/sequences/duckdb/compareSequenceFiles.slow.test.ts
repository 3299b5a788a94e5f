/** The file engine against the in-memory one, longer: 30 generated pairs per option set (the bounded run has 3). */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, expect, test } from 'vitest';
import { loadDataset } from '../../../src/dataset/loadDataset.js';
import { compareSequences } from '../../../src/sequences/compareSequences.js';
import { compareSequenceFiles, type CompareSequenceFilesOptions } from '../../../src/sequences/duckdb/compareSequenceFiles.js';
import { csvText, optionSets, pairArb } from './_pairs.js';

const dir = mkdtempSync(join(tmpdir(), 'vitest-shadow-seqfiles-slow-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const jsonl = (rows: readonly object[]) => {
  const path = join(dir, `f${n++}.jsonl`);
  writeFileSync(path, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return path;
};

/** The rows as a CSV file (csvText). */
const csv = (rows: readonly Record<string, unknown>[]) => {
  const path = join(dir, `f${n++}.csv`);
  writeFileSync(path, csvText(rows));
  return path;
};

const formats = [['JSON Lines', 20261208, jsonl], ['CSV', 20261210, csv]] as const;

test.each(formats.flatMap(([format, seed, write]) => optionSets.map((o, i) => [format, i, seed, o, write] as const)))('%s, option set %i, 2 to 8 partitions (30 generated pairs, seed %i)', async (_, __, seed, options, write) => {
  await fc.assert(
    fc.asyncProperty(pairArb, fc.integer({ min: 2, max: 8 }), async ({ legacy, shadow }, parts) => {
      const [lp, sp] = [write(legacy), write(shadow)];
      const expected = compareSequences(await loadDataset(lp), await loadDataset(sp), options);
      const partitionRows = Math.ceil(Math.max(legacy.length, shadow.length) / parts);
      expect(await compareSequenceFiles(lp, sp, { ...(options as object), partitionRows } as never)).toEqual(expected);
    }),
    { seed, numRuns: 30 },
  );
});

test.each(optionSets.map((o, i) => [i, o] as const))('with by type, JSON Lines, option set %i, 2 to 8 partitions (20 generated pairs, seed 20261209)', async (_, options) => {
  // Every 9th event of a side moves to a type of that side's own; every 13th loses its type.
  const regroup = (rows: readonly Record<string, unknown>[], side: string) =>
    rows.map((r, i) => (i % 9 === 4 ? { ...r, type: `${side} only` } : i % 13 === 6 ? { ...r, type: null } : r));
  await fc.assert(
    fc.asyncProperty(pairArb, fc.integer({ min: 2, max: 8 }), async ({ legacy, shadow }, parts) => {
      const [lp, sp] = [jsonl(regroup(legacy, 'legacy')), jsonl(regroup(shadow, 'shadow'))];
      const o = { ...(options as object), by: 'type', overrides: { save: { maxExamples: 1 } } };
      const expected = compareSequences(await loadDataset(lp), await loadDataset(sp), o as never);
      const partitionRows = Math.ceil(Math.max(legacy.length, shadow.length) / parts);
      expect(await compareSequenceFiles(lp, sp, { ...o, partitionRows } as never)).toEqual(expected);
    }),
    { seed: 20261209, numRuns: 20 },
  );
});

