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
import { afterAll, describe, expect, test } from 'vitest';
import { compareEvents } from '../../../src/index.js';
import { compareEventFiles } from '../../../src/duckdb/index.js';
import { close, comparable, diffCase, type DiffCase, type Format } from './_differential.js';
import { writeJsonl, writeParquet } from './_files.js';

const dir = mkdtempSync(join(tmpdir(), 'shadow-diff-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

/** Runs both engines on one case; throws (with both projections) where they differ. */
export async function checkCase(format: Format, c: DiffCase, where = dir): Promise<void> {
  const l = join(where, `l${n}.${format}`);
  const s = join(where, `s${n++}.${format}`);
  if (format === 'jsonl') {
    writeJsonl(l, c.legacy);
    writeJsonl(s, c.shadow);
  } else {
    await writeParquet(l, c.legacy, c.schema[0]);
    await writeParquet(s, c.shadow, c.schema[1]);
  }
  const mem = compareEvents(c.legacy, c.shadow, c.options);
  const files = await compareEventFiles(l, s, c.options);
  expect(comparable(files)).toEqual(comparable(mem));
  for (const f of mem.fields) {
    const g = files.fields.find((x) => x.field === f.field)!;
    if (!f.delta) continue;
    for (const k of ['meanAbs', 'p50Abs', 'p99Abs'] as const) {
      if (!close(f.delta[k], g.delta![k])) throw new Error(`${f.field}.delta.${k}: in memory ${f.delta[k]}, on files ${g.delta![k]}`);
    }
  }
}

describe('compareEventFiles equals compareEvents on the same data (seeded, bounded)', () => {
  for (const [format, seed] of [['jsonl', 1010], ['parquet', 2020]] as const) {
    test(`on ${format} files`, async () => {
      await fc.assert(fc.asyncProperty(diffCase(format, 16), (c) => checkCase(format, c)), { seed, numRuns: 4, endOnFailure: true });
    }, 600_000);
  }
});
