/**
 * JSON values compared as the in-memory engine compares them (defaultEquals on JSON.parse's
 * values), not by their text: a list written [1.0] equals [1], an object's keys may come in any
 * order, a list read as native numbers on one side equals the same list read as JSON values on
 * the other, and a path that is an object on one side and of mixed kinds on the other is compared
 * as one value (its members differed on every row). Ground truth is injected: the rows that
 * really differ; compareEvents on loadDataset's rows counts the same equal events.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { compareEventFiles } from '../../../src/duckdb/index.js';
import { compareEvents } from '../../../src/events/compareEvents.js';
import { loadDataset } from '../../../src/dataset/loadDataset.js';

const dir = mkdtempSync(join(tmpdir(), 'shadow-jsonvalues-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
/** 10 rows {"id":i,"v":…}, the value text of row i from `v`. */
const file = (v: (i: number) => string) => {
  const f = join(dir, `f${n++}.jsonl`);
  writeFileSync(f, Array.from({ length: 10 }, (_, i) => `{"id":${i},"v":${v(i)}}`).join('\n') + '\n');
  return f;
};

describe('compareEventFiles: JSON values by value, not by text', () => {
  test.each([
    ['[1.0, "a"] against [1, "a"] (a list of mixed kinds)', (i: number) => (i === 3 ? '[1.0,"a"]' : '[1,"a"]'), () => '[1,"a"]', 0],
    ['nested lists [[1.0],[2]] against [[1],[2]]', (i: number) => (i === 3 ? '[[1.0],[2]]' : '[[1],[2]]'), () => '[[1],[2]]', 0],
    ['objects inside a list, keys in another order', (i: number) => (i === 3 ? '[{"a":1,"b":2},"x"]' : '[{"b":2,"a":1},"x"]'), () => '[{"b":2,"a":1},"x"]', 0],
    ['a number list against one holding a null on row 5 (read as JSON values there)', () => '[1,2]', (i: number) => (i === 5 ? '[1,null]' : '[1,2]'), 1],
    ['an object against a string on row 5 (mixed kinds on that side)', () => '{"city":"Oslo","lat":1.5}', (i: number) => (i === 5 ? '"unknown"' : '{"city":"Oslo","lat":1.5}'), 1],
    ['[1e2] against [100]', () => '[1e2,"a"]', () => '[100,"a"]', 0],
  ])('%s', async (_, l, s, differing) => {
    const [lf, sf] = [file(l), file(s)];
    const r = await compareEventFiles(lf, sf, { key: 'id', minMatchRate: 0 });
    const memory = compareEvents(await loadDataset(lf), await loadDataset(sf), { key: 'id', minMatchRate: 0 });
    expect(r.counts.equal).toBe(10 - differing);
    expect(r.counts).toEqual(memory.counts);
  });
});
