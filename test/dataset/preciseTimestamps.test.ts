import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadDataset } from '../../src/dataset/loadDataset.js';
import { PreciseDate } from '../../src/dataset/preciseDate.js';
import { compareEvents } from '../../src/events/compareEvents.js';
import { compareEventFiles } from '../../src/events/duckdb/compareEventFiles.js';
import { compareEventSources } from '../../src/suite/compareEventSources.js';
import { defaultEquals } from '../../src/tolerance/defaultEquals.js';
import { toEpochMs } from '../../src/tolerance/toEpochMs.js';
import { comparable } from '../events/duckdb/_differential.js';

// Parquet timestamps in microseconds (the usual unit of Spark and pandas). Read as millisecond
// Dates, 10:00:00.000100 and 10:00:00.000900 were one value in memory and two on DuckDB.

const dir = mkdtempSync(join(tmpdir(), 'precise-ts-'));
const file = (n: string) => join(dir, n);
const N = 400;
// Ground truth, injected: µs offset of row i in legacy; the shadow truncates rows i % 10 == 0 to
// the millisecond and shifts rows i % 10 == 1 by +700 µs; every other row is the same time.
const legacyUs = (i: number) => 1_704_067_200_000_000 + i * 1_000 + ((i * 37) % 1000);
const shadowUs = (i: number) => (i % 10 === 0 ? legacyUs(i) - ((i * 37) % 1000) : i % 10 === 1 ? legacyUs(i) + 700 : legacyUs(i));
const truncated = Array.from({ length: N }, (_, i) => i).filter((i) => i % 10 === 0 && (i * 37) % 1000 !== 0);
const shifted = Array.from({ length: N }, (_, i) => i).filter((i) => i % 10 === 1);
const truncatedOver500 = truncated.filter((i) => (i * 37) % 1000 > 500);

let duckIso: string[] = [];
let duckEpoch: number[] = [];

beforeAll(async () => {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  const side = (us: (i: number) => number) => Array.from({ length: N }, (_, i) => `(${i}, ${us(i)})`).join(', ');
  for (const [name, us] of [['l', legacyUs], ['s', shadowUs]] as const) {
    await c.run(`CREATE TABLE ${name} AS SELECT id::INTEGER AS id, make_timestamp(us::BIGINT) AS ts, make_timestamp(us::BIGINT)::TIMESTAMP_NS + INTERVAL 0 SECOND AS tns FROM (VALUES ${side(us)}) v(id, us)`);
    // The shadow in another row order, as a second pipeline writes it.
    await c.run(`COPY (SELECT * FROM ${name} ORDER BY ${name === 's' ? 'hash(id)' : 'id'}) TO '${file(`${name}.parquet`)}' (FORMAT parquet)`);
  }
  // What DuckDB itself says the legacy times are: their text to the microsecond and epoch_us / 1000.
  const r = await c.runAndReadAll(`SELECT strftime(ts, '%Y-%m-%dT%H:%M:%S.%fZ') AS iso, epoch_us(ts) / 1000.0 AS ms FROM l ORDER BY id`);
  duckIso = r.getRowObjectsJS().map((x) => x.iso as string);
  duckEpoch = r.getRowObjectsJS().map((x) => x.ms as number);
  c.closeSync();
  db.closeSync();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('PreciseDate', () => {
  test('keeps what a Date drops, and prints the digits the time needs', () => {
    const a = PreciseDate.fromMicros(1_704_067_200_000_100n);
    expect([a.getTime(), a.subMillisecondNanos, a.toISOString(), JSON.stringify({ a })]).toEqual([1_704_067_200_000, 100_000, '2024-01-01T00:00:00.000100Z', '{"a":"2024-01-01T00:00:00.000100Z"}']);
    // Before 1970 the millisecond is the one at or before the time (floor, not truncation).
    const b = PreciseDate.fromMicros(-1n);
    expect([b.getTime(), b.subMillisecondNanos, b.toISOString()]).toEqual([-1, 999_000, '1969-12-31T23:59:59.999999Z']);
    // The same time read in µs and in ns is one value and prints alike; a whole ms prints as a Date.
    expect(PreciseDate.fromNanos(1_704_067_200_000_100_000n).toISOString()).toBe(a.toISOString());
    expect(defaultEquals(PreciseDate.fromNanos(1_704_067_200_000_100_000n), a)).toBe(true);
    expect(PreciseDate.fromNanos(1_704_067_200_000_000_001n).toISOString()).toBe('2024-01-01T00:00:00.000000001Z');
    expect(PreciseDate.fromMicros(1_704_067_200_000_000n).toISOString()).toBe(new Date(1_704_067_200_000).toISOString());
    expect(defaultEquals(PreciseDate.fromMicros(1_704_067_200_000_000n), new Date(1_704_067_200_000))).toBe(true);
    expect(defaultEquals(a, new Date(1_704_067_200_000))).toBe(false);
    expect(() => new PreciseDate(0, 1_000_000)).toThrow(/subMillisecondNanos must be an integer in \[0, 999999\]/);
    // Near 2^53 µs (year 2255) and past it, against BigInt division as the reference.
    for (const us of [2n ** 53n - 1n, 2n ** 53n - 1001n, 8_999_999_999_999_999n, 2n ** 53n + 999n, -(2n ** 53n) + 1n, -1001n]) {
      const d = PreciseDate.fromMicros(us);
      const ms = us >= 0n ? us / 1000n : -((-us + 999n) / 1000n);
      expect([d.getTime(), d.subMillisecondNanos]).toEqual([Number(ms), Number(us - ms * 1000n) * 1000]);
    }
  });

  test('its text and epoch are the ones DuckDB gives for the same TIMESTAMP', async () => {
    const rows = await loadDataset(file('l.parquet'));
    // DuckDB's %f prints 6 digits; a time on a whole millisecond prints 3, as a Date does.
    expect(rows.map((r) => (r.ts as Date).toISOString())).toEqual(duckIso.map((x) => x.replace(/(\.\d{3})000Z$/, '$1Z')));
    expect(rows.map((r) => toEpochMs(r.ts))).toEqual(duckEpoch);
    expect(rows.every((r) => r.ts instanceof PreciseDate && r.tns instanceof PreciseDate)).toBe(true);
  });
});

describe('µs timestamps: the same report in memory and on DuckDB', () => {
  test('exact: the truncated and shifted rows are the mismatches in both engines, shown to the µs', async () => {
    const options = { key: 'id', fields: { tns: 'ignore' as const } };
    const mem = compareEvents(await loadDataset(file('l.parquet')), await loadDataset(file('s.parquet')), options);
    const files = await compareEventFiles(file('l.parquet'), file('s.parquet'), options);
    expect(comparable(files)).toEqual(comparable(mem));
    expect(mem.fields.find((f) => f.field === 'ts')!.mismatches).toBe(truncated.length + shifted.length);
    expect(mem.verdict).toBe('fail');
    const ex = (r: typeof mem) => JSON.parse(JSON.stringify(r.fields.find((f) => f.field === 'ts')!.examples[0])) as unknown;
    expect(ex(files)).toEqual(ex(mem));
    expect(ex(mem)).toEqual({ key: 1, legacy: duckIso[1], shadow: expect.stringMatching(/^2024-01-01T00:00:00\.001737Z$/) });
  });

  test('a time rule of 500 µs: the +700 µs shifts and the truncations by more than 500 µs fail, in both engines and through the suite either way', async () => {
    const options = { key: 'id', fields: { ts: { time: '500us' }, tns: { time: '500us' } } };
    const mem = compareEvents(await loadDataset(file('l.parquet')), await loadDataset(file('s.parquet')), options);
    const files = await compareEventFiles(file('l.parquet'), file('s.parquet'), options);
    expect(comparable(files)).toEqual(comparable(mem));
    const n = shifted.length + truncatedOver500.length;
    expect(mem.fields.map((f) => [f.field, f.mismatches]).sort()).toEqual([['tns', n], ['ts', n]]);
    expect(mem.fields.find((f) => f.field === 'ts')!.delta!.maxAbs).toBeCloseTo(Math.max(0.7, ...truncatedOver500.map((i) => ((i * 37) % 1000) / 1000)), 3); // epoch ms near 1.7e12: a double's step is 2^-12 ms
    const viaMemory = await compareEventSources(file('l.parquet'), file('s.parquet'), { ...options, engine: 'memory' });
    const viaDuckDb = await compareEventSources(file('l.parquet'), file('s.parquet'), { ...options, engine: 'duckdb' });
    expect([viaMemory.run.engine, viaDuckDb.run.engine]).toEqual(['memory', 'duckdb']);
    expect(comparable(viaMemory.report)).toEqual(comparable(viaDuckDb.report));
  });

  test('µs timestamps as the key: two events in one millisecond are two keys, not a duplicate', async () => {
    const options = { key: 'ts', fields: { id: 'ignore' as const, tns: 'ignore' as const } };
    const l = await loadDataset(file('l.parquet'));
    const mem = compareEvents(l, structuredClone(l).map((r, i) => ({ ...r, ts: l[i].ts })), options);
    expect(mem.counts).toMatchObject({ legacy: N, matched: N, legacyDuplicateKeys: 0 });
    const files = await compareEventFiles(file('l.parquet'), file('s.parquet'), options);
    const memVsShadow = compareEvents(l, await loadDataset(file('s.parquet')), options);
    expect(comparable(files)).toEqual(comparable(memVsShadow));
    expect(files.counts).toMatchObject({ matched: N - truncated.length - shifted.length, missing: truncated.length + shifted.length, legacyDuplicateKeys: 0, shadowDuplicateKeys: 0 });
  });
});

describe('µs timestamps order sequences', () => {
  test('two events in one millisecond swapped by the shadow: a reordered sequence in memory and on files alike', async () => {
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    // Entity u0..u49, three events each within one millisecond; the shadow swaps the first two
    // (by their microseconds) for the even entities only.
    for (const [name, swap] of [['seql', false], ['seqs', true]] as const) {
      await c.run(`COPY (SELECT 'u' || (i // 3) AS user, 'e' || i AS eventId,
          make_timestamp(1704067200000000 + (i // 3) * 1000 + CASE WHEN ${swap} AND (i // 3) % 2 = 0 AND i % 3 < 2 THEN 500 - (i % 3) * 400 ELSE 100 + (i % 3) * 400 END) AS ts
        FROM range(150) t(i) ORDER BY ${swap ? 'hash(i)' : 'i'}) TO '${file(`${name}.parquet`)}' (FORMAT parquet)`);
    }
    c.closeSync();
    db.closeSync();
    const options = { entity: 'user', orderBy: 'ts', id: 'eventId' };
    const { compareSequences } = await import('../../src/sequences/compareSequences.js');
    const { compareSequenceFiles } = await import('../../src/sequences/duckdb/compareSequenceFiles.js');
    const mem = compareSequences(await loadDataset(file('seql.parquet')), await loadDataset(file('seqs.parquet')), options);
    const files = await compareSequenceFiles(file('seql.parquet'), file('seqs.parquet'), options);
    expect(mem.classes).toEqual(files.classes);
    const cls = Object.fromEntries(mem.classes.map((k) => [k.class, [k.entities, k.events]]));
    // The 25 even entities: one event out of place, and the two swapped events at other times.
    expect(cls).toEqual({ reordered: [25, 25], 'time-shifted': [25, 50] });
    expect(mem.classes[0].examples.slice(0, 3)).toEqual(['u0', 'u10', 'u12']);
  });
});

describe('µs timestamps in consumer queries', () => {
  test('a query returning the last time per key sees a truncation to the millisecond', async () => {
    const { compareQueries } = await import('../../src/queries/compareQueries.js');
    const q = [{ name: 'last seen', consumer: 'alerts', sql: 'SELECT id % 10 AS bucket, max(ts) AS last FROM data GROUP BY 1' }];
    const same = await compareQueries(file('l.parquet'), file('l.parquet'), q);
    expect(same.verdict).toBe('pass');
    const r = await compareQueries(file('l.parquet'), file('s.parquet'), q);
    // Ground truth: the last legacy time of each bucket is row 390 + b; b = 0 is truncated (offset
    // 430 µs), b = 1 shifted: two buckets differ, each shown to the microsecond.
    expect(r.verdict).toBe('fail');
    const events = r.queries[0].report;
    expect(events.fields.find((f) => f.field === 'last')!.mismatches).toBe(2);
    expect(JSON.parse(JSON.stringify(events.fields.find((f) => f.field === 'last')!.examples[0]))).toEqual({ key: 0, legacy: '2024-01-01T00:00:00.390430Z', shadow: '2024-01-01T00:00:00.390Z' });
  });

  test('under a time rule the result times keep their microseconds: 0.43 ms and 0.7 ms apart are within 800 µs', async () => {
    const { compareQueries } = await import('../../src/queries/compareQueries.js');
    const q = (time: string) => [{ name: 'last seen', consumer: 'alerts', sql: 'SELECT id % 10 AS bucket, max(ts) AS last FROM data GROUP BY 1', fields: { last: { time } } }];
    // Read to the millisecond, bucket 1 (…391.467 against …392.167) was 1 ms apart and failed.
    expect((await compareQueries(file('l.parquet'), file('s.parquet'), q('800us'))).verdict).toBe('pass');
    const r = await compareQueries(file('l.parquet'), file('s.parquet'), q('600us'));
    expect(r.queries[0].report.fields.find((f) => f.field === 'last')!.mismatches).toBe(1);
  });
});
