/** The file engine against the in-memory one, longer: 30 generated pairs per option set (the bounded run has 3). */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, expect, test } from 'vitest';
import { loadDataset } from '../../../src/dataset/loadDataset.js';
import { compareSequences } from '../../../src/sequences/compareSequences.js';
import { compareSequenceFiles } from '../../../src/sequences/duckdb/compareSequenceFiles.js';
import { optionSets, pairArb } from './_pairs.js';

const dir = mkdtempSync(join(tmpdir(), 'vitest-shadow-seqfiles-slow-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const jsonl = (rows: readonly object[]) => {
  const path = join(dir, `f${n++}.jsonl`);
  writeFileSync(path, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return path;
};

test.each(optionSets.map((o, i) => [i, o] as const))('JSON Lines, option set %i, 2 to 8 partitions (30 generated pairs, seed 20261208)', async (_, options) => {
  await fc.assert(
    fc.asyncProperty(pairArb, fc.integer({ min: 2, max: 8 }), async ({ legacy, shadow }, parts) => {
      const [lp, sp] = [jsonl(legacy), jsonl(shadow)];
      const expected = compareSequences(await loadDataset(lp), await loadDataset(sp), options);
      const partitionRows = Math.ceil(Math.max(legacy.length, shadow.length) / parts);
      expect(await compareSequenceFiles(lp, sp, { ...(options as object), partitionRows } as never)).toEqual(expected);
    }),
    { seed: 20261208, numRuns: 30 },
  );
});
