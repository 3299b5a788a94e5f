/**
 * compareEventFiles streams the |delta| values of numeric fields to JS (a collector function
 * called by DuckDB's worker threads, chunk by chunk) and takes their statistics there. Every
 * finite delta of every pair must arrive once: a chunk lost, counted twice or read at the wrong
 * offset moves the quantiles. Ground truth: the deltas injected, sorted here and interpolated as
 * numpy's default (linear) quantile, independent of the engine's selection code.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { compareEventFiles } from '../../../src/duckdb/index.js';
import { compareEvents } from '../../../src/index.js';
import { writeJsonl, writeParquet } from './_files.js';
import { DeltaSink } from '../../../src/events/duckdb/_internal/deltaSink.js';
import { doubles, registerCollector } from '../../../src/events/duckdb/_internal/udfs.js';
import { DuckDBInstance } from '@duckdb/node-api';
import { rng, shuffled } from '../../_helpers/events.js';

const dir = mkdtempSync(join(tmpdir(), 'shadow-deltas-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const N = 30_000;
const rand = rng(20261206);
/** Injected per pair: price noise on a continuous scale (some exact zeros), qty an integer offset, one NaN and one Infinity price (left out). */
const legacy = Array.from({ length: N }, (_, i) => ({ id: i, price: 100 + (i % 97), qty: i % 13 }));
const priceDelta = legacy.map((_, i) => (i % 10 === 0 ? 0 : (rand() - 0.5) * 1e-3));
const qtyDelta = legacy.map(() => Math.floor(rand() * 7) - 3);
// Rows in another order on the shadow side: the join emits pairs in no fixed order.
const shadow = shuffled(
  legacy.map((r, i) => ({ id: r.id, price: i === 7 ? NaN : i === 8 ? Infinity : r.price + priceDelta[i], qty: r.qty + qtyDelta[i] })),
  7,
);

/** |delta| as the files hold them (the shadow value minus the legacy one, in doubles), NaN and Infinity left out. */
function expected(field: 'price' | 'qty') {
  const byId = new Map(shadow.map((r) => [r.id, r[field]]));
  const d = legacy.map((r) => Math.abs(byId.get(r.id)! - r[field])).filter(Number.isFinite).sort((a, b) => a - b);
  const q = (p: number) => {
    const h = (d.length - 1) * p;
    const lo = Math.floor(h);
    return lo === h ? d[lo] : d[lo] + (h - lo) * (d[lo + 1] - d[lo]);
  };
  return { n: d.length, maxAbs: d[d.length - 1], meanAbs: d.reduce((a, b) => a + b, 0) / d.length, p50Abs: q(0.5), p99Abs: q(0.99) };
}

const options = { key: 'id', fields: { price: { abs: 1e-4 }, qty: { abs: 2 } } } as const;

describe('compareEventFiles: |delta| statistics streamed from DuckDB', () => {
  for (const format of ['parquet', 'jsonl'] as const) {
    test(`every finite delta of ${N} shuffled pairs arrives once (${format})`, async () => {
      const l = join(dir, `l.${format}`);
      const s = join(dir, `s.${format}`);
      // JSON has no NaN or Infinity: those rows carry a string there, which is not a number either.
      const onFile = format === 'jsonl' ? shadow.map((r) => (Number.isFinite(r.price) ? r : { ...r, price: String(r.price) })) : shadow;
      if (format === 'jsonl') {
        writeJsonl(l, legacy);
        writeJsonl(s, onFile);
      } else {
        await writeParquet(l, legacy, { id: 'BIGINT', price: 'DOUBLE', qty: 'BIGINT' });
        await writeParquet(s, shadow, { id: 'BIGINT', price: 'DOUBLE', qty: 'BIGINT' });
      }
      const report = await compareEventFiles(l, s, { ...options, threads: 2 });
      for (const field of ['price', 'qty'] as const) {
        const got = report.fields.find((f) => f.field === field)!.delta!;
        const want = expected(field);
        expect(got.n).toBe(want.n);
        expect(got.maxAbs).toBe(want.maxAbs);
        expect(got.p50Abs).toBe(want.p50Abs);
        expect(got.p99Abs).toBe(want.p99Abs);
        expect(got.meanAbs).toBeCloseTo(want.meanAbs, 12);
        // The in-memory engine on the same rows gives the same statistics.
        const mem = compareEvents(legacy, onFile, options).fields.find((f) => f.field === field)!.delta!;
        expect({ ...got, meanAbs: 0 }).toEqual({ ...mem, meanAbs: 0 });
      }
      expect(report.fields.find((f) => f.field === 'price')!.delta!.n).toBe(N - 2);
    });
  }
});

test('the collector reads a chunk alike from the typed array the binding exposes and item by item', () => {
  // A chunk with a NULL (NaN once coalesced), an infinity, zeros of both signs and negatives.
  const chunk = [0.5, -2, 0, -0, NaN, Infinity, 3, null];
  for (const x of [doubles({ items: Float64Array.from(chunk.map((v) => v ?? NaN)) } as never, 8), doubles({ getItem: (r: number) => chunk[r] } as never, 8)]) {
    const sink = new DeltaSink(1);
    sink.add([x], chunk.length);
    expect(sink.parts[0].map((p) => [...p])).toEqual([[0.5, 2, 3]]);
    expect(sink.lengths[0]).toBe(3);
    expect(sink.zeros[0]).toBe(2);
    expect(sink.rows).toBe(8);
  }
});

test("the collector's arrays are its own: kept past the call, they still hold their chunk once the query is done", async () => {
  // DeltaSink keeps the binding's arrays instead of copying them (see registerCollector). Were
  // they views of DuckDB's vectors, later chunks and the query's end would overwrite them.
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  try {
    const kept: Float64Array[][] = [];
    registerCollector(c, 'keep', 2, (columns, n) => kept.push(columns.map((x) => x.subarray(0, n))));
    const r = await c.runAndReadAll(`SELECT count(keep(i::DOUBLE, (i * 3)::DOUBLE)) AS n FROM range(200000) t(i)`);
    expect(Number(r.getRowObjectsJS()[0].n)).toBe(200_000);
    // Each chunk holds i and 3i for its rows: every value of i in [0, 200000) once, and 3i beside it.
    const seen = new Uint8Array(200_000);
    for (const [a, b] of kept) {
      a.forEach((v, j) => {
        expect(b[j]).toBe(3 * v);
        seen[v]++;
      });
    }
    expect(seen.every((x) => x === 1)).toBe(true);
    expect(kept.length).toBeGreaterThan(50);
  } finally {
    c.closeSync();
    db.closeSync();
  }
});

test('DeltaSink keeps every chunk in order: a dense one in place, a sparse one copied out of its chunk', () => {
  // The chunks are the collector's own arrays: a field with values in most rows keeps the front
  // of the chunk's array (no second copy); one with few keeps a copy of them alone (about 8 bytes
  // per value, not per row), so the collector's array can go.
  const r = rng(15);
  const sink = new DeltaSink(2);
  const want: number[][] = [[], []];
  const chunks: Float64Array[][] = [];
  for (let c = 0; c < 40; c++) {
    const n = 1 + Math.floor(r() * 1100);
    const cols = [0, 1].map((k) => Float64Array.from({ length: n }, () => (k === 1 && r() < 0.95 ? 0 : r() - 0.5)));
    cols.forEach((col, k) => col.forEach((x) => x !== 0 && want[k].push(Math.abs(x))));
    chunks.push(cols);
    sink.add(cols, n);
  }
  for (const k of [0, 1]) {
    expect(sink.parts[k].flatMap((x) => [...x])).toEqual(want[k]);
    expect(sink.lengths[k]).toBe(want[k].length);
  }
  expect(want[0].length).toBeGreaterThan(10_000);
  // Dense: views of the chunks' arrays; sparse: arrays of their own.
  expect(sink.parts[0].every((x, c) => x.buffer === chunks[c][0].buffer)).toBe(true);
  expect(sink.parts[1].some((x) => chunks.some((cols) => cols[1].buffer === x.buffer))).toBe(false);
});
