import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadDataset } from '../../src/dataset/loadDataset.js';
import { decimalToNumber } from '../../src/dataset/_internal/parquetDecimals.js';
import { compareEvents } from '../../src/events/compareEvents.js';
import { compareEventFiles } from '../../src/events/duckdb/compareEventFiles.js';
import { writeFileSync } from 'node:fs';

// The reference: the decimal written out with its point, read by Number() (correctly rounded),
// which is what JSON.parse gives for the same number in a JSON file.
function viaText(unscaled: bigint, scale: number): number {
  const neg = unscaled < 0n;
  const digits = (neg ? -unscaled : unscaled).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`;
  return Number(`${neg ? '-' : ''}${text}`);
}

describe('decimalToNumber', () => {
  test('is the double nearest the decimal, for any unscaled value of DECIMAL(38) and any scale', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 38n) + 1n, max: 10n ** 38n - 1n }), fc.integer({ min: 0, max: 38 }), (u, s) => {
        expect(decimalToNumber(u, s)).toBe(viaText(u, s));
      }),
      { numRuns: 3000, seed: 2026 },
    );
    // The cases the fast path takes (safe integers, scale ≤ 22), and the edges around it.
    for (const [u, s] of [[9007199254740991n, 18], [-9007199254740991n, 22], [9007199254740993n, 18], [352563146000000000000n, 18], [1n, 38], [0n, 30]] as const) {
      expect(decimalToNumber(u, s)).toBe(viaText(u, s));
    }
  });
});

const dir = mkdtempSync(join(tmpdir(), 'parquet-decimals-'));
const file = (n: string) => join(dir, n);
const N = 5000;
let texts: string[] = [];
let bigTexts: string[] = [];

beforeAll(async () => {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  // Prices of 3 integer and 6 decimal digits in Spark's DECIMAL(38, 18), a struct member of the
  // same type, and DECIMAL(18, 3) (INT64), from their text.
  const price = `((hash(i) % 1000)::VARCHAR || '.' || lpad((hash(i * 7) % 1000000)::VARCHAR, 6, '0'))`;
  const select = `SELECT i AS id, ${price} AS t, ${price}::DECIMAL(38, 18) AS price, {'net': ${price}::DECIMAL(38, 18)} AS s,
    ((hash(i) % 1000000000000000)::VARCHAR || '.' || lpad((hash(i * 3) % 1000)::VARCHAR, 3, '0'))::DECIMAL(18, 3) AS big FROM range(${N}) t(i)`;
  await c.run(`COPY (${select}) TO '${file('d.parquet')}' (FORMAT parquet)`);
  await c.run(`COPY (${select}) TO '${file('z.parquet')}' (FORMAT parquet, COMPRESSION zstd)`);
  texts = (await c.runAndReadAll(`SELECT t FROM (${select}) ORDER BY id`)).getRowObjectsJS().map((r) => r.t as string);
  bigTexts = (await c.runAndReadAll(`SELECT big::VARCHAR AS b FROM (${select}) ORDER BY id`)).getRowObjectsJS().map((r) => r.b as string);
  c.closeSync();
  db.closeSync();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loadDataset: Parquet DECIMAL as the double nearest each decimal', () => {
  test.each(['d.parquet', 'z.parquet'])('%s (hyparquet; ZSTD through DuckDB): every value is Number(its text), top level and in a struct', async (name) => {
    const rows = await loadDataset(file(name));
    expect(rows.map((r) => r.price)).toEqual(texts.map(Number));
    expect(rows.map((r) => (r.s as { net: number }).net)).toEqual(texts.map(Number));
    // DECIMAL(18, 3) is an INT64 of up to 18 digits: past 2^53 it rounded twice too.
    expect(rows.map((r) => r.big)).toEqual(bigTexts.map(Number));
  });

  test('against the same numbers from JSON (JSON.parse), the exact rule finds every event equal', async () => {
    const parquet = await loadDataset(file('d.parquet'));
    const json = texts.map((t, id) => JSON.parse(`{"id": ${id}, "price": ${t}}`) as Record<string, unknown>);
    const r = compareEvents(parquet.map(({ id, price }) => ({ id, price })), json, { key: 'id' });
    // Read as Number(unscaled) / 10 ** 18, about a quarter of these differed by one unit in the last place.
    expect(r.counts.equal).toBe(N);
    expect(r.verdict).toBe('pass');
  });
});

describe('compareEventFiles: a wide DECIMAL compares as the double nearest it, as in memory', () => {
  test('DECIMAL(38, 30) against the same numbers in JSON Lines: every event equal in both engines', async () => {
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    // 2 integer and 4 decimal digits: DuckDB's cast to DOUBLE is one ulp off for about 1.5 % of these.
    const text = `((hash(i) % 100)::VARCHAR || '.' || lpad((hash(i * 7) % 10000)::VARCHAR, 4, '0'))`;
    await c.run(`COPY (SELECT i AS id, ${text}::DECIMAL(38, 30) AS x FROM range(${N}) t(i)) TO '${file('w.parquet')}' (FORMAT parquet)`);
    const t = (await c.runAndReadAll(`SELECT ${text} AS t FROM range(${N}) t(i) ORDER BY i`)).getRowObjectsJS().map((r) => r.t as string);
    const off = Number((await c.runAndReadAll(`SELECT count(*) FILTER (WHERE ${text}::DECIMAL(38, 30)::DOUBLE <> ${text}::DOUBLE) AS n FROM range(${N}) t(i)`)).getRows()[0][0]);
    c.closeSync();
    db.closeSync();
    writeFileSync(file('w.jsonl'), t.map((x, id) => `{"id": ${id}, "x": ${x}}`).join('\n'));
    // The premise: DuckDB's own cast misses some (else this test would prove nothing).
    expect(off).toBeGreaterThan(0);
    const files = await compareEventFiles(file('w.parquet'), file('w.jsonl'), { key: 'id' });
    const memory = compareEvents(await loadDataset(file('w.parquet')), await loadDataset(file('w.jsonl')), { key: 'id' });
    expect([files.counts.equal, memory.counts.equal]).toEqual([N, N]);
    // A real difference still shows: one value moved by 1e-4.
    writeFileSync(file('w2.jsonl'), t.map((x, id) => `{"id": ${id}, "x": ${id === 7 ? Number(x) + 1e-4 : x}}`).join('\n'));
    const moved = await compareEventFiles(file('w.parquet'), file('w2.jsonl'), { key: 'id' });
    expect(moved.fields.find((f) => f.field === 'x')!.examples.map((e) => e.key)).toEqual([7]);
  });
});

describe('loadDataset: wide DECIMALs in lists, lists of structs and maps', () => {
  test('every value is Number(its text), as top-level ones (hyparquet rounded them twice)', async () => {
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    const price = (k: string) => `((hash(i + ${k}) % 1000)::VARCHAR || '.' || lpad((hash(i * 7 + ${k}) % 1000000)::VARCHAR, 6, '0'))`;
    const select = `SELECT i AS id, [${price('1')}, ${price('2')}] AS lt, MAP {'a': ${price('3')}} AS mt,
        [${price('1')}::DECIMAL(38, 18), ${price('2')}::DECIMAL(38, 18)] AS l,
        [{'net': ${price('4')}::DECIMAL(38, 18)}] AS ls, MAP {'a': ${price('3')}::DECIMAL(38, 18)} AS m,
        {'inner': [${price('5')}::DECIMAL(38, 18)]} AS sl, [${price('5')}] AS slt, [${price('4')}] AS lst
      FROM range(${N}) t(i)`;
    await c.run(`COPY (SELECT * EXCLUDE (lt, mt, slt, lst) FROM (${select})) TO '${file('n.parquet')}' (FORMAT parquet)`);
    const expected = (await c.runAndReadAll(`SELECT lt, mt, slt, lst FROM (${select}) ORDER BY id`)).getRowObjectsJS() as { lt: string[]; mt: { key: string; value: string }[]; slt: string[]; lst: string[] }[];
    c.closeSync();
    db.closeSync();
    const rows = await loadDataset(file('n.parquet'));
    expect(rows).toHaveLength(N);
    expect(rows.map((r) => r.l)).toEqual(expected.map((e) => e.lt.map(Number)));
    expect(rows.map((r) => r.ls)).toEqual(expected.map((e) => e.lst.map((t) => ({ net: Number(t) }))));
    expect(rows.map((r) => r.m)).toEqual(expected.map((e) => Object.fromEntries(e.mt.map((x) => [x.key, Number(x.value)]))));
    expect(rows.map((r) => r.sl)).toEqual(expected.map((e) => ({ inner: e.slt.map(Number) })));
  });
});
