/**
 * The DuckDB plan run against the engine's own result: the same seeded rows, with injected
 * faults, compared by compareEvents in memory and by the emitted SQL in DuckDB give the same
 * counts and per-field mismatches. The Spark and Trino plans are pinned by snapshot.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, test } from 'vitest';
import { compareEvents } from '../../src/events/compareEvents.js';
import { emitComparisonSql, type SqlComparison } from '../../src/sql/emitComparisonSql.js';
import { reportFromSqlCounts } from '../../src/sql/reportFromSqlCounts.js';
import { ShadowDataError } from '../../src/_internal/options.js';
import { ShadowOptionError } from '../../src/_internal/options.js';
import { clone, makeEvents, pickIndices } from '../_helpers/events.js';

const legacy = makeEvents(2000, 21);
const shadow = clone(legacy);
// Faults, counted back below: prices beyond 0.01 at 37 rows, within 0.01 at 50 rows, a type at 11,
// a NaN price on both sides at 3 (equal), ts shifted 1.5 s at 20 rows (within 2 s) and 3 s at 9.
const far = pickIndices(2000, 37, 1);
const near = pickIndices(2000, 50, 2, new Set(far));
const types = pickIndices(2000, 11, 3);
const nan = pickIndices(2000, 3, 4, new Set([...far, ...near]));
const jitter = pickIndices(2000, 20, 5);
const late = pickIndices(2000, 9, 6, new Set(jitter));
for (const i of far) shadow[i].price += 0.5;
for (const i of near) shadow[i].price += 0.004;
for (const i of types) shadow[i].type = 'other';
for (const i of nan) legacy[i].price = shadow[i].price = NaN;
for (const i of jitter) shadow[i].ts += 1500;
for (const i of late) shadow[i].ts += 3000;
// Rows: 30 dropped from shadow, 12 extra in shadow, 5 keys duplicated in shadow, 2 legacy rows without a key.
const dropped = new Set(pickIndices(2000, 30, 7, new Set([...far, ...near, ...types, ...nan, ...jitter, ...late])));
const dupes = pickIndices(2000, 5, 8, new Set([...dropped, ...far, ...near, ...types, ...nan, ...jitter, ...late]));
const shadowRows = [
  ...shadow.filter((_, i) => !dropped.has(i)),
  ...Array.from({ length: 12 }, (_, i) => ({ ...shadow[0], id: `x${i}` })),
  ...dupes.map((i) => ({ ...shadow[i] })),
];
const legacyRows = [...legacy, { ...legacy[1], id: null }, { ...legacy[2], id: null }];

const comparison: SqlComparison = { key: 'id', fields: { price: { abs: 0.01 }, type: 'exact', ts: { time: '2s' }, user: 'exact', tags: 'ignore' } };

async function runDuckDb(sqlOf: (l: string, s: string) => string): Promise<Record<string, unknown>[]> {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  for (const [name, rows] of [['legacy_t', legacyRows], ['shadow_t', shadowRows]] as const) {
    await c.run(`CREATE TABLE ${name} (id VARCHAR, "user" VARCHAR, type VARCHAR, ts TIMESTAMP, price DOUBLE)`);
    const a = await c.createAppender(name);
    for (const r of rows) {
      if (r.id === null) a.appendNull();
      else a.appendVarchar(r.id as string);
      a.appendVarchar(r.user);
      a.appendVarchar(r.type);
      a.appendVarchar(new Date(r.ts).toISOString().replace('T', ' ').replace('Z', ''));
      a.appendDouble(r.price);
      a.endRow();
    }
    a.closeSync();
  }
  const out = (await c.runAndReadAll(sqlOf('legacy_t', 'shadow_t'))).getRowObjectsJS() as Record<string, unknown>[];
  c.closeSync();
  return out.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])));
}

describe('emitComparisonSql, DuckDB dialect', () => {
  const engine = compareEvents(
    legacyRows.map((r) => ({ ...r, ts: new Date(r.ts) })),
    shadowRows.map((r) => ({ ...r, ts: new Date(r.ts) })),
    { ...comparison, compare: 'declared' },
  );

  test('the engine sees the injected faults (the reference for the SQL)', () => {
    expect(engine.counts).toMatchObject({ legacy: 2002, shadow: 1987, missing: 30, extra: 12, legacyMissingKey: 2, shadowDuplicateKeys: 5 });
    const mism = Object.fromEntries(engine.fields.map((f) => [f.field, f.mismatches]));
    expect(mism).toEqual({ price: 37, type: 11, ts: 9, user: 0 });
  });

  test('the counts query gives the engine\'s counts and per-field mismatches', async () => {
    const [row] = await runDuckDb((l, s) => emitComparisonSql(comparison, { dialect: 'duckdb', legacy: l, shadow: s }).counts);
    const mism = Object.fromEntries(engine.fields.map((f) => [f.field, f.mismatches]));
    expect(row).toEqual({
      legacy_rows: engine.counts.legacy,
      shadow_rows: engine.counts.shadow,
      legacy_missing_key: engine.counts.legacyMissingKey,
      shadow_missing_key: engine.counts.shadowMissingKey,
      legacy_duplicate_keys: engine.counts.legacyDuplicateKeys,
      shadow_duplicate_keys: engine.counts.shadowDuplicateKeys,
      matched: engine.counts.matched,
      missing: engine.counts.missing,
      extra: engine.counts.extra,
      equal: engine.counts.equal,
      mismatches_price: mism.price,
      mismatches_type: mism.type,
      mismatches_ts: mism.ts,
      mismatches_user: mism.user,
    });
  });

  test('reportFromSqlCounts gives the engine\'s rates and verdict from the counts row', async () => {
    const plan = emitComparisonSql(comparison, { dialect: 'duckdb', legacy: 'legacy_t', shadow: 'shadow_t' });
    const [row] = await runDuckDb(() => plan.counts);
    const th = { minMatchRate: 0.9, maxMissingRate: 0.02, maxExtraRate: 0.01, maxDuplicateKeys: 5, maxMissingKeyRows: 2 };
    const report = reportFromSqlCounts(plan, row, { ...th, label: 'clicks' });
    const ref = compareEvents(legacyRows.map((r) => ({ ...r, ts: new Date(r.ts) })), shadowRows.map((r) => ({ ...r, ts: new Date(r.ts) })), { ...comparison, compare: 'declared', ...th });
    expect(report.rates).toEqual(ref.rates);
    expect(report.verdict).toBe(ref.verdict);
    expect(report.reasons.filter((r) => r.severity === 'fail').map((r) => r.code)).toEqual(ref.reasons.filter((r) => r.severity === 'fail').map((r) => r.code));
    // Stricter duplicate and key thresholds fail both, on the same reasons.
    const strict = { ...th, maxDuplicateKeys: 4, maxMissingKeyRows: 1 };
    const ref2 = compareEvents(legacyRows.map((r) => ({ ...r, ts: new Date(r.ts) })), shadowRows.map((r) => ({ ...r, ts: new Date(r.ts) })), { ...comparison, compare: 'declared', ...strict });
    expect(reportFromSqlCounts(plan, row, strict).reasons.filter((r) => r.severity === 'fail').map((r) => r.code)).toEqual(ref2.reasons.filter((r) => r.severity === 'fail').map((r) => r.code));
    expect(report.fields.map((f) => [f.field, f.mismatches])).toEqual([['price', 37], ['type', 11], ['ts', 9], ['user', 0]]);
    expect(() => reportFromSqlCounts(plan, { ...row, matched: undefined })).toThrow(ShadowDataError);
  });

  test('the examples query returns the first mismatching pairs by key, at most sample', async () => {
    const rows = await runDuckDb((l, s) => emitComparisonSql(comparison, { dialect: 'duckdb', legacy: l, shadow: s, sample: 5 }).examples);
    expect(rows.length).toBe(5);
    const keys = rows.map((r) => r.__k0 as string);
    expect(keys).toEqual([...keys].sort());
    for (const r of rows) expect([r.agree_price, r.agree_type, r.agree_ts, r.agree_user]).toContain(false);
  });
});

describe('emitComparisonSql, non-finite values under { abs, rel }', () => {
  // Each pair once, legacy then shadow; compareEvents is the reference. With rel, the bound
  // rel · max(|l|, |s|) is infinite or NaN when a side is, so only the guard keeps `<=` from
  // accepting an infinity or NaN against a number.
  const pairs: [number, number][] = [
    [NaN, 5], [5, NaN], [Infinity, 5], [5, -Infinity], [Infinity, -Infinity], [-Infinity, Infinity],
    [Infinity, Infinity], [-Infinity, -Infinity], [NaN, NaN], [NaN, Infinity],
    [1.7e308, -1.7e308], [5, 5.00004], [5, 5.1], [0, -0], [1e300, 1.00001e300],
  ];
  const rows = (side: 0 | 1) => pairs.map((p, i) => ({ id: `k${String(i).padStart(2, '0')}`, x: p[side] }));
  const rules: SqlComparison['fields'][] = [{ x: { rel: 0.01 } }, { x: { abs: 0.001, rel: 1e-4 } }, { x: { abs: 0.5 } }];

  test.each(rules.map((fields) => [JSON.stringify(fields.x), fields]))('%s: the counts and every pair\'s agreement are the engine\'s', async (_, fields) => {
    const engine = compareEvents(rows(0), rows(1), { key: 'id', fields, compare: 'declared', maxExamples: pairs.length });
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    try {
      for (const [name, side] of [['legacy_t', 0], ['shadow_t', 1]] as const) {
        await c.run(`CREATE TABLE ${name} (id VARCHAR, x DOUBLE)`);
        const a = await c.createAppender(name);
        for (const r of rows(side)) {
          a.appendVarchar(r.id);
          a.appendDouble(r.x);
          a.endRow();
        }
        a.closeSync();
      }
      const plan = emitComparisonSql({ key: 'id', fields }, { dialect: 'duckdb', legacy: 'legacy_t', shadow: 'shadow_t', sample: pairs.length });
      const [row] = (await c.runAndReadAll(plan.counts)).getRowObjectsJS();
      expect(Number(row.equal)).toBe(engine.counts.equal);
      expect(Number(row.mismatches_x)).toBe(engine.fields[0].mismatches);
      const differing = (await c.runAndReadAll(plan.examples)).getRowObjectsJS().map((r) => r.__k0);
      const expected = engine.groups.flatMap((g) => g.examples.map((e) => e.key)).sort();
      expect(differing).toEqual(expected);
      // The cases above hold both outcomes.
      expect(engine.counts.equal).toBeGreaterThan(0);
      expect(engine.fields[0].mismatches).toBeGreaterThan(0);
    } finally {
      c.closeSync();
      db.closeSync();
    }
  });
});

describe('emitComparisonSql, Spark and Trino dialects (snapshots)', () => {
  const small: SqlComparison = { key: ['user', 'id'], fields: { price: { abs: 0.01, rel: 1e-6 }, ts: { time: '2s' }, 'geo.city': 'exact' } };

  test('spark', () => {
    expect(emitComparisonSql(small, { dialect: 'spark', legacy: 'prod.events_v1', shadow: 'prod.events_v2', sample: 10 }).counts).toMatchInlineSnapshot(`
      "WITH l AS (SELECT t.*, t.\`user\` AS \`__k0\`, t.\`id\` AS \`__k1\`, COUNT(*) OVER (PARTITION BY t.\`user\`, t.\`id\`) AS __n FROM prod.events_v1 t),
        s AS (SELECT t.*, t.\`user\` AS \`__k0\`, t.\`id\` AS \`__k1\`, COUNT(*) OVER (PARTITION BY t.\`user\`, t.\`id\`) AS __n FROM prod.events_v2 t),
        lu AS (SELECT * FROM l WHERE __n = 1 AND l.\`__k0\` IS NOT NULL AND l.\`__k1\` IS NOT NULL),
        su AS (SELECT * FROM s WHERE __n = 1 AND s.\`__k0\` IS NOT NULL AND s.\`__k1\` IS NOT NULL),
        p AS (SELECT lu.\`__k0\`, lu.\`__k1\`, lu.\`price\` AS \`legacy_price\`, su.\`price\` AS \`shadow_price\`, lu.\`ts\` AS \`legacy_ts\`, su.\`ts\` AS \`shadow_ts\`, lu.\`geo\`.\`city\` AS \`legacy_geo.city\`, su.\`geo\`.\`city\` AS \`shadow_geo.city\`, COALESCE(lu.\`price\` <=> su.\`price\` OR (isnan(lu.\`price\`) AND isnan(su.\`price\`)) OR ((abs(lu.\`price\` - su.\`price\`) < CAST('Infinity' AS DOUBLE)) AND abs(lu.\`price\` - su.\`price\`) <= greatest(0.01, 0.000001 * greatest(abs(lu.\`price\`), abs(su.\`price\`)))), FALSE) AS \`agree_price\`, COALESCE(lu.\`ts\` <=> su.\`ts\` OR abs(unix_millis(lu.\`ts\`) - unix_millis(su.\`ts\`)) <= 2000, FALSE) AS \`agree_ts\`, lu.\`geo\`.\`city\` <=> su.\`geo\`.\`city\` AS \`agree_geo.city\` FROM lu JOIN su ON lu.\`__k0\` = su.\`__k0\` AND lu.\`__k1\` = su.\`__k1\`)
      SELECT
        (SELECT COUNT(*) FROM l) AS legacy_rows,
        (SELECT COUNT(*) FROM s) AS shadow_rows,
        (SELECT COUNT(*) FROM l WHERE NOT (l.\`__k0\` IS NOT NULL AND l.\`__k1\` IS NOT NULL)) AS legacy_missing_key,
        (SELECT COUNT(*) FROM s WHERE NOT (s.\`__k0\` IS NOT NULL AND s.\`__k1\` IS NOT NULL)) AS shadow_missing_key,
        (SELECT COUNT(*) FROM (SELECT \`__k0\`, \`__k1\` FROM l WHERE __n > 1 AND l.\`__k0\` IS NOT NULL AND l.\`__k1\` IS NOT NULL GROUP BY \`__k0\`, \`__k1\`) x) AS legacy_duplicate_keys,
        (SELECT COUNT(*) FROM (SELECT \`__k0\`, \`__k1\` FROM s WHERE __n > 1 AND s.\`__k0\` IS NOT NULL AND s.\`__k1\` IS NOT NULL GROUP BY \`__k0\`, \`__k1\`) x) AS shadow_duplicate_keys,
        (SELECT COUNT(*) FROM p) AS matched,
        (SELECT COUNT(*) FROM lu WHERE NOT EXISTS (SELECT 1 FROM s WHERE s.\`__k0\` = lu.\`__k0\` AND s.\`__k1\` = lu.\`__k1\`)) AS missing,
        (SELECT COUNT(*) FROM su WHERE NOT EXISTS (SELECT 1 FROM l WHERE l.\`__k0\` = su.\`__k0\` AND l.\`__k1\` = su.\`__k1\`)) AS extra,
        (SELECT COUNT(*) FROM p WHERE \`agree_price\` AND \`agree_ts\` AND \`agree_geo.city\`) AS equal,
        (SELECT COUNT(*) FROM p WHERE NOT \`agree_price\`) AS \`mismatches_price\`,
        (SELECT COUNT(*) FROM p WHERE NOT \`agree_ts\`) AS \`mismatches_ts\`,
        (SELECT COUNT(*) FROM p WHERE NOT \`agree_geo.city\`) AS \`mismatches_geo.city\`"
    `);
  });

  test('trino', () => {
    expect(emitComparisonSql(small, { dialect: 'trino', legacy: 'hive.web.events_v1', shadow: 'hive.web.events_v2', sample: 10 }).examples).toMatchInlineSnapshot(`
      "WITH l AS (SELECT t.*, t."user" AS "__k0", t."id" AS "__k1", COUNT(*) OVER (PARTITION BY t."user", t."id") AS __n FROM hive.web.events_v1 t),
        s AS (SELECT t.*, t."user" AS "__k0", t."id" AS "__k1", COUNT(*) OVER (PARTITION BY t."user", t."id") AS __n FROM hive.web.events_v2 t),
        lu AS (SELECT * FROM l WHERE __n = 1 AND l."__k0" IS NOT NULL AND l."__k1" IS NOT NULL),
        su AS (SELECT * FROM s WHERE __n = 1 AND s."__k0" IS NOT NULL AND s."__k1" IS NOT NULL),
        p AS (SELECT lu."__k0", lu."__k1", lu."price" AS "legacy_price", su."price" AS "shadow_price", lu."ts" AS "legacy_ts", su."ts" AS "shadow_ts", lu."geo"."city" AS "legacy_geo.city", su."geo"."city" AS "shadow_geo.city", COALESCE(lu."price" IS NOT DISTINCT FROM su."price" OR (is_nan(lu."price") AND is_nan(su."price")) OR (is_finite(lu."price" - su."price") AND abs(lu."price" - su."price") <= greatest(0.01, 0.000001 * greatest(abs(lu."price"), abs(su."price")))), FALSE) AS "agree_price", COALESCE(lu."ts" IS NOT DISTINCT FROM su."ts" OR abs(to_unixtime(lu."ts") * 1000 - to_unixtime(su."ts") * 1000) <= 2000, FALSE) AS "agree_ts", lu."geo"."city" IS NOT DISTINCT FROM su."geo"."city" AS "agree_geo.city" FROM lu JOIN su ON lu."__k0" = su."__k0" AND lu."__k1" = su."__k1")
      SELECT * FROM p WHERE NOT ("agree_price" AND "agree_ts" AND "agree_geo.city")
      ORDER BY "__k0", "__k1"
      LIMIT 10"
    `);
  });

  test('rules SQL cannot run, no compared field and a bad dialect are option errors', () => {
    const msg = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(ShadowOptionError);
        return (e as Error).message;
      }
      throw new Error('expected a throw');
    };
    expect(msg(() => emitComparisonSql({ key: 'id', fields: { tags: { unordered: true } } }, { dialect: 'duckdb' }))).toMatchInlineSnapshot(`"emitComparisonSql: fields.tags.unordered has no SQL translation here; the plan supports 'exact', 'ignore', { abs, rel } and { time } (run the in-memory engine for the rest)"`);
    expect(msg(() => emitComparisonSql({ key: 'id', fields: { tags: 'ignore' } }, { dialect: 'duckdb' }))).toMatchInlineSnapshot(`"emitComparisonSql: comparison.fields compares nothing; list the columns to compare, e.g. { price: { abs: 0.01 }, type: 'exact' }"`);
    expect(msg(() => emitComparisonSql({ key: 'id', fields: { a: 'exact' } }, { dialect: 'postgres' as never }))).toMatchInlineSnapshot(`"emitComparisonSql: dialect must be one of 'duckdb', 'spark', 'trino', got "postgres""`);
  });
});
