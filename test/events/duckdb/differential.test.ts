/**
 * Differential property (issue 10), bounded for npm test: compareEventFiles on JSON Lines and on
 * Parquet gives the report compareEvents gives on the rows those files hold. The longer run is
 * differential.slow.test.ts (npm run test:differential). See _differential.ts for the data and
 * what each format cannot hold.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, test } from 'vitest';
import { checkCase, checkCsvCase, diffCase } from './_differential.js';

const dir = mkdtempSync(join(tmpdir(), 'shadow-diff-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('compareEventFiles equals compareEvents on the same data (seeded, bounded)', () => {
  for (const [format, seed] of [['parquet', 2020], ['jsonl', 1010]] as const) {
    test(`on ${format} files`, async () => {
      await fc.assert(fc.asyncProperty(diffCase(format, 16), (c) => checkCase(format, c, dir)), { seed, numRuns: 8, endOnFailure: true });
    }, 120_000);
  }
  test('on CSV files', async () => {
    await fc.assert(fc.asyncProperty(diffCase('jsonl', 16), (c) => checkCsvCase(c, dir)), { seed: 3030, numRuns: 8, endOnFailure: true });
  }, 120_000);
  for (const [format, seed] of [['parquet', 2021], ['jsonl', 1011]] as const) {
    test(`on globs of ${format} part files (each side split into 2 and 3 files)`, async () => {
      await fc.assert(fc.asyncProperty(diffCase(format, 16), (c) => checkCase(format, c, dir, 2)), { seed, numRuns: 6, endOnFailure: true });
    }, 120_000);
  }
  test('on globs of CSV part files (each side split into 2 and 3 files), against the whole files in memory', async () => {
    await fc.assert(fc.asyncProperty(diffCase('jsonl', 16), (c) => checkCsvCase(c, dir, 2)), { seed: 3031, numRuns: 8, endOnFailure: true });
  }, 120_000);
});
