/**
 * A malformed CSV file read through DuckDB names its file and line as loadDataset names them (the
 * expected messages are loadDataset's own): DuckDB's sniffer failed on a ragged file with "Error
 * when sniffing file … It was not possible to automatically detect the CSV parsing dialect", and
 * its reader in words of its own, offering options (strict_mode, null_padding) this API lacks.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { compareOutputFiles, profileFile } from '../../src/duckdb/index.js';
import { compareQueries } from '../../src/index.js';
import { loadDataset } from '../../src/dataset/loadDataset.js';
import { malformedCsv } from '../../src/_internal/duckdbFile.js';

const dir = mkdtempSync(join(tmpdir(), 'vitest-shadow-badcsv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const at = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};
const rows = (bad: string, i0: number) => ['id,u,v', ...Array.from({ length: 30_000 }, (_, i) => (i === i0 ? bad : `${i},u${i % 9},${i % 7}`))].join('\n') + '\n';
const good = at('good.csv', rows('0,u0,0', 0));
const loaderSays = async (file: string, fn: string) => String(await loadDataset(file).then(() => 'loaded', (e: Error) => e.message)).replace(/^loadDataset:/, `${fn}:`);

describe('a ragged or badly quoted CSV record is named by file and line, as loadDataset names it', () => {
  const cases = [
    ['one cell too many, in the sniffer sample', rows('5,u5,1,9', 5)],
    ['one cell short, past 20,480 rows', rows('25000,u0', 25_000)],
    ['a quoted cell never closed, past 20,480 rows', rows('25000,"u0,1', 25_000)],
  ] as const;
  test.each(cases)('%s', async (name, text) => {
    const bad = at(`${name.replaceAll(/\W+/g, '-')}.csv`, text);
    expect(await loaderSays(bad, 'x')).toMatch(/^x: .*:\d+: malformed CSV: /);
    // Each expected message before the call: a rejection left without a handler while the loader
    // reads the file was reported by Vitest as an unhandled error (the run failed, the test passed).
    const says = { profileFile: await loaderSays(bad, 'profileFile'), compareOutputFiles: await loaderSays(bad, 'compareOutputFiles'), compareQueries: await loaderSays(bad, 'compareQueries') };
    await expect(profileFile(bad)).rejects.toThrow(says.profileFile);
    await expect(compareOutputFiles('distribution', bad, good, { key: 'id', value: 'v', maxKs: 0.1 })).rejects.toThrow(says.compareOutputFiles);
    await expect(compareQueries(good, bad, [{ name: 'per user', sql: 'SELECT u, sum(v) AS s FROM data GROUP BY u' }])).rejects.toThrow(says.compareQueries);
  });

  test('a message that names no CSV line is left to the caller', () => {
    expect(malformedCsv('f', 'IO Error: No files found that match the pattern "x.csv"')).toBeUndefined();
    expect(malformedCsv('f', 'Invalid Input Error: CSV Error on Line: 7\nOriginal Line: a;b\nSomething else went wrong\nPossible fixes:\n* x\n\n  file = d/a.csv\n')?.message).toBe(
      'f: d/a.csv:7: malformed CSV: Something else went wrong',
    );
  });
});
