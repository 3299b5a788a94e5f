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

test('DeltaSink reads a chunk alike from the typed array the binding exposes and item by item', () => {
  // A chunk with a NULL (NaN once coalesced), an infinity, zeros of both signs and negatives.
  const chunk = [0.5, -2, 0, -0, NaN, Infinity, 3, null];
  const viaItems = new DeltaSink(1, 4);
  viaItems.add([{ items: Float64Array.from(chunk.map((x) => x ?? NaN)) } as never], chunk.length);
  const itemByItem = new DeltaSink(1, 4);
  itemByItem.add([{ getItem: (r: number) => chunk[r] } as never], chunk.length);
  for (const sink of [viaItems, itemByItem]) {
    expect([...sink.values[0].subarray(0, sink.lengths[0])]).toEqual([0.5, 2, 3]);
    expect(sink.zeros[0]).toBe(2);
  }
});

test('DeltaSink keeps every value while it touches the pages ahead of each array between chunks', async () => {
  // Between chunks the sink writes zeros ahead of each array's end (fresh memory pages fault
  // there, not inside a collector call): the values already held must survive it, through the
  // arrays' growth (expected 16) and when presized (expected larger than all of them).
  const r = rng(15);
  for (const expectedSize of [16, 50_000]) {
    const sink = new DeltaSink(2, expectedSize);
    const want: number[][] = [[], []];
    for (let c = 0; c < 40; c++) {
      const n = 1 + Math.floor(r() * 1100);
      const cols = [0, 1].map((k) => Float64Array.from({ length: n }, () => (k === 1 && r() < 0.5 ? 0 : r() - 0.5)));
      cols.forEach((col, k) => col.forEach((x) => x !== 0 && want[k].push(Math.abs(x))));
      sink.add(cols.map((items) => ({ items })) as never, n);
      await new Promise((done) => setImmediate(done));
      await new Promise((done) => setImmediate(done));
    }
    for (const k of [0, 1]) expect([...sink.values[k].subarray(0, sink.lengths[k])]).toEqual(want[k]);
    expect(want[0].length).toBeGreaterThan(10_000);
  }
});
