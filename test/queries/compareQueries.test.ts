/**
 * compareQueries on outputs built by this test with known faults: the expected groups come from
 * the faults injected (which day's price changed, which region was added), never from the engine.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { compareQueries, type ConsumerQuery } from '../../src/queries/compareQueries.js';
import { renderQueryReport } from '../../src/queries/renderQueryReport.js';
import { ordersRows } from '../../src/queries/_internal/ordersRows.js';
import { plainColors } from '../../src/report/format.js';
import { ShadowDataError, ShadowOptionError } from '../../src/_internal/options.js';
import { rng, shuffled } from '../_helpers/events.js';

const dir = mkdtempSync(join(tmpdir(), 'vitest-shadow-queries-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const DAYS = ['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04'];
const REGIONS = ['EU', 'US', 'APAC'];
function makeLegacy(n: number, seed: number) {
  const r = rng(seed);
  return Array.from({ length: n }, (_, i) => ({
    id: `e${i}`,
    day: DAYS[Math.floor(r() * DAYS.length)],
    region: REGIONS[Math.floor(r() * REGIONS.length)],
    price: Math.round(r() * 10000) / 100,
  }));
}
const legacy = makeLegacy(600, 3);
// Faults: every price on 2026-11-03 in EU is 1.00 higher; 4 events in a new region 'LATAM'; rows shuffled.
const bumped = legacy.filter((e) => e.day === '2026-11-03' && e.region === 'EU').length;
const shadow = shuffled(
  [
    ...legacy.map((e) => (e.day === '2026-11-03' && e.region === 'EU' ? { ...e, price: e.price + 1 } : e)),
    ...[0, 1, 2, 3].map((i) => ({ id: `x${i}`, day: DAYS[0], region: 'LATAM', price: 5 })),
  ],
  9,
);

const revenue: ConsumerQuery = {
  name: 'revenue by day and region',
  consumer: 'finance',
  sql: 'SELECT day, region, sum(price) AS revenue, count(*) AS n FROM data GROUP BY day, region',
  fields: { revenue: { abs: 1e-6 } },
};
const perDay: ConsumerQuery = { name: 'events per day', consumer: 'ops', sql: 'SELECT day, count(*) AS n FROM data WHERE region <> \'LATAM\' GROUP BY day' };

describe('compareQueries', () => {
  test('passes when every query sees the same result, whatever the row order', async () => {
    const r = await compareQueries(legacy, shuffled(legacy, 4), [revenue, perDay]);
    expect(r.verdict).toBe('pass');
    expect(r.queries.map((q) => [q.name, q.key, q.rows])).toEqual([
      ['revenue by day and region', ['day', 'region'], { legacy: 12, shadow: 12 }],
      ['events per day', ['day'], { legacy: 4, shadow: 4 }],
    ]);
  });

  test('fails naming the query, the consumer and exactly the differing groups', async () => {
    const r = await compareQueries(legacy, shadow, [revenue, perDay]);
    expect(r.verdict).toBe('fail');
    const q = r.queries[0];
    expect(q.differing).toEqual({ missing: 0, extra: 1, changed: 1 });
    const changed = q.report.groups.flatMap((g) => g.examples);
    expect(changed.map((e) => e.key)).toEqual([['2026-11-03', 'EU']]);
    const delta = changed[0].values.find((v) => v.field === 'revenue')!;
    expect((delta.shadow as number) - (delta.legacy as number)).toBeCloseTo(bumped, 6);
    expect(q.report.examples.extra).toEqual([['2026-11-01', 'LATAM']]);
    expect(r.queries[1].verdict).toBe('pass');
    expect(r.reasons.map((x) => [x.code, x.subject])).toEqual([['QUERY_RESULT_DIFFERS', 'finance: revenue by day and region']]);
    expect(renderQueryReport(r, plainColors).join('\n')).toMatchInlineSnapshot(`
      "fail: 1 of 2 consumer queries see a different result on shadow

      ✗ finance: revenue by day and region · rows legacy 12, shadow 13 · paired on day, region
      ✓ ops: events per day · rows legacy 4, shadow 4 · paired on day

      ✗ query 'revenue by day and region' of consumer 'finance' sees a different result: 1 group with other values (day="2026-11-03", region="EU": revenue 3601.64 → 3672.64); 1 group only in shadow (day="2026-11-01", region="LATAM")"
    `);
  });

  test('pairs rows by position when the query orders them, so a reordering is a difference', async () => {
    const top: ConsumerQuery = { name: 'top 3 days', consumer: 'marketing', sql: 'SELECT day, count(*) AS n FROM data GROUP BY day ORDER BY n DESC, day LIMIT 3' };
    const base = await compareQueries(legacy, legacy, [top]);
    expect(base.queries[0]).toMatchObject({ ordered: true, key: ['#row'], verdict: 'pass' });
    // Move 40 events of the busiest day to the quietest: counts and order change.
    const counts = new Map(DAYS.map((d) => [d, legacy.filter((e) => e.day === d).length]));
    const [busiest] = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
    const [quietest] = [...counts].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1))[0];
    let moved = 0;
    const changed = legacy.map((e) => (e.day === busiest && moved++ < 40 ? { ...e, day: quietest } : e));
    const r = await compareQueries(legacy, changed, [top]);
    expect(r.verdict).toBe('fail');
    expect(r.queries[0].differing.changed).toBeGreaterThan(0);
  });

  test('reads files: the same verdicts from JSON Lines as from rows', async () => {
    const lp = join(dir, 'legacy.jsonl');
    const sp = join(dir, 'shadow.jsonl');
    writeFileSync(lp, legacy.map((e) => JSON.stringify(e)).join('\n'));
    writeFileSync(sp, shadow.map((e) => JSON.stringify(e)).join('\n'));
    const r = await compareQueries(lp, sp, [revenue, perDay]);
    expect(r.queries.map((q) => [q.verdict, q.differing])).toEqual([
      ['fail', { missing: 0, extra: 1, changed: 1 }],
      ['pass', { missing: 0, extra: 0, changed: 0 }],
    ]);
  });

  test('a numeric GROUP BY key pairs groups by value, whatever order the threads return them in', async () => {
    // 2,000 users, ids numeric: grouped by user_id with no ORDER BY, the rows come back in any order.
    const rows = Array.from({ length: 20_000 }, (_, i) => ({ user_id: i % 2000, v: (i * 7) % 13 }));
    const q = { name: 'per user', sql: 'SELECT user_id, sum(v) AS total, count(*) AS n FROM data GROUP BY user_id' };
    const same = await compareQueries(rows, shuffled(rows, 4), [q], { threads: 2 });
    expect(same.verdict).toBe('pass');
    expect(same.queries[0].key).toEqual(['user_id']);
    // One user's total changed: exactly that group, named by its id.
    const changed = await compareQueries(rows, rows.map((r) => (r.user_id === 1234 && r.v === 0 ? { ...r, v: 100 } : r)), [q], { threads: 2 });
    expect(changed.queries[0].differing).toEqual({ missing: 0, extra: 0, changed: 1 });
    expect(changed.reasons[0].message).toContain('user_id=1234');
  });

  test('maxExamples 0 counts the differing groups without an empty list', async () => {
    const r = await compareQueries(legacy, shadow, [revenue], { maxExamples: 0 });
    expect(r.reasons[0].message).toBe(`query 'revenue by day and region' of consumer 'finance' sees a different result: 1 group with other values; 1 group only in shadow`);
  });

  test('a NULL group is a group: identical outputs pass, and a changed NULL group is named', async () => {
    const withNull = legacy.map((e, i) => (i % 10 === 0 ? { ...e, region: null } : e));
    const q = { name: 'by region', sql: 'SELECT region, sum(price) AS revenue FROM data GROUP BY region', fields: { revenue: { abs: 1e-6 } } };
    expect((await compareQueries(withNull, shuffled(withNull, 5), [q])).verdict).toBe('pass');
    const bumped = withNull.map((e) => (e.region === null ? { ...e, price: e.price + 1 } : e));
    const r = await compareQueries(withNull, bumped, [q]);
    expect(r.queries[0].differing).toEqual({ missing: 0, extra: 0, changed: 1 });
    expect(r.reasons[0].message).toContain('region=NULL');
  });

  test('values a JS number or Date would round are compared exactly: DECIMAL digits, microseconds, nanoseconds', async () => {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    const write = async (name: string, sql: string) => {
      await c.run(`COPY (${sql}) TO '${join(dir, name)}' (FORMAT parquet)`);
      return join(dir, name);
    };
    const dl = await write('dec-l.parquet', `SELECT 'k' AS id, 12345678901234567.01::DECIMAL(38,2) AS amount, 1.50::DECIMAL(10,2) AS price, TIMESTAMP '2026-01-01 12:00:00.000001' AS ts, '2026-01-01 12:00:00.000000001'::TIMESTAMP_NS AS tsn`);
    const ds = await write('dec-s.parquet', `SELECT 'k' AS id, 12345678901234567.02::DECIMAL(38,2) AS amount, 1.5::DOUBLE AS price, TIMESTAMP '2026-01-01 12:00:00.000999' AS ts, '2026-01-01 12:00:00.000000002'::TIMESTAMP_NS AS tsn`);
    c.closeSync();
    db.closeSync();
    const q = (name: string, sql: string, fields?: ConsumerQuery['fields']) => ({ name, sql, ...(fields ? { fields } : {}) });
    const r = await compareQueries(dl, ds, [
      q('amount', 'SELECT id, sum(amount) AS total FROM data GROUP BY id'),
      q('price', 'SELECT id, max(price) AS p FROM data GROUP BY id'),
      q('ts', 'SELECT id, max(ts) AS last FROM data GROUP BY id'),
      q('tsn', 'SELECT id, max(tsn) AS last FROM data GROUP BY id'),
      q('ts within 1s', 'SELECT id, max(ts) AS last FROM data GROUP BY id', { last: { time: '1s' } }),
      q('amount within 1', 'SELECT id, sum(amount) AS total FROM data GROUP BY id', { total: { abs: 1 } }),
    ]);
    expect(Object.fromEntries(r.queries.map((x) => [x.name, x.verdict]))).toEqual({ amount: 'fail', price: 'pass', ts: 'fail', tsn: 'fail', 'ts within 1s': 'pass', 'amount within 1': 'pass' });
    const said = r.reasons.map((x) => x.message).join('\n');
    expect(said).toContain('total "12345678901234567.01" → "12345678901234567.02"');
    expect(said).toContain('last "2026-01-01T12:00:00.000001Z" → "2026-01-01T12:00:00.000999Z"');
    expect(said).toContain('last "2026-01-01T12:00:00.000000001Z" → "2026-01-01T12:00:00.000000002Z"');
  });

  test('a string that differs only by a leading byte-order mark is a difference, and an ordered query keeps its order', async () => {
    // DuckDB's string conversion drops U+FEFF: a shadow writing '\uFEFFEU' for 'EU' reconciled before.
    const BOM = '\uFEFF';
    const rows = (bom: boolean) => [0, 1, 2, 3, 4, 5].map((i) => ({ id: `e${i}`, region: bom && i % 2 === 0 ? `${BOM}EU` : 'EU', n: i }));
    const q = (name: string, sql: string) => ({ name, sql });
    const r = await compareQueries(rows(false), rows(true), [
      q('regions', 'SELECT id, region FROM data'),
      q('by n, ordered', 'SELECT n, region FROM data ORDER BY n DESC'),
      q('ids, ordered', 'SELECT id FROM data ORDER BY id DESC'),
    ]);
    // Rows e0, e2, e4 (3 of 6) carry the mark in shadow.
    expect(Object.fromEntries(r.queries.map((x) => [x.name, x.verdict]))).toEqual({ regions: 'fail', 'by n, ordered': 'fail', 'ids, ordered': 'pass' });
    expect(r.queries.find((x) => x.name === 'by n, ordered')?.report.counts.equal).toBe(3);
    // Written with a closing semicolon or a trailing comment, the query still sees the mark.
    const written = await compareQueries(rows(false), rows(true), [q('semicolon', 'SELECT id, region FROM data;'), q('comment', 'SELECT id, region FROM data -- every row')]);
    expect(written.queries.map((x) => x.verdict)).toEqual(['fail', 'fail']);
    const same = await compareQueries(rows(true), rows(true), [q('regions', 'SELECT id, region FROM data'), q('by n, ordered', 'SELECT n, region FROM data ORDER BY n DESC')]);
    expect(same.verdict).toBe('pass');
  });

  test('a leading byte-order mark in strings of a list, a struct or a map in the result is a difference too', async () => {
    // Nested strings lost the mark on the way back from DuckDB, as top-level ones had: these reconciled.
    const BOM = '\uFEFF';
    const rows = (bom: boolean) => [0, 1, 2, 3].map((i) => ({ id: `e${i}`, region: bom && i % 2 === 0 ? `${BOM}EU` : 'EU', n: i }));
    const q = (name: string, sql: string) => ({ name, sql });
    const queries = [
      q('list', 'SELECT id, [region] AS regions FROM data'),
      q('struct', "SELECT id, {'region': region, 'n': n} AS s FROM data"),
      q('map', 'SELECT id, MAP {region: n} AS m FROM data'),
      q('grouped list', 'SELECT n % 2 AS odd, list(region ORDER BY id) AS regions FROM data GROUP BY odd'),
    ];
    const r = await compareQueries(rows(false), rows(true), queries);
    // Rows e0 and e2 (2 of 4) carry the mark in shadow; the even group holds both.
    expect(Object.fromEntries(r.queries.map((x) => [x.name, [x.verdict, x.report.counts.equal]]))).toEqual({ list: ['fail', 2], struct: ['fail', 2], map: ['fail', 2], 'grouped list': ['fail', 1] });
    // The default key leaves out the nested columns (no key holds a list, a struct or a map).
    expect(r.queries.map((x) => x.key)).toEqual([['id'], ['id'], ['id'], ['odd']]);
    const same = await compareQueries(rows(true), rows(true), queries);
    expect(same.verdict).toBe('pass');
  });

  test('rows in memory reach DuckDB with their values: a bigint past 2^53, NaN and Infinity are not rounded or nulled', async () => {
    const q = (name: string, sql: string) => ({ name, sql });
    const base = [{ id: 'a', big: 9007199254740993n, score: 1 }];
    const r = await compareQueries(base.concat([{ id: 'b', big: 1n, score: NaN }, { id: 'c', big: 2n, score: Infinity }]), base.concat([{ id: 'b', big: 1n, score: null as unknown as number }, { id: 'c', big: 2n, score: null as unknown as number }]), [
      q('scored', 'SELECT id, count(score) AS n FROM data GROUP BY id'),
    ]);
    expect(r.queries[0].differing).toEqual({ missing: 0, extra: 0, changed: 2 });
    // A sum past 2^53 under a tolerance is a number, so the tolerance decides (it was text, and failed).
    const sums = (d: bigint) => Array.from({ length: 3 }, (_, i) => ({ id: 'a', big: 4503599627370496n + BigInt(i) + (i === 2 ? d : 0n) }));
    expect((await compareQueries(sums(0n), sums(4n), [{ name: 'total', sql: 'SELECT id, sum(big) AS t FROM data GROUP BY id', fields: { t: { abs: 10 } } }])).verdict).toBe('pass');
    expect((await compareQueries(sums(0n), sums(40n), [{ name: 'total', sql: 'SELECT id, sum(big) AS t FROM data GROUP BY id', fields: { t: { abs: 10 } } }])).verdict).toBe('fail');
    const big = await compareQueries([{ id: 'a', big: 9007199254740993n }], [{ id: 'a', big: 9007199254740992n }], [q('big', 'SELECT id, max(big) AS m FROM data GROUP BY id')]);
    expect(big.verdict).toBe('fail');
    expect(big.reasons[0].message).toContain('m "9007199254740993" → 9.0071993e+15');
  });

  test('an empty result on both sides never passes', async () => {
    const r = await compareQueries(legacy, legacy, [{ name: 'none', sql: "SELECT day FROM data WHERE region = 'MARS'" }]);
    expect(r.verdict).toBe('fail');
  });
});

describe('bad input', () => {
  const msg = async (p: Promise<unknown>, type: unknown) => {
    const e = await p.catch((x: unknown) => x);
    expect(e).toBeInstanceOf(type);
    return (e as Error).message.replaceAll(dir, '<dir>');
  };

  test('a query failing on one side only names the query, its consumer and the side', async () => {
    const noRegion = legacy.map(({ region: _, ...e }) => e);
    expect(await msg(compareQueries(legacy, noRegion, [revenue]), ShadowDataError)).toMatch(
      /^compareQueries: query 'revenue by day and region' of consumer 'finance' fails on shadow only: Binder Error: .*region/,
    );
  });

  // The bad line sits at line 3 (of 4); DuckDB's reader names line 4, and reads a file holding
  // an array or a scalar line as one column `json`, so the query met no columns of its own.
  test.each([
    ['malformed JSON', '{"day": "2026-11-01", region: "EU"}'],
    ['a truncated line', '{"day": "2026-11-01", "region"'],
    ['an array line', '[{"day": "2026-11-01", "region": "EU", "price": 1}]'],
    ['a number line', '7'],
  ])('%s in a JSON Lines input names the file and its line as loadDataset does, on either side, both, or in a glob', async (_, line) => {
    const rows = legacy.slice(0, 3).map((r) => JSON.stringify(r));
    const sub = mkdtempSync(join(dir, 'bad-'));
    const file = join(sub, 'b.jsonl');
    writeFileSync(file, [rows[0], rows[1], line, rows[2]].join('\n') + '\n');
    writeFileSync(join(sub, 'a.jsonl'), rows[0] + '\n');
    const good = join(sub, 'good.json');
    writeFileSync(good, JSON.stringify(legacy.slice(0, 3)));
    const { loadDataset } = await import('../../src/dataset/loadDataset.js');
    const expected = ((await loadDataset(file).catch((x: unknown) => x)) as Error).message.replace(/^loadDataset:/, 'compareQueries:');
    expect(expected).toMatch(/b\.jsonl:3: /);
    for (const [l, s] of [[file, good], [good, file], [file, file], [join(sub, '*.jsonl'), good]]) {
      expect(await msg(compareQueries(l, s, [revenue]), ShadowDataError)).toBe(expected.replaceAll(dir, '<dir>'));
    }
    // Both sides bad (the sides are read at once): the legacy side's line is named.
    const other = join(sub, 'other.jsonl');
    writeFileSync(other, [line, rows[0]].join('\n') + '\n');
    expect(await msg(compareQueries(file, other, [revenue]), ShadowDataError)).toBe(expected.replaceAll(dir, '<dir>'));
    expect(await msg(compareQueries(other, file, [revenue]), ShadowDataError)).toMatch(/other\.jsonl:1: /);
  });

  // A false pass: DuckDB's reader took a file with one array line as one column `json`, on which
  // count(*) still ran, so a shadow file loadDataset refuses reconciled a row count.
  test('a JSON Lines input with a line that is no object never reconciles a query that reads no column (count(*))', async () => {
    const rows = legacy.slice(0, 3).map((r) => JSON.stringify(r));
    const l = join(dir, 'count-legacy.jsonl');
    const s = join(dir, 'count-shadow.jsonl');
    writeFileSync(l, rows.join('\n') + '\n');
    writeFileSync(s, [rows[0], JSON.stringify([legacy[1]]), rows[2]].join('\n') + '\n');
    const count = { name: 'rows', consumer: 'ops', sql: 'SELECT count(*) AS n FROM data' };
    expect(await msg(compareQueries(l, s, [count]), ShadowDataError)).toBe(`compareQueries: <dir>/count-shadow.jsonl:2: each line must be a JSON object (one event), got an array of length 1`);
  });

  // A false pass: DuckDB's record reader reads a line holding only null as a row of NULLs (the
  // row of {}), so a query blind to that row (count(DISTINCT day)) reconciled a file loadDataset refuses.
  test('a JSON Lines line or a JSON array element holding only null is named by file and line, as loadDataset names it; a line {} stays a row', async () => {
    const rows = legacy.slice(0, 3).map((r) => JSON.stringify(r));
    const l = join(dir, 'null-legacy.jsonl');
    writeFileSync(l, rows.join('\n') + '\n');
    const lines = join(dir, 'null-shadow.jsonl');
    writeFileSync(lines, [rows[0], 'null', rows[1], rows[2]].join('\n') + '\n');
    const array = join(dir, 'null-shadow.json');
    writeFileSync(array, `[${[rows[0], 'null', rows[1], rows[2]].join(',')}]`);
    const days = { name: 'days', consumer: 'ops', sql: 'SELECT count(DISTINCT day) AS n FROM data' };
    const { loadDataset } = await import('../../src/dataset/loadDataset.js');
    for (const file of [lines, array]) {
      const expected = ((await loadDataset(file).catch((x: unknown) => x)) as Error).message.replace(/^loadDataset:/, 'compareQueries:').replaceAll(dir, '<dir>');
      expect(expected).toMatch(/null-shadow\.json(l:2|: element 1)/);
      expect(await msg(compareQueries(l, file, [days]), ShadowDataError)).toBe(expected);
      expect(await msg(compareQueries(file, l, [days]), ShadowDataError)).toBe(expected);
    }
    // {} is a row to loadDataset too: the query runs, and count(*) counts it.
    const empty = join(dir, 'empty-object.jsonl');
    writeFileSync(empty, [rows[0], '{}', rows[1], rows[2]].join('\n') + '\n');
    expect((await loadDataset(empty)).length).toBe(4);
    expect((await compareQueries(l, empty, [days])).verdict).toBe('pass');
    expect((await compareQueries(l, empty, [{ name: 'rows', sql: 'SELECT count(*) AS n FROM data' }])).verdict).toBe('fail');
  });

  // DuckDB's reader failed on these with a binder error ("expected records, but got non-record
  // JSON") suggesting records = 'auto', an option this API does not have.
  test('an empty JSON file (empty, blank lines, an empty .gz, a glob of empty files) is named; no input without rows reconciles', async () => {
    const sub = mkdtempSync(join(dir, 'empty-'));
    const at = (name: string, bytes: string | Buffer) => {
      writeFileSync(join(sub, name), bytes);
      return join(sub, name);
    };
    const { gzipSync } = await import('node:zlib');
    const files = [at('empty.jsonl', ''), at('blank.jsonl', '\n  \n'), at('empty.jsonl.gz', gzipSync('')), at('empty.json', '')];
    const rows = join(dir, 'empty-legacy.jsonl');
    writeFileSync(rows, legacy.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const count = { name: 'rows', sql: 'SELECT count(*) AS n FROM data' };
    for (const file of files) {
      expect(await msg(compareQueries(rows, file, [count]), ShadowDataError)).toBe(`compareQueries: shadow file ${file.replaceAll(dir, '<dir>')} holds no records: an empty output never reconciles`);
    }
    expect(await msg(compareQueries(join(sub, '*.jsonl'), rows, [count]), ShadowDataError)).toBe(`compareQueries: legacy file <dir>/${sub.slice(dir.length + 1)}/*.jsonl holds no records (none of its files does): an empty output never reconciles`);
    // No rows given as rows: the query runs on an empty table and sees the difference.
    expect((await compareQueries(legacy, [], [count])).verdict).toBe('fail');
  });

  test('a query that does not read its side\'s data is refused, naming the query and the fix', async () => {
    const file = join(dir, 'l.jsonl');
    writeFileSync(file, legacy.map((e) => JSON.stringify(e)).join('\n') + '\n');
    const cases: [string, RegExp][] = [
      ['SELECT 1 AS one, 2 AS two', /does not read the table data, so it would compare nothing; write it over data/],
      [`SELECT day, count(*) AS n FROM read_json('${file}') GROUP BY day`, /does not read the table data/],
      ['SELECT day, count(*) AS n FROM shadow.data GROUP BY day', /reads shadow\.data; write data, which each side's run reads as its own output/],
      ['SELECT count(*) AS n FROM Legacy.data', /reads Legacy\.data; write data/],
      ["SET schema = 'shadow'; SELECT day, count(*) AS n FROM data GROUP BY day", /holds several statements; a consumer query is one SELECT over the table data/],
      ['WITH data AS (SELECT 1 AS x) SELECT * FROM data', /names a common table expression data, which hides the table data; rename it/],
    ];
    for (const [sql, says] of cases) {
      expect(await msg(compareQueries(legacy, shadow, [{ name: 'q', consumer: 'c', sql }]), ShadowOptionError)).toMatch(new RegExp(`^compareQueries: query 'q' of consumer 'c' ${says.source}`));
    }
    // Reading data under another spelling, in a subquery or a CTE of another name is reading it.
    for (const sql of ['SELECT count(*) AS n FROM "DATA"', 'SELECT (SELECT count(*) FROM data) AS n', 'WITH d AS (SELECT * FROM data) SELECT count(*) AS n FROM d', 'FROM data SELECT count(*) AS n', 'PIVOT data ON region USING count(*)']) {
      expect((await compareQueries(legacy, legacy, [{ name: 'q', sql }])).verdict).toBe('pass');
    }
  });

  test('times are read in UTC whatever the machine\'s zone: TIMESTAMP against TIMESTAMPTZ by day', async () => {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    const l = join(dir, 'tz-l.parquet');
    const s = join(dir, 'tz-s.parquet');
    // The same instants (02:00 UTC): a zone west of UTC puts the TIMESTAMPTZ on the day before.
    await c.run(`SET TimeZone = 'UTC'; COPY (SELECT TIMESTAMP '2026-01-01 02:00:00' AS ts) TO '${l}' (FORMAT parquet); COPY (SELECT TIMESTAMPTZ '2026-01-01 02:00:00+00' AS ts) TO '${s}' (FORMAT parquet)`);
    c.closeSync();
    db.closeSync();
    // In a process of its own: the zone of this one was fixed by the DuckDB instances before.
    const child = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '_tzChild.ts'), l, s], { env: { ...process.env, TZ: 'America/New_York' }, encoding: 'utf8' });
    expect(child.stderr).toBe('');
    expect(JSON.parse(child.stdout)).toEqual({ verdict: 'pass', rows: { legacy: 1, shadow: 1 }, tz: 'America/New_York' });
  });

  test('a key that identifies no row, and rows with no key at all, are option errors naming the fix', async () => {
    expect(await msg(compareQueries(legacy, legacy, [{ name: 'raw', consumer: 'c', sql: 'SELECT region, price FROM data' }]), ShadowOptionError)).toMatch(
      /^compareQueries: query 'raw' of consumer 'c': key \(region\) is not unique in legacy's result \(region="(EU|US|APAC)" occurs twice\); set key to the columns that identify a row of the result$/,
    );
    expect(await msg(compareQueries(legacy, legacy, [{ name: 'prices', consumer: 'c', sql: 'SELECT price FROM data' }]), ShadowOptionError)).toMatch(
      /^compareQueries: query 'prices' of consumer 'c' returns 600 rows with no column that identifies one \(no GROUP BY, only numbers\); set key to the columns that identify a row, or ordered: true/,
    );
    // One aggregate row still pairs by position.
    expect((await compareQueries(legacy, legacy, [{ name: 'total', sql: 'SELECT sum(price) AS s, count(*) AS n FROM data' }])).verdict).toBe('pass');
  });

  test('a query failing on both sides, a missing file, an unknown option and no queries are option errors', async () => {
    expect(await msg(compareQueries(legacy, legacy, [{ name: 'bad', sql: 'SELEC 1' }]), ShadowOptionError)).toMatch(/^compareQueries: query 'bad' of consumer '\(unnamed consumer\)' fails on both sides: Parser Error/);
    expect(await msg(compareQueries(join(dir, 'nope.parquet'), legacy, [perDay]), ShadowOptionError)).toMatch(/^compareQueries: cannot read legacy file <dir>\/nope\.parquet: IO Error/);
    expect(await msg(compareQueries(legacy, legacy, [perDay], { feilds: {} } as never), ShadowOptionError)).toMatchInlineSnapshot(`"compareQueries: unknown option 'feilds'; did you mean 'fields'?"`);
    expect(await msg(compareQueries(legacy, legacy, []), ShadowOptionError)).toMatchInlineSnapshot(`"compareQueries: queries must be a non-empty array of { name, sql, consumer?, key?, fields?, ordered? }, got an array of length 0"`);
    expect(await msg(compareQueries(legacy, legacy, [perDay, perDay]), ShadowOptionError)).toMatchInlineSnapshot(`"compareQueries: queries[1].name 'events per day' is used twice; names identify queries in the report"`);
    // A statement DuckDB does not serialise (PIVOT) runs, and a wrong table name says which table to read.
    expect(await msg(compareQueries(legacy, legacy, [{ name: 'ev', sql: 'PIVOT events ON region USING count(*)' }]), ShadowOptionError)).toMatch(/^compareQueries: query 'ev' of consumer '\(unnamed consumer\)' fails on both sides \(each side's output is the table data: write FROM data\): Catalog Error: Table with name events does not exist/);
    expect(await msg(compareQueries(legacy, legacy, [perDay], { memoryLimit: '2 gigs' }), ShadowOptionError)).toMatchInlineSnapshot(`"compareQueries: memoryLimit must be a size such as '2GB' or '512MB', got "2 gigs""`);
    expect(await msg(compareQueries(legacy, legacy, [perDay], { label: 42 } as never), ShadowOptionError)).toMatchInlineSnapshot(`"compareQueries: label must be a string (it names the report), got 42"`);
    expect(await msg(compareQueries(legacy, legacy, [{ ...perDay, key: 'dya' }]), ShadowOptionError)).toMatchInlineSnapshot(`"compareQueries: query 'events per day' of consumer 'ops': key column 'dya' is not in its result; columns are day, n"`);
  });
});

describe('ordersRows', () => {
  test.each([
    ['SELECT a FROM data ORDER BY a', true],
    ['select a from data order\n by a desc limit 3', true],
    ['SELECT a, row_number() OVER (ORDER BY b) FROM data', false],
    ["SELECT 'order by' AS x FROM data", false],
    ['SELECT a FROM (SELECT a FROM data ORDER BY a) -- order by', false],
    ['SELECT "order by" FROM data', false],
  ])('%j → %s', (sql, expected) => {
    expect(ordersRows(sql)).toBe(expected);
  });
});
