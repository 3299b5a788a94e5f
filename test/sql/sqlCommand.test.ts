/** `vitest-shadow sql`, run in-process: the printed plan runs in DuckDB and counts what the file holds. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, expect, test } from 'vitest';
import { runCli } from '../../src/cli/runCli.js';

const dir = mkdtempSync(join(tmpdir(), 'vitest-shadow-sqlcmd-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { stdout: (s) => void (out += s), stderr: (s) => void (err += s), cwd: dir });
  return { code, out, err };
}

test('prints a DuckDB plan that counts 1 changed price among 3 matched rows and 1 missing', async () => {
  writeFileSync(join(dir, 'cmp.json'), JSON.stringify({ key: 'id', fields: { price: { abs: 0.01 } } }));
  const r = await cli(['sql', 'cmp.json', '--dialect', 'duckdb', '--legacy', "(SELECT * FROM (VALUES (1, 1.0), (2, 2.0), (3, 3.0), (4, 4.0)) v(id, price))", '--shadow', "(SELECT * FROM (VALUES (1, 1.0), (2, 2.5), (3, 3.001)) v(id, price))"]);
  expect(r.code).toBe(0);
  const [counts] = r.out.split(';\n\n');
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  const [row] = (await c.runAndReadAll(counts.replace(/^--.*\n/, ''))).getRowObjectsJS();
  expect(Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]))).toMatchObject({ legacy_rows: 4, shadow_rows: 3, matched: 3, missing: 1, extra: 0, equal: 2, mismatches_price: 1 });
  c.closeSync();
});

test('a bad dialect is a usage error (exit 2)', async () => {
  writeFileSync(join(dir, 'cmp.json'), JSON.stringify({ key: 'id', fields: { price: 'exact' } }));
  const r = await cli(['sql', 'cmp.json', '--dialect', 'postgres']);
  expect(r.code).toBe(2);
  expect(r.err).toContain('--dialect must be duckdb, spark or trino, got "postgres"');
});
