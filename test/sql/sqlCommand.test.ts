/** `vitest-shadow sql`, run in-process: the printed plans (events, sequences) run in DuckDB and count what the relations hold; --counts reads the row back as a Report that record files. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, expect, test } from 'vitest';
import { runCli } from '../../src/cli/runCli.js';
import { readHistory } from '../../src/history/readHistory.js';

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

test('a sequence comparison: the printed plan runs in DuckDB, --counts turns its row into a Report, and record files it under sequences', async () => {
  // legacy: a = e1, e2, e3 and b = e4; shadow: a = e1, e3, e2 (e2 and e3 swap times), b = e4, c = e5 (an extra user)
  const legacy = "(SELECT * FROM (VALUES ('a', 'e1', 1, 1.0), ('a', 'e2', 2, 2.0), ('a', 'e3', 3, 3.0), ('b', 'e4', 1, 4.0)) v(u, id, ts, price))";
  const shadow = "(SELECT * FROM (VALUES ('a', 'e1', 1, 1.0), ('a', 'e3', 2, 3.0), ('a', 'e2', 3, 2.0), ('b', 'e4', 1, 4.0), ('c', 'e5', 1, 5.0)) v(u, id, ts, price))";
  writeFileSync(join(dir, 'seq.json'), JSON.stringify({ entity: 'u', orderBy: 'ts', id: 'id', fields: { price: { abs: 0.01 } }, label: 'clicks' }));
  const r = await cli(['sql', 'seq.json', '--dialect', 'duckdb', '--legacy', legacy, '--shadow', shadow]);
  expect(r.code).toBe(0);
  expect(r.out.split('\n').slice(0, 3).join('\n')).toMatchInlineSnapshot(`
    "-- vitest-shadow sequence comparison plan (duckdb): counts, classes and per-field mismatches, one row
    -- not computed in SQL (run compareSequenceFiles for these):
    --   metrics.meanEditDistance: the Levenshtein distance is a dynamic programme over the two sequences of each entity, which SQL cannot express without recursion"
  `);
  const [counts] = r.out.split(';\n\n');
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  const [row] = (await c.runAndReadAll(counts)).getRowObjectsJS();
  c.closeSync();
  const plain = Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
  expect(plain).toMatchObject({ entities: 3, exact: 1, differing: 2, extra_entities: 1, class_reordered_entities: 1, kendall_entities: 1 });
  writeFileSync(join(dir, 'row.json'), JSON.stringify([plain]));
  const rep = await cli(['sql', 'seq.json', '--dialect', 'duckdb', '--counts', 'row.json']);
  expect(rep.code).toBe(0);
  const report = JSON.parse(rep.out);
  expect(report).toMatchObject({ kind: 'sql-sequences', verdict: 'fail', label: 'clicks', metrics: { exactRate: 1 / 3, kendallTau: 1 - (4 * 1) / (3 * 2), meanEditDistance: null } });
  expect(report.reasons.map((x: { code: string }) => x.code)).toEqual(['EXACT_RATE_BELOW_MIN', 'EXTRA_ENTITY_RATE_ABOVE_MAX', 'NOT_COMPUTED_IN_SQL']);
  writeFileSync(join(dir, 'report.json'), rep.out);
  // No --tier: a sql-sequences report files under sequences by its kind.
  const rec = await cli(['record', 'report.json', '--history', 'h', '--run-id', 'r1']);
  expect(rec.err).toBe('');
  expect(rec.out).toBe('recorded 1 record (clicks) into h\n');
  const { records } = await readHistory(join(dir, 'h'));
  expect(records.map((x) => [x.eventType, x.tier, x.verdict])).toEqual([['clicks', 'sequences', 'fail']]);
});

test('--counts with a row lacking a count is a data error naming it (exit 2)', async () => {
  writeFileSync(join(dir, 'seq.json'), JSON.stringify({ entity: 'u', orderBy: 'ts', id: 'id' }));
  writeFileSync(join(dir, 'bad.json'), JSON.stringify({ legacy_rows: 3 }));
  const r = await cli(['sql', 'seq.json', '--dialect', 'trino', '--counts', 'bad.json']);
  expect(r.code).toBe(2);
  expect(r.err).toContain("reportFromSqlSequenceCounts: the counts row has no count 'legacy_missing_entity' (got undefined)");
});

test('an event comparison with --counts: the thresholds in the file decide the Report', async () => {
  // The counts of the first test (4 legacy rows, 3 shadow, 3 matched, 1 missing, 2 equal, 1 price mismatch), as a driver exports them.
  const row = { legacy_rows: '4', shadow_rows: '3', legacy_missing_key: 0, shadow_missing_key: 0, legacy_duplicate_keys: 0, shadow_duplicate_keys: 0, matched: 3, missing: 1, extra: 0, equal: 2, mismatches_price: 1 };
  writeFileSync(join(dir, 'evrow.json'), JSON.stringify([row]));
  writeFileSync(join(dir, 'ev.json'), JSON.stringify({ key: 'id', fields: { price: { abs: 0.01 } }, thresholds: { minMatchRate: 0.5, maxMissingRate: 0.3, label: 'orders' } }));
  const pass = await cli(['sql', 'ev.json', '--dialect', 'spark', '--counts', 'evrow.json']);
  expect(pass.code).toBe(0);
  expect(JSON.parse(pass.out)).toMatchObject({ kind: 'sql-counts', verdict: 'pass', label: 'orders', rates: { match: 0.5, missing: 0.25, extra: 0 } });
  writeFileSync(join(dir, 'ev.json'), JSON.stringify({ key: 'id', fields: { price: { abs: 0.01 } }, thresholds: { minMatchRate: 0.5 } }));
  const fail = await cli(['sql', 'ev.json', '--dialect', 'spark', '--counts', 'evrow.json']);
  expect(JSON.parse(fail.out).reasons.filter((r: { severity: string }) => r.severity === 'fail').map((r: { code: string }) => r.code)).toEqual(['MISSING_RATE_ABOVE_MAX']);
});

test('--counts refuses a row the plan cannot have produced, naming the broken relation (exit 2)', async () => {
  writeFileSync(join(dir, 'ev.json'), JSON.stringify({ key: 'id', fields: { price: { abs: 0.01 } } }));
  // The consistent row of the test above, then one relation broken at a time.
  const good = { legacy_rows: 4, shadow_rows: 3, legacy_missing_key: 0, shadow_missing_key: 0, legacy_duplicate_keys: 0, shadow_duplicate_keys: 0, matched: 3, missing: 1, extra: 0, equal: 2, mismatches_price: 1 };
  const cases: [Record<string, number>, string][] = [
    [{ equal: 10 }, 'equal 10 > matched 3'],
    [{ legacy_rows: 2 }, 'matched 3 + missing 1 + legacy_missing_key 0 + 2 × legacy_duplicate_keys 0 = 4 > legacy_rows 2'],
    [{ shadow_duplicate_keys: 1 }, '= 5 > shadow_rows 3'],
    [{ mismatches_price: 2 }, "a field's 2 mismatches > matched − equal = 1"],
    [{ mismatches_price: 0 }, "matched − equal = 1 pairs differ, yet the fields' mismatches add up to 0"],
    [{ matched: 2.5 }, 'matched = 2.5 is not a whole number'],
  ];
  writeFileSync(join(dir, 'okrow.json'), JSON.stringify(good));
  expect((await cli(['sql', 'ev.json', '--dialect', 'trino', '--counts', 'okrow.json'])).code).toBe(0);
  for (const [change, says] of cases) {
    writeFileSync(join(dir, 'badrow.json'), JSON.stringify({ ...good, ...change }));
    const r = await cli(['sql', 'ev.json', '--dialect', 'trino', '--counts', 'badrow.json']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('reportFromSqlCounts: the counts row is inconsistent (');
    expect(r.err).toContain(`${says}); pass the row of this plan's counts query as it came back`);
  }
});

test('an empty --legacy or --shadow is a usage error, not the default table', async () => {
  writeFileSync(join(dir, 'ev.json'), JSON.stringify({ key: 'id', fields: { price: { abs: 0.01 } } }));
  for (const side of ['--legacy', '--shadow']) {
    const r = await cli(['sql', 'ev.json', '--dialect', 'duckdb', side, '']);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${side.slice(2)} must be a table name or SQL relation, got ""`);
    expect(r.out).toBe('');
  }
});

test('--time-type epoch-ms reads a numeric time column as epoch milliseconds; another value is a usage error', async () => {
  writeFileSync(join(dir, 'seqt.json'), JSON.stringify({ entity: 'u', orderBy: 'ts', id: 'id', fields: { ts: { time: '2s' } }, window: { asOf: 10_000, within: 5_000 } }));
  // u: events at 4 s (outside (5 s, 10 s]), 6 s and 9 s; shadow's 9 s event is 3 s late (12 s, past asOf)
  const legacy = "(SELECT * FROM (VALUES ('a', 'e1', 4000), ('a', 'e2', 6000), ('a', 'e3', 9000)) v(u, id, ts))";
  const shadow = "(SELECT * FROM (VALUES ('a', 'e1', 4000), ('a', 'e2', 7000), ('a', 'e3', 12000)) v(u, id, ts))";
  const r = await cli(['sql', 'seqt.json', '--dialect', 'duckdb', '--time-type', 'epoch-ms', '--legacy', legacy, '--shadow', shadow]);
  expect(r.code).toBe(0);
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  const [row] = (await c.runAndReadAll(r.out.split(';\n\n')[0])).getRowObjectsJS();
  c.closeSync();
  const n = (k: string) => Number(row[k]);
  expect([n('legacy_drop_time'), n('shadow_drop_time'), n('class_cut_tail_entities'), n('class_time_shifted_events'), n('mismatches_ts')]).toEqual([1, 2, 1, 0, 0]);
  const bad = await cli(['sql', 'seqt.json', '--dialect', 'duckdb', '--time-type', 'unix']);
  expect(bad.code).toBe(2);
  expect(bad.err).toContain('--time-type must be timestamp or epoch-ms, got "unix"');
});
