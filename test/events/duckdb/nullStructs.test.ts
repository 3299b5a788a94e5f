/**
 * A NULL struct against a struct whose members are NULL (Parquet): loadDataset reads the first as
 * `g: null` (its members absent) and the second as `g: { x: null, y: null }`, which differ unless
 * nullEqualsMissing; compareEventFiles read both as NULL members and passed. Ground truth is
 * injected per row; both plans agree, and so do compareEvents' counts on loadDataset's rows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { compareEvents } from '../../../src/events/compareEvents.js';
import { compareEventFilesWithPlan } from '../../../src/events/duckdb/compareEventFiles.js';
import { loadDataset } from '../../../src/dataset/loadDataset.js';

const dir = mkdtempSync(join(tmpdir(), 'shadow-nullstruct-'));
const file = (name: string) => join(dir, name);

beforeAll(async () => {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  // Rows 1-4: 1 equal structs; 2 NULL struct vs NULL members (differs); 3 NULL both (equal); 4 NULL members both (equal).
  const rows = (g2: string) => `SELECT * FROM (VALUES (1, {'x': 1, 'y': 'a'}), (2, ${g2}), (3, NULL), (4, {'x': NULL, 'y': NULL})) t(id, g)`;
  await c.run(`COPY (${rows('NULL')}) TO '${file('l.parquet')}' (FORMAT parquet)`);
  await c.run(`COPY (${rows("{'x': NULL, 'y': NULL}")}) TO '${file('s.parquet')}' (FORMAT parquet)`);
  c.closeSync();
  db.closeSync();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('compareEventFiles: a NULL struct is not a struct of NULLs', () => {
  test.each(['auto', 'pairTable'] as const)('%s plan: row 2 differs on each member, as in memory', async (plan) => {
    const r = await compareEventFilesWithPlan(file('l.parquet'), file('s.parquet'), { key: 'id' }, plan);
    const memory = compareEvents(await loadDataset(file('l.parquet')), await loadDataset(file('s.parquet')), { key: 'id' });
    expect(r.verdict).toBe('fail');
    expect(r.counts).toEqual(memory.counts);
    expect(r.counts).toMatchObject({ matched: 4, equal: 3 });
    const members = (x: typeof r) => Object.fromEntries(x.fields.filter((f) => f.field.startsWith('g.')).map((f) => [f.field, [f.mismatches, f.presence]]));
    expect(members(r)).toEqual(members(memory));
    expect(members(r)).toEqual({ 'g.x': [1, { legacy: 2, shadow: 3 }], 'g.y': [1, { legacy: 2, shadow: 3 }] });
  });
});
