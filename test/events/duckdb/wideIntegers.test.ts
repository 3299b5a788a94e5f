/**
 * Integers past ±(2^53 − 1) in BIGINT/UBIGINT/HUGEINT columns: loadDataset reads them as BigInt,
 * which compareEvents never finds equal to a number. compareEventFiles compared and joined them
 * with a DOUBLE column through DOUBLE, so 9007199254740993 equalled 9007199254740992.0 (a false
 * pass: an id or amount column a pipeline turned into floats). Ground truth is injected (which
 * rows and keys differ); the in-memory engine on loadDataset gives the same report. Two integer
 * columns are compared through their exact difference (through DOUBLE, 2^53 + 7 and 2^53 + 9 were
 * equal and passed any tolerance), in both engines, tolerances applying.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { compareEventFiles } from '../../../src/duckdb/index.js';
import { compareEvents } from '../../../src/events/compareEvents.js';
import { loadDataset } from '../../../src/dataset/loadDataset.js';
import { comparable } from './_differential.js';

const dir = mkdtempSync(join(tmpdir(), 'shadow-wideint-'));
const file = (name: string) => join(dir, name);
const BIG = '9007199254740993'; // 2^53 + 1: the double nearest it is 2^53

beforeAll(async () => {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  // 40 rows; ids past 2^53 at rows 0-9 (BIG + 1000 i: odd, so no double holds one, and their
  // roundings stay distinct), small ids after; amount past 2^53 at rows 0-19.
  const id = `(CASE WHEN i < 10 THEN ${BIG}::BIGINT + 1000 * i ELSE i::BIGINT END)`;
  const amount = `(CASE WHEN i < 20 THEN ${BIG}::BIGINT + 2 * i ELSE i * 10 END)`;
  const write = (sql: string, name: string) => c.run(`COPY (${sql} FROM range(40) t(i)) TO '${file(name)}' (FORMAT parquet)`);
  await write(`SELECT ${id} AS id, ${amount} AS amount, i * 0.5 AS price`, 'legacy.parquet');
  // The amount as a float column (a pipeline that went through float64): every row past 2^53 differs.
  await write(`SELECT ${id} AS id, ${amount}::DOUBLE AS amount, i * 0.5 AS price`, 'amount-double.parquet');
  // BIGINT both sides, +2 at rows 3 and 25 (one past 2^53, one small): under abs 10, only the BigInt row differs.
  await write(`SELECT ${id} AS id, ${amount} + CASE WHEN i IN (3, 25) THEN 2 ELSE 0 END AS amount, i * 0.5 AS price`, 'amount-plus2.parquet');
  // The id as a float column: the 10 ids past 2^53 no longer join; the others do.
  await write(`SELECT ${id}::DOUBLE AS id, ${amount} AS amount, i * 0.5 AS price`, 'id-double.parquet');
  // The amount as a float column holding 2^53 − 3 at row 0 (a safe integer, 4 below BIG): the one
  // row past 2^53 whose exact difference a tolerance of 5 accepts; rows 1-19 are roundings.
  await write(`SELECT ${id} AS id, (CASE WHEN i = 0 THEN 9007199254740989 ELSE ${amount} END)::DOUBLE AS amount, i * 0.5 AS price`, 'amount-double-near.parquet');
  // UBIGINT ids on the shadow: the same values, joined exactly.
  await write(`SELECT ${id}::UBIGINT AS id, ${amount} AS amount, i * 0.5 AS price`, 'id-ubigint.parquet');
  c.closeSync();
  db.closeSync();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function both(shadow: string, options: Parameters<typeof compareEventFiles>[2]) {
  const files = await compareEventFiles(file('legacy.parquet'), file(shadow), options);
  const memory = compareEvents(await loadDataset(file('legacy.parquet')), await loadDataset(file(shadow)), options);
  expect(comparable(files)).toEqual(comparable(memory));
  return files;
}

describe('compareEventFiles: integers past 2^53', () => {
  test('a BIGINT amount against its DOUBLE rounding: each of the 20 rows past 2^53 is a mismatch, with no delta', async () => {
    const r = await both('amount-double.parquet', { key: 'id', fields: { amount: { abs: 1 } }, minMatchRate: 0 });
    const f = r.fields.find((x) => x.field === 'amount')!;
    expect(f.mismatches).toBe(20);
    expect(r.counts).toMatchObject({ matched: 40, equal: 20 });
    expect(f.delta?.n).toBe(20);
  });

  test('BIGINT on both sides: the exact difference, so 2^53 + 7 against 2^53 + 9 differs by 2 (through DOUBLE, by 0)', async () => {
    // Rows 3 (past 2^53) and 25 are 2 apart: within abs 10, outside abs 1.
    const within = await both('amount-plus2.parquet', { key: 'id', fields: { amount: { abs: 10 } }, minMatchRate: 0 });
    expect(within.fields.find((x) => x.field === 'amount')!.mismatches).toBe(0);
    expect(within.fields.find((x) => x.field === 'amount')!.delta).toMatchObject({ n: 40, maxAbs: 2 });
    const outside = await both('amount-plus2.parquet', { key: 'id', fields: { amount: { abs: 1 } }, minMatchRate: 0 });
    const f = outside.fields.find((x) => x.field === 'amount')!;
    expect(f.mismatches).toBe(2);
    expect(f.examples.map((e) => [e.legacy, e.shadow])).toContainEqual([BigInt(BIG) + 6n, BigInt(BIG) + 8n]);
    const exact = await both('amount-plus2.parquet', { key: 'id', fields: {}, minMatchRate: 0 });
    expect(exact.groups.flatMap((g) => g.examples.map((e) => e.key)).sort()).toEqual([25, BigInt(BIG) + 3000n]);
  });

  test('a BIGINT past 2^53 against a DOUBLE holding a safe integer: their exact difference, the tolerance applying', async () => {
    const r = await both('amount-double-near.parquet', { key: 'id', fields: { amount: { abs: 5 } }, minMatchRate: 0 });
    const f = r.fields.find((x) => x.field === 'amount')!;
    // Row 0 is 4 apart (accepted); rows 1-19 are roundings (mismatches without a delta).
    expect(f.mismatches).toBe(19);
    expect(f.delta).toMatchObject({ n: 21, maxAbs: 4 });
  });

  test('a BIGINT key against its DOUBLE rounding: the 10 keys past 2^53 are missing and extra, never paired', async () => {
    // amount left out: BIGINT on both sides, compared as numbers here (see the test above).
    const r = await both('id-double.parquet', { key: 'id', fields: { amount: 'ignore' }, minMatchRate: 0, maxMissingRate: 1, maxExtraRate: 1 });
    expect(r.counts).toMatchObject({ matched: 30, missing: 10, extra: 10 });
  });

  test('a BIGINT key against the same UBIGINT values pairs every row', async () => {
    const r = await both('id-ubigint.parquet', { key: 'id', fields: { amount: 'ignore' } });
    expect(r.counts).toMatchObject({ matched: 40, equal: 40 });
    expect(r.verdict).toBe('pass');
  });
});
