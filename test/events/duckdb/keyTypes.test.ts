/**
 * compareEventFiles' direct plan joins, counts distinct unmatched keys and orders its examples by
 * key on both sides' key columns. Equal keys must pair, and be counted and ordered alike, even
 * when the two files type the key differently (INTEGER against BIGINT, DOUBLE against BIGINT,
 * -0.0 against 0.0, DATE against TIMESTAMP, a composite key), or a pair is missed (a missing and
 * an extra key instead). Ground truth is injected: per
 * file pair, which keys are missing, extra and mismatching; both plans must give one report.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { compareEventFiles } from '../../../src/duckdb/index.js';
import { compareEventFilesWithPlan } from '../../../src/events/duckdb/compareEventFiles.js';

const dir = mkdtempSync(join(tmpdir(), 'shadow-keytypes-'));
const file = (name: string) => join(dir, name);

/**
 * Each case: the key column's SQL type on each side (and how to make its i-th value), 300 keys;
 * legacy lacks key 299 (extra), shadow lacks keys 0 and 1 (missing), and values differ at keys
 * 10, 20 and 30 (price + 1).
 */
const cases = [
  { name: 'INTEGER vs BIGINT', l: 'i::INTEGER', s: 'i::BIGINT', key: 'id' },
  { name: 'DOUBLE vs BIGINT', l: '(i * 1.0)::DOUBLE', s: 'i::BIGINT', key: 'id' },
  { name: 'FLOAT vs DOUBLE, -0.0 vs 0.0', l: "(CASE WHEN i = 5 THEN '-0.0'::FLOAT ELSE (i + 1)::FLOAT END)", s: '(CASE WHEN i = 5 THEN 0.0 ELSE (i + 1) * 1.0 END)::DOUBLE', key: 'id' },
  { name: 'DOUBLE both, -0.0 vs 0.0', l: "(CASE WHEN i = 5 THEN '-0.0'::DOUBLE ELSE (i + 1)::DOUBLE END)", s: '(CASE WHEN i = 5 THEN 0.0 ELSE (i + 1) * 1.0 END)::DOUBLE', key: 'id' },
  { name: 'DECIMAL(10,2) vs DECIMAL(12,4)', l: 'i::DECIMAL(10,2)', s: 'i::DECIMAL(12,4)', key: 'id' },
  { name: 'DATE vs TIMESTAMP', l: "DATE '2020-01-01' + i::INTEGER", s: "TIMESTAMP '2020-01-01' + to_days(i::INTEGER)", key: 'id' },
  { name: 'VARCHAR both', l: "'k' || i", s: "'k' || i", key: 'id' },
  // A Parquet UUID against its text (a JSON writer's): one key in memory, where both are strings.
  { name: 'UUID vs VARCHAR', l: "('00000000-0000-4000-8000-' || lpad(i::VARCHAR, 12, '0'))::UUID", s: "'00000000-0000-4000-8000-' || lpad(i::VARCHAR, 12, '0')", key: 'id' },
] as const;

beforeAll(async () => {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  for (const [n, k] of cases.entries()) {
    const rows = (id: string, skip: string) =>
      `SELECT ${id} AS id, (i % 7)::INTEGER AS part, i * 2.5 ${skip === 's' ? "+ CASE WHEN i IN (10, 20, 30) THEN 1 ELSE 0 END" : ''} AS price, 'c' || (i % 5) AS city
       FROM range(300) t(i) WHERE ${skip === 'l' ? 'i <> 299' : 'i NOT IN (0, 1)'}`;
    await c.run(`COPY (${rows(k.l, 'l')}) TO '${file(`l${n}.parquet`)}' (FORMAT parquet)`);
    // The shadow in another row order: two pipelines rarely write rows alike.
    await c.run(`COPY (SELECT * FROM (${rows(k.s, 's')}) ORDER BY hash(price)) TO '${file(`s${n}.parquet`)}' (FORMAT parquet)`);
  }
  // A composite key, its first part typed differently on the two sides.
  await c.run(`COPY (SELECT (i % 10)::SMALLINT AS a, 'p' || (i // 10) AS b, i * 1.5 AS price FROM range(300) t(i) WHERE i <> 299) TO '${file('lc.parquet')}' (FORMAT parquet)`);
  await c.run(`COPY (SELECT (i % 10)::DOUBLE AS a, 'p' || (i // 10) AS b, i * 1.5 + CASE WHEN i IN (10, 20, 30) THEN 1 ELSE 0 END AS price FROM range(300) t(i) WHERE i NOT IN (0, 1) ORDER BY hash(i)) TO '${file('sc.parquet')}' (FORMAT parquet)`);
  c.closeSync();
  db.closeSync();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('compareEventFiles: keys typed differently on the two sides', () => {
  for (const [n, k] of cases.entries()) {
    test(`${k.name}: the injected missing, extra and mismatching keys are all found, and both plans agree`, async () => {
      const options = { key: k.key, fields: { price: { abs: 1e-9 } } };
      const r = await compareEventFiles(file(`l${n}.parquet`), file(`s${n}.parquet`), options);
      expect(r.counts).toMatchObject({ legacy: 299, shadow: 298, matched: 297, equal: 294, missing: 2, extra: 1 });
      expect(r.fields.find((f) => f.field === 'price')!.mismatches).toBe(3);
      expect(r.groups.map((g) => `${g.fields.join('+')}: ${g.count} (${g.examples.length} examples)`)).toEqual(['price: 3 (3 examples)']);
      expect(r.examples.missing).toHaveLength(2);
      expect(r.examples.extra).toHaveLength(1);
      expect(await compareEventFilesWithPlan(file(`l${n}.parquet`), file(`s${n}.parquet`), options, 'pairTable')).toEqual(r);
    });
  }

  test('a composite key whose first part is SMALLINT in legacy and DOUBLE in shadow', async () => {
    const options = { key: ['a', 'b'], fields: { price: { abs: 1e-9 } } };
    const r = await compareEventFiles(file('lc.parquet'), file('sc.parquet'), options);
    expect(r.counts).toMatchObject({ legacy: 299, shadow: 298, matched: 297, equal: 294, missing: 2, extra: 1 });
    expect(r.fields.find((f) => f.field === 'price')!.examples.map((e) => e.key)).toEqual([
      [0, 'p1'],
      [0, 'p2'],
      [0, 'p3'],
    ]);
    expect(await compareEventFilesWithPlan(file('lc.parquet'), file('sc.parquet'), options, 'pairTable')).toEqual(r);
  });
});
