/**
 * Rows without a key (a key part null, missing or NaN) are counted by both engines; compareEvents
 * also shows the first of them (by their JSON text) with the key part they lack, which the file
 * engine left empty, so a report on files said "no key 3/0" without saying which rows. Ground
 * truth: the rows written without a key; the examples equal compareEvents' on loadDataset's rows.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { compareEvents } from '../../../src/events/compareEvents.js';
import { compareEventFilesWithPlan } from '../../../src/events/duckdb/compareEventFiles.js';
import { loadDataset } from '../../../src/dataset/loadDataset.js';
import { renderReport } from '../../../src/report/renderReport.js';

const dir = mkdtempSync(join(tmpdir(), 'shadow-keyless-'));
const file = (name: string) => join(dir, name);
const N = 50;
/** Legacy rows without id: 7 (null), 21 (absent), 33 (null); shadow: 40 (absent). Composite [user, id]: user absent at 12. */
const legacy = Array.from({ length: N }, (_, i) => ({ ...(i === 21 ? {} : { id: i === 7 || i === 33 ? null : i }), ...(i === 12 ? {} : { user: `u${i % 3}` }), v: i * 1.5 }));
const shadow = Array.from({ length: N }, (_, i) => ({ ...(i === 40 ? {} : { id: i }), user: `u${i % 3}`, v: i * 1.5 }));

beforeAll(async () => {
  const jsonl = (rows: object[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
  writeFileSync(file('l.jsonl'), jsonl(legacy));
  writeFileSync(file('s.jsonl'), jsonl(shadow));
  writeFileSync(file('l.csv'), 'id,user,v\n' + legacy.map((r) => `${r.id ?? ''},${r.user ?? ''},${r.v}`).join('\n') + '\n');
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  // Parquet: id DOUBLE, NaN at row 9 and NULL at 7, 21 and 33.
  await c.run(`COPY (SELECT CASE WHEN i = 9 THEN 'NaN'::DOUBLE WHEN i IN (7, 21, 33) THEN NULL ELSE i::DOUBLE END AS id, 'u' || (i % 3) AS user, i * 1.5 AS v FROM range(${N}) t(i)) TO '${file('l.parquet')}' (FORMAT parquet)`);
  c.closeSync();
  db.closeSync();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('compareEventFiles: examples of rows without a key', () => {
  test.each([
    ['l.jsonl', 's.jsonl', 'id', 3, 1],
    ['l.jsonl', 's.jsonl', ['user', 'id'], 4, 1],
    ['l.parquet', 's.jsonl', 'id', 4, 1],
    ['l.csv', 's.jsonl', 'id', 3, 1],
  ] as const)('%s against %s, key %j: %i and %i rows without a key, shown as in memory', async (l, s, key, nl, ns) => {
    for (const plan of ['auto', 'pairTable'] as const) {
      const r = await compareEventFilesWithPlan(file(l), file(s), { key: key as string | string[], maxMissingKeyRows: 10 }, plan);
      const memory = compareEvents(await loadDataset(file(l)), await loadDataset(file(s)), { key: key as string | string[], maxMissingKeyRows: 10 });
      expect([r.counts.legacyMissingKey, r.counts.shadowMissingKey]).toEqual([nl, ns]);
      expect(r.examples.missingKey).toEqual(memory.examples.missingKey);
      expect(r.examples.missingKey.filter((m) => m.side === 'legacy')).toHaveLength(Math.min(nl, 5));
    }
  });

  test('the report names the rows', async () => {
    const r = await compareEventFilesWithPlan(file('l.jsonl'), file('s.jsonl'), { key: 'id' }, 'auto');
    expect(renderReport(r)).toMatch(/Rows without key id: legacy \{"id":null,"user":"u0","v":49\.5\}; legacy \{"id":null,"user":"u1","v":10\.5\}; legacy \{"user":"u0","v":31\.5\}/);
  });
});
