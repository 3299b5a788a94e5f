/**
 * Which examples a report shows, for a composite key: the first by key, part by part, in both
 * engines. compareEventFiles orders a composite key as DuckDB orders a struct (its first part, then
 * the next); compareEvents ordered its encoding of the tuple, in which a string carried its length
 * first, so ['u6', …] came before ['u11', …] and numbers sorted as text: on the same files the two
 * engines showed different events. Expected order: DuckDB's ORDER BY over the injected keys.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, test } from 'vitest';
import { compareEvents } from '../../../src/events/compareEvents.js';
import { compareEventFilesWithPlan } from '../../../src/events/duckdb/compareEventFiles.js';
import { loadDataset } from '../../../src/dataset/loadDataset.js';
import { writeJsonl } from './_files.js';

const dir = mkdtempSync(join(tmpdir(), 'shadow-composite-examples-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Entities of different lengths, sequence numbers negative, fractional and past 10; every pair differs in `v`.
const entities = ['u6', 'u11', 'u2', 'a', 'u1', 'ü', 'u10'];
const seqs = [10, -5, 2, -0.5, 0, 1e3, 9];
const rows = (side: number) => entities.flatMap((entity) => seqs.map((seq) => ({ entity, seq, v: side })));

async function duckOrder(): Promise<[string, number][]> {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  try {
    const values = entities.flatMap((e) => seqs.map((s) => `('${e}', ${s}::DOUBLE)`)).join(', ');
    return (await c.runAndReadAll(`SELECT e, s FROM (VALUES ${values}) t(e, s) ORDER BY e, s`)).getRows() as [string, number][];
  } finally {
    c.closeSync();
    db.closeSync();
  }
}

describe('examples of a composite key: the first by key, part by part, in both engines', () => {
  test.each(['auto', 'pairTable'] as const)('compareEvents and compareEventFiles (%s plan) show the same events, in DuckDB\'s order', async (plan) => {
    const l = join(dir, `l-${plan}.jsonl`);
    const s = join(dir, `s-${plan}.jsonl`);
    // Written in another order than the keys', the shadow reversed.
    writeJsonl(l, rows(0));
    writeJsonl(s, rows(1).reverse());
    const options = { key: ['entity', 'seq'], maxExamples: 12 };
    const expected = (await duckOrder()).slice(0, 12);
    expect(expected.slice(0, 3)).toEqual([['a', -5], ['a', -0.5], ['a', 0]]);
    const memory = compareEvents(await loadDataset(l), await loadDataset(s), options);
    const files = await compareEventFilesWithPlan(l, s, options, plan);
    for (const r of [memory, files]) {
      const v = r.fields.find((f) => f.field === 'v')!;
      expect(v.mismatches).toBe(entities.length * seqs.length);
      expect(v.examples.map((e) => e.key)).toEqual(expected);
      expect(r.groups[0].examples.map((e) => e.key)).toEqual(expected.slice(0, r.groups[0].examples.length));
    }
  });

  test('missing and extra keys likewise', async () => {
    const l = join(dir, 'ml.jsonl');
    const s = join(dir, 'ms.jsonl');
    writeJsonl(l, rows(0));
    writeJsonl(s, [{ entity: 'zz', seq: 0, v: 0 }]);
    const options = { key: ['entity', 'seq'], maxExamples: 8, minMatchRate: 0 };
    const memory = compareEvents(await loadDataset(l), await loadDataset(s), options);
    const files = await compareEventFilesWithPlan(l, s, options, 'auto');
    const expected = (await duckOrder()).slice(0, 8);
    expect(memory.examples.missing).toEqual(expected);
    expect(files.examples.missing).toEqual(expected);
    expect(memory.examples.extra).toEqual([['zz', 0]]);
    expect(files.examples.extra).toEqual([['zz', 0]]);
  });
});

/**
 * A key read as JSON values on files (its kinds mixed: numbers on one side, some strings on the
 * other) is a tagged text there ('n11', 's07'), which ordered 11 before 2: the examples shown were
 * other events than memory's, which orders numbers first, by value, then strings.
 */
describe('examples of a key whose kinds are mixed', () => {
  test.each(['auto', 'pairTable'] as const)('compareEventFiles (%s plan) shows the events memory shows', async (plan) => {
    const l = join(dir, `mixed-l-${plan}.jsonl`);
    const s = join(dir, `mixed-s-${plan}.jsonl`);
    const ids = [11, 2, 30, 4, 100, 5];
    writeJsonl(l, ids.map((id) => ({ id, v: 0 })));
    // The shadow writes two ids as strings ('07' and 'x' are extra), every value differs.
    writeJsonl(s, [...ids.map((id) => ({ id, v: 1 })), { id: '07', v: 1 }, { id: 'x', v: 1 }]);
    const options = { key: 'id', maxExamples: 4, maxExtraRate: 1, minMatchRate: 0 };
    const memory = compareEvents(await loadDataset(l), await loadDataset(s), options);
    const files = await compareEventFilesWithPlan(l, s, options, plan);
    // Numbers by value: 2, 4, 5, 11 (not 100, 11, 2, 30 as text).
    for (const r of [memory, files]) {
      expect(r.fields.find((f) => f.field === 'v')!.examples.map((e) => e.key)).toEqual([2, 4, 5, 11]);
      expect(r.examples.extra).toEqual(['07', 'x']);
    }
  });
});

/**
 * String keys past U+FFFF against keys in U+E000–U+FFFF: JavaScript's `<` compares UTF-16 code
 * units, in which a surrogate (D800–DFFF) comes before E000, so memory put '😀' (U+1F600) before
 * '～' (U+FF5E); DuckDB compares UTF-8 bytes, the order of code points, and put '～' first. The
 * two engines showed other examples, and the sequence tier broke ties on id in other orders.
 * Expected order: DuckDB's ORDER BY over the injected keys.
 */
describe('examples of string keys beyond the Basic Multilingual Plane', () => {
  const ids = ['～a', '😀', 'z', '\uE000', '𝔸x', 'ﬀ', 'a😀', 'a～', 'é'];
  async function duckStrings(values: readonly string[]): Promise<string[]> {
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    try {
      return (await c.runAndReadAll(`SELECT v FROM (VALUES ${values.map((v) => `('${v}')`).join(', ')}) t(v) ORDER BY v`)).getRows().map((r) => r[0] as string);
    } finally {
      c.closeSync();
      db.closeSync();
    }
  }

  test.each(['auto', 'pairTable'] as const)('compareEvents and compareEventFiles (%s plan) show the same first keys, in code point order', async (plan) => {
    const l = join(dir, `bmp-l-${plan}.jsonl`);
    const s = join(dir, `bmp-s-${plan}.jsonl`);
    writeJsonl(l, [...ids.map((id) => ({ id, v: 0 })), ...ids.map((id) => ({ id: `m${id}`, v: 0 }))]);
    writeJsonl(s, [...ids.map((id) => ({ id, v: 1 })).reverse(), ...ids.map((id) => ({ id: `x${id}`, v: 0 }))]);
    const options = { key: 'id', maxExamples: 4, minMatchRate: 0, maxMissingRate: 1, maxExtraRate: 1 };
    const expected = await duckStrings(ids);
    expect(expected.indexOf('～a')).toBeLessThan(expected.indexOf('😀'));
    const memory = compareEvents(await loadDataset(l), await loadDataset(s), options);
    const files = await compareEventFilesWithPlan(l, s, options, plan);
    for (const r of [memory, files]) {
      expect(r.fields.find((f) => f.field === 'v')!.examples.map((e) => e.key)).toEqual(expected.slice(0, 4));
      expect(r.examples.missing).toEqual(expected.slice(0, 4).map((x) => `m${x}`));
      expect(r.examples.extra).toEqual(expected.slice(0, 4).map((x) => `x${x}`));
    }
  });

  test('a composite key orders its string parts by code point too', async () => {
    const l = join(dir, 'bmp-cl.jsonl');
    const s = join(dir, 'bmp-cs.jsonl');
    writeJsonl(l, ids.map((e) => ({ e, n: 1, v: 0 })));
    writeJsonl(s, ids.map((e) => ({ e, n: 1, v: 1 })));
    const options = { key: ['e', 'n'], maxExamples: 5 };
    const expected = (await duckStrings(ids)).slice(0, 5).map((e) => [e, 1]);
    const memory = compareEvents(await loadDataset(l), await loadDataset(s), options);
    const files = await compareEventFilesWithPlan(l, s, options, 'auto');
    for (const r of [memory, files]) expect(r.fields.find((f) => f.field === 'v')!.examples.map((e) => e.key)).toEqual(expected);
  });
});
