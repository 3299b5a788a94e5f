import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { compareEvents } from '../../../src/index.js';
import { compareEventFiles } from '../../../src/duckdb/index.js';
import { clone, makeEvents, pickIndices } from '../../_helpers/events.js';

const dir = mkdtempSync(join(tmpdir(), 'shadow-duck-'));
const file = (name: string) => join(dir, name);
const jsonl = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

// Ground truth injected here: 17 missing, 4 extra, 23 price +0.5, 6 city changes, 2 duplicated shadow keys.
const legacy = makeEvents(1500, 21);
const missingIdx = pickIndices(1500, 17, 31);
const priceIdx = pickIndices(1500, 23, 32, new Set(missingIdx));
const cityIdx = pickIndices(1500, 6, 33, new Set([...missingIdx, ...priceIdx]));
const dupIdx = pickIndices(1500, 2, 34, new Set([...missingIdx, ...priceIdx, ...cityIdx]));
const shadow = clone(legacy);
for (const i of priceIdx) shadow[i].price += 0.5;
for (const i of cityIdx) shadow[i].geo.city = 'Berlin';
const shadowRows = [
  ...shadow.filter((_, i) => !missingIdx.includes(i)),
  ...Array.from({ length: 4 }, (_, i) => ({ ...legacy[i], id: `x${i}` })),
  ...dupIdx.map((i) => ({ ...shadow[i] })),
];
const options = { key: 'id', fields: { ts: { time: '1s' }, tags: { unordered: true } } } as const;

beforeAll(async () => {
  writeFileSync(file('legacy.jsonl'), jsonl(legacy));
  writeFileSync(file('shadow.jsonl'), jsonl(shadowRows));
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  for (const side of ['legacy', 'shadow']) {
    await c.run(`COPY (SELECT * FROM read_json_auto('${file(`${side}.jsonl`)}')) TO '${file(`${side}.parquet`)}' (FORMAT parquet)`);
  }
  c.closeSync();
  db.closeSync();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('compareEventFiles', () => {
  for (const ext of ['jsonl', 'parquet']) {
    test(`counts the injected faults in ${ext} files exactly`, async () => {
      const r = await compareEventFiles(file(`legacy.${ext}`), file(`shadow.${ext}`), options);
      expect(r.counts).toMatchObject({
        legacy: 1500,
        shadow: 1500 - 17 + 4 + 2,
        missing: 17,
        extra: 4,
        shadowDuplicateKeys: 2,
        shadowDuplicateRows: 4,
        ambiguous: 2,
        matched: 1500 - 17 - 2,
        equal: 1500 - 17 - 2 - 23 - 6,
      });
      expect(r.fields.find((f) => f.field === 'price')).toMatchObject({ mismatches: 23, shape: { kind: 'constant-offset' } });
      expect(r.fields.find((f) => f.field === 'geo.city')?.mismatches).toBe(6);
      expect(r.verdict).toBe('fail');
    });
  }

  test('agrees with the in-memory engine on counts, field mismatches, groups and delta quantiles', async () => {
    const a = await compareEventFiles(file('legacy.parquet'), file('shadow.parquet'), options);
    const b = compareEvents(legacy, shadowRows, options);
    expect(a.counts).toEqual(b.counts);
    expect(a.fields.map((f) => [f.field, f.mismatches])).toEqual(b.fields.map((f) => [f.field, f.mismatches]));
    expect(a.groups.map((g) => [g.fields, g.count])).toEqual(b.groups.map((g) => [g.fields, g.count]));
    const pa = a.fields.find((f) => f.field === 'price')!.delta!;
    const pb = b.fields.find((f) => f.field === 'price')!.delta!;
    expect(pa.n).toBe(pb.n);
    expect(pa.p99Abs).toBeCloseTo(pb.p99Abs, 9);
    expect(a.examples.missing).toEqual(b.examples.missing);
  });

  test('refuses rules it cannot run in SQL, naming the field and the way out', async () => {
    await expect(
      compareEventFiles(file('legacy.jsonl'), file('shadow.jsonl'), { key: 'id', fields: { user: { normalize: (v: unknown) => v } } }),
    ).rejects.toThrow("compareEventFiles: fields.user.normalize[0] is a function, which the SQL engine cannot run; use compareEvents on rows loaded in memory");
  });

  test('a memoryLimit that is not a size names the option (DuckDB said only "Failed to set config")', async () => {
    await expect(compareEventFiles(file('legacy.jsonl'), file('shadow.jsonl'), { key: 'id', memoryLimit: '2 gigs' })).rejects.toThrow(
      "compareEventFiles: memoryLimit must be a size such as '2GB' or '512MB', got \"2 gigs\"",
    );
  });

  test('by gives a GroupedReport (it was refused: one file per event type was needed; see byGroupFiles.test.ts)', async () => {
    const r = await compareEventFiles(file('legacy.jsonl'), file('shadow.jsonl'), { key: 'id', by: 'type' });
    expect(r.kind).toBe('grouped');
    expect(r.by).toBe('type');
  });

  test('names an unknown key column with the nearest one', async () => {
    await expect(compareEventFiles(file('legacy.jsonl'), file('shadow.jsonl'), { key: 'idd' })).rejects.toThrow(
      /key column 'idd' is not in the legacy file .*legacy\.jsonl; did you mean 'id'\?/,
    );
  });

  test('names the file it cannot read', async () => {
    writeFileSync(file('bad.jsonl'), '{"id": 1}\n{"id": \n');
    await expect(compareEventFiles(file('bad.jsonl'), file('shadow.jsonl'), { key: 'id' })).rejects.toThrow(/bad\.jsonl:2: malformed JSON/);
  });

  test('names a missing file, without the SQL that read it', async () => {
    const missing = file('nope.jsonl');
    const err = await compareEventFiles(missing, file('shadow.jsonl'), { key: 'id' }).catch((e: Error) => e);
    expect(String(err)).toContain(`cannot read legacy file ${missing}: IO Error: No files found`);
    expect(String(err)).not.toMatch(/LINE \d+:|SELECT/);
  });

  test('fails on an empty shadow file', async () => {
    writeFileSync(file('empty.csv'), 'id,price\n');
    writeFileSync(file('one.csv'), 'id,price\n1,2\n');
    const r = await compareEventFiles(file('one.csv'), file('empty.csv'), { key: 'id' });
    expect(r.verdict).toBe('fail');
    expect(r.reasons.map((x) => x.code)).toContain('EMPTY_SHADOW');
  });
});
