/**
 * The differential property of differential.test.ts, run longer (npm run test:differential or
 * npm run test:slow): more cases, more events per case, other seeds.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, test } from 'vitest';
import { checkCase, checkCsvCase, checkGroupedCase, checkGroupedCsvCase, diffCase } from './_differential.js';

const dir = mkdtempSync(join(tmpdir(), 'shadow-diff-slow-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const runs = Number(process.env.SHADOW_DIFF_RUNS ?? 150);

describe('compareEventFiles equals compareEvents on the same data (long run)', () => {
  for (const [format, seed] of [['jsonl', 77], ['parquet', 78]] as const) {
    test(`on ${format} files, ${runs} cases of up to 40 events`, async () => {
      await fc.assert(fc.asyncProperty(diffCase(format, 40), (c) => checkCase(format, c, dir)), { seed, numRuns: runs, endOnFailure: true });
    }, 3_600_000);
  }
  test(`on csv files, ${runs} cases of up to 40 events`, async () => {
    await fc.assert(fc.asyncProperty(diffCase('jsonl', 40), (c) => checkCsvCase(c, dir)), { seed: 79, numRuns: runs, endOnFailure: true });
  }, 3_600_000);
  for (const [format, seed] of [['jsonl', 81], ['parquet', 82]] as const) {
    test(`on globs of ${format} part files, ${runs} cases of up to 40 events`, async () => {
      await fc.assert(fc.asyncProperty(diffCase(format, 40), (c) => checkCase(format, c, dir, 3)), { seed, numRuns: runs, endOnFailure: true });
    }, 3_600_000);
  }
  test(`on globs of csv part files, ${runs} cases of up to 40 events`, async () => {
    await fc.assert(fc.asyncProperty(diffCase('jsonl', 40), (c) => checkCsvCase(c, dir, 3)), { seed: 80, numRuns: runs, endOnFailure: true });
  }, 3_600_000);
  // by on files (compareEventFiles with by against compareEvents with by): a third of the cases, each runs a comparison per group.
  const grouped = Math.max(1, Math.round(runs / 3));
  for (const [format, seed] of [['jsonl', 83], ['parquet', 84]] as const) {
    test(`with by, on ${format} files, ${grouped} cases of up to 40 events`, async () => {
      await fc.assert(fc.asyncProperty(diffCase(format, 40), (c) => checkGroupedCase(format, c, dir)), { seed, numRuns: grouped, endOnFailure: true });
    }, 3_600_000);
  }
  test(`with by, on csv files and globs of csv part files, ${grouped} cases of up to 40 events each`, async () => {
    await fc.assert(fc.asyncProperty(diffCase('jsonl', 40), (c) => checkGroupedCsvCase(c, dir)), { seed: 85, numRuns: grouped, endOnFailure: true });
    await fc.assert(fc.asyncProperty(diffCase('jsonl', 40), (c) => checkGroupedCsvCase(c, dir, 3)), { seed: 86, numRuns: grouped, endOnFailure: true });
  }, 3_600_000);
});
